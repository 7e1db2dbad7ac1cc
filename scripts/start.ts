/**
 * `npm start`: builds when there is no build, opens the store (refusing a data folder another
 * server owns, or a file that is broken), then serves on HOST:PORT (default localhost:4321).
 * The HTTP server is ours rather than the adapter's, so the busiest write (marking a lesson read)
 * can be answered before the framework's request path (src/server/direct-lesson-save.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { dataDir } from '../src/server/config.ts';
import { answerLessonSave } from '../src/server/direct-lesson-save.ts';
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

// The adapter's own request handler (static files, then Astro), without its server.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const { handler, options } = (await import(entry.href)) as { handler: Handler; options: { host?: string | boolean; port?: number } };

const listener = (req: IncomingMessage, res: ServerResponse) => {
  answerLessonSave(req, res)
    .then((answered) => answered || handler(req, res))
    .catch((error: Error) => {
      // A failure anywhere is this request's 500, never an unhandled rejection that ends the server.
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
};
const { SERVER_CERT_PATH: cert, SERVER_KEY_PATH: key } = process.env;
const server = cert && key ? createHttpsServer({ cert: readFileSync(cert), key: readFileSync(key) }, listener) : createServer(listener);
const port = Number(process.env.PORT || options.port || 4321);
const host = process.env.HOST ?? (options.host === true ? '0.0.0.0' : options.host || 'localhost');
server.listen(port, host, () => console.log(`Fairplay is serving on ${cert && key ? 'https' : 'http'}://${host}:${port}/`));
