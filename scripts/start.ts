/**
 * `npm start`: builds when there is no build, opens the store (refusing a data folder another
 * server owns, or a file that is broken), then serves on HOST:PORT (default localhost:4321).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataDir } from '../src/server/config.ts';
import { openStore } from '../src/server/store/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = new URL('../dist/server/entry.mjs', import.meta.url);

if (!existsSync(entry)) {
  console.log('No build found: building Fairplay first (astro build)…');
  const build = spawnSync('npx', ['astro', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Saves fsync on libuv's thread pool; the default of 4 threads queues them under load.
process.env.UV_THREADPOOL_SIZE ??= '16';
process.env.NODE_ENV ??= 'production';

try {
  const store = openStore();
  console.log(`Fairplay data: ${dataDir()} (${store.countPeople()} people)`);
} catch (error) {
  console.error(`\n${(error as Error).message}\n`);
  process.exit(1);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));

await import(entry.href);
