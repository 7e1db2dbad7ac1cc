import { sessionFiles } from './sessions.ts';

/** Astro session driver: session files under DATA_DIR, resolved when the server starts (sessions.ts). */
export default function sessionDriver(options: { subdir?: string } = {}) {
  return sessionFiles(options.subdir);
}
