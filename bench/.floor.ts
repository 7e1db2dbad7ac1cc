import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { lessonPath, makeBenchUsers, readContentIds, seedDataDir, signInAll, startServer, stats } from './lib.ts';
const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const sys = () => { const f = readFileSync('/proc/stat','utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number); return { busy: (f[0]!+f[1]!+f[2]!+f[5]!+f[6]!) * 10, all: f.reduce((a,b)=>a+b,0) * 10 }; };
const cpu = (pid: number | 'self') => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const users = await makeBenchUsers(64);
const seeded = seedDataDir({ people: 1000, benchUsers: users });
const server = await startServer(seeded.dir, { name: 'floor' });
const cookies = await signInAll(server.origin, users);
const path = lessonPath(readContentIds());
async function run(name: string, opts: Record<string, unknown>) {
  const s0 = cpu(server.pid), b0 = cpu('self'), y0 = sys(), t0 = performance.now();
  const { path: p, ...rest } = opts as { path: string }; const r = await autocannon({ url: server.origin + p, connections: 64, duration: 5, ...rest });
  const wall = performance.now() - t0;
  console.log(`${name.padEnd(28)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${r.latency.p50} p97.5 ${r.latency.p97_5} p99 ${r.latency.p99}  codes ${JSON.stringify(r.statusCodeStats)}  server cpu ${(cpu(server.pid) - s0) / wall * 100 | 0}% (${((cpu(server.pid) - s0) / (r.requests.total)).toFixed(2)} ms/req) bench cpu ${(cpu('self') - b0) / wall * 100 | 0}% others ${((sys().busy - y0.busy) - (cpu(server.pid) - s0) - (cpu('self') - b0)) / wall * 100 | 0}%`);
}
await run('GET /healthz', { path: '/healthz' });
await run('GET /_astro/missing.css', { path: '/favicon.svg' });
await run('POST lesson anonymous', { path, method: 'POST', headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
await run('POST lesson signed-in 1 user', { path, method: 'POST', headers: { cookie: cookies[0], origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
await server.stop();
rmSync(seeded.dir, { recursive: true, force: true });
