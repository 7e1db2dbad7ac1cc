import { resolve } from 'node:path';

/** The data folder, read when the server starts (never at build time). */
export function dataDir(): string {
  return resolve(process.env.DATA_DIR || './data');
}

/** True when cookies must be Secure: production, unless explicitly served over plain HTTP. */
export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production' && process.env.FAIRPLAY_INSECURE_COOKIES !== '1';
}
