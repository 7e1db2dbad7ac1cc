import { join } from 'node:path';
import fsLite from 'unstorage/drivers/fs-lite';
import { dataDir } from './config.ts';

/** Astro session driver: unstorage's fs-lite under DATA_DIR, resolved when the server starts. */
export default function sessionDriver(options: { subdir?: string } = {}) {
  return fsLite({ base: join(dataDir(), options.subdir ?? 'sessions') });
}
