import { readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lessonPath, loadTest, makeBenchUsers, readContentIds, seedDataDir, signInAll, startServer, timeSaves, stats } from './lib.ts';
const profDir = '/tmp/fairplay-prof';
rmSync(profDir, { recursive: true, force: true }); mkdirSync(profDir);
const users = await makeBenchUsers(64);
const seeded = seedDataDir({ people: 100, benchUsers: users });
const server = await startServer(seeded.dir, { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir}` }, name: 'prof' });
const cookies = await signInAll(server.origin, users);
const path = lessonPath(readContentIds());
const mode = process.argv[2] ?? 'load';
if (mode === 'seq') { const r = await timeSaves(server.origin, path, cookies, 4000, Number(process.argv[3] ?? 1)); console.log(stats(r.ms)); }
else { const r = await loadTest(server.origin, path, cookies, 15); console.log(r.requestsPerSecond, r.latency); }
await server.stop();
rmSync(seeded.dir, { recursive: true, force: true });
const file = readdirSync(profDir)[0];
const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8'));
const self = new Map(); const byUrl = new Map();
const dt = new Map();
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
let total = 0;
for (const n of prof.nodes) {
  const t = (dt.get(n.id) ?? 0) / 1000; total += t;
  const cf = n.callFrame; const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*node_modules\//, 'nm/').replace('file:///work/main/', '')}:${cf.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + t);
  const u = cf.url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, 'nm:$1').replace(/^file:\/\/\/work\/main\/dist\/server\/chunks\/.*/, 'dist-chunks').replace(/^file:\/\/\/work\/main\//, '') || cf.functionName;
  byUrl.set(u, (byUrl.get(u) ?? 0) + t);
}
console.log('total ms', total.toFixed(0));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const incl = new Map();
const visit = (n, stack) => { let t = (dt.get(n.id) ?? 0) / 1000; for (const c of n.children ?? []) t += visit(byId.get(c), stack); const cf = n.callFrame; const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*node_modules\//, 'nm/').replace('file:///work/main/', '')}:${cf.lineNumber}`; if (!stack.has(key)) incl.set(key, (incl.get(key) ?? 0) + t); return t; };
const visit2 = (n, stack) => { const cf = n.callFrame; const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*node_modules\//, 'nm/').replace('file:///work/main/', '')}:${cf.lineNumber}`; let t = (dt.get(n.id) ?? 0) / 1000; const had = stack.has(key); stack.add(key); for (const c of n.children ?? []) t += visit2(byId.get(c), stack); if (!had) { stack.delete(key); incl.set(key, (incl.get(key) ?? 0) + t); } return t; };
visit2(prof.nodes[0], new Set());
console.log('=== inclusive');
const pick = ['(idle)', '(garbage collector)', '(program)', 'updatePerson', 'writeFileDurably', 'structuredClone', '#ensureData', 'readFile node:internal/fs/promises', 'onstat', 'sendFile', 'generateCspDigest', 'markLessonRead', 'parserOnIncoming', 'writeResponse', 'createRequestFromNodeRequest', 'handleMiddleware', 'import node:internal/modules/esm/loader', 'userFromId', 'verifyPassword'];
for (const k of pick) { const hits = [...incl].filter(([key]) => key.startsWith(k)); console.log('PICK', k.padEnd(40), hits.reduce((a, [, v]) => a + v, 0).toFixed(0)); }
console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 70).map(([k, v]) => `${v.toFixed(0).padStart(7)} ${k}`).join('\n'));
console.log([...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(7)} ${k}`).join('\n'));
console.log('---');
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, v]) => `${v.toFixed(0).padStart(7)} ${k}`).join('\n'));
