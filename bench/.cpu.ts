import { readFileSync, rmSync } from 'node:fs';
import { lessonPath, loadTest, makeBenchUsers, readContentIds, seedDataDir, signInAll, startServer, timeSaves, stats } from './lib.ts';
const cpu = (pid: number | 'self') => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const users = await makeBenchUsers(64);
const seeded = seedDataDir({ people: 1000, benchUsers: users });
const server = await startServer(seeded.dir, { name: 'cpu', env: JSON.parse(process.env.SERVER_ENV ?? '{}') });
const cookies = await signInAll(server.origin, users);
const path = lessonPath(readContentIds());
const conc = Number(process.argv[3] ?? 1);
for (const mode of (process.argv[2] ?? 'load').split(',')) {
  const s0 = cpu(server.pid), b0 = cpu('self'), t0 = performance.now();
  if (mode === 'seq') { const r = await timeSaves(server.origin, path, cookies, 1500, conc); console.log(mode, conc, 'req/s', (r.ms.length / (performance.now() - t0) * 1000).toFixed(0), stats(r.ms)); }
  else { const r = await loadTest(server.origin, path, cookies, 5); console.log('load req/s', r.requestsPerSecond.toFixed(0), r.latency, r.errors); }
  const wall = performance.now() - t0;
  console.log(`server cpu ${(cpu(server.pid) - s0) / wall * 100 | 0}%  bench cpu ${(cpu('self') - b0) / wall * 100 | 0}%`);
}
await server.stop();
rmSync(seeded.dir, { recursive: true, force: true });
