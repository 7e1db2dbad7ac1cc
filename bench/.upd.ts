import { rmSync } from 'node:fs';
import { JsonStore } from '../src/server/store/json-store.ts';
import { seedDataDir, stats } from './lib.ts';
const seeded = seedDataDir({ people: 200, benchUsers: [] });
const store = JsonStore.open(seeded.dir);
const ids = [...store.people()].map((d) => d.profile.id);
for (const conc of [1, 8, 64]) {
  const ms: number[] = []; let next = 0; const t0 = performance.now();
  await Promise.all(Array.from({ length: conc }, async (_, w) => { while (next < 2000) { const i = next++; const id = ids[i % ids.length]!; const s = performance.now(); await store.updatePerson(id, (d) => { d.lastLesson = { key: 'm/l', at: new Date().toISOString() }; }); ms.push(performance.now() - s); } }));
  const st = stats(ms); console.log(`conc ${conc}: ${(2000 / (performance.now() - t0) * 1000).toFixed(0)} saves/s p50 ${st.p50.toFixed(2)} p95 ${st.p95.toFixed(2)} p99 ${st.p99.toFixed(2)}`);
}
store.release(); rmSync(seeded.dir, { recursive: true, force: true });
