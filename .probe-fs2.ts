import { writeFileDurably } from '/work/main/src/server/store/durable-file.ts';
import { mkdtempSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, basename } from 'node:path';
const dir = mkdtempSync(join(tmpdir(), 'fsync-'));
let c = 0;
const state = new Map<string, { running: Promise<void>; queued: Promise<void> | null }>();
async function fsyncDir(d: string) { const h = await open(d, 'r'); try { await h.sync(); } finally { await h.close(); } }
function syncDir(d: string): Promise<void> {
  let s = state.get(d); if (!s) { s = { running: Promise.resolve(), queued: null }; state.set(d, s); }
  if (s.queued) return s.queued;
  const st = s;
  st.queued = st.running.catch(() => undefined).then(() => { st.queued = null; st.running = fsyncDir(d); return st.running; });
  return st.queued;
}
async function coalesced(path: string, text: string) {
  const temp = join(dirname(path), `.${basename(path)}.${++c}.tmp`);
  const h = await open(temp, 'w', 0o600);
  try { await h.writeFile(text, 'utf8'); await h.sync(); } finally { await h.close(); }
  await rename(temp, path);
  await syncDir(dirname(path));
}
const text = 'x'.repeat(9000);
for (let round = 0; round < 3; round++) for (const [name, fn] of [['original', writeFileDurably], ['coalesced', coalesced]] as const) for (const conc of [1, 64]) {
  const t0 = performance.now(); let n = 0; const total = conc === 1 ? 300 : 1600;
  await Promise.all(Array.from({ length: conc }, async (_, w) => { while (n < total) { n++; await fn(join(dir, `f${w}-${n % 200}.json`), text); } }));
  const ms = performance.now() - t0;
  console.log(`${name} conc ${conc}: ${(ms / total).toFixed(2)} ms/write amortised, ${(total / ms * 1000).toFixed(0)} writes/s`);
}
