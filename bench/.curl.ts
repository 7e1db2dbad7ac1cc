import { rmSync } from 'node:fs';
import { httpRequest, makeBenchUsers, seedDataDir, startServer } from './lib.ts';
const users = await makeBenchUsers(2);
const seeded = seedDataDir({ people: 10, benchUsers: users });
const server = await startServer(seeded.dir, { name: 'curl' });
for (const p of ['/healthz', '/favicon.svg', '/zh/']) { const r = await httpRequest(server.origin, 'GET', p); console.log(p, r.status, r.headers.location, r.ms.toFixed(1)); }
const { execSync } = await import('node:child_process');
console.log(execSync(`curl -si ${server.origin}/healthz | head -20`).toString());
await server.stop();
rmSync(seeded.dir, { recursive: true, force: true });
