import { join } from 'node:path';
import { unflatten } from 'devalue';
import type { Driver } from 'unstorage';
import fsLite from 'unstorage/drivers/fs-lite';
import { dataDir } from './config.ts';
import { perProcess } from './per-process.ts';

/** The session cookie's name (astro.config.mjs gives it to Astro). */
export const SESSION_COOKIE = 'fairplay_session';

/** Sessions kept in memory at most; the least recently used are read from their files again. */
const CACHED_SESSIONS = 20_000;

const current = perProcess<Driver>('sessions');

/**
 * Session files under DATA_DIR/sessions (unstorage's fs-lite), with the sessions in use kept in
 * memory: one server owns the data folder, so nothing else changes the files behind its back, and
 * a signed-in request then costs no file read. Shared by Astro's session driver and the direct
 * lesson save (see direct-lesson-save.ts).
 */
export function sessionFiles(subdir = 'sessions'): Driver {
  const existing = current.get();
  if (existing) return existing;
  const files = fsLite({ base: join(dataDir(), subdir) });
  const cache = new Map<string, string>();
  const remember = (key: string, value: string) => {
    cache.delete(key);
    cache.set(key, value);
    if (cache.size > CACHED_SESSIONS) cache.delete(cache.keys().next().value as string);
  };
  const getItem = async (key: string): Promise<string | null> => {
    const hit = cache.get(key);
    if (hit !== undefined) {
      remember(key, hit);
      return hit;
    }
    // Unknown ids are not remembered: random cookies must not fill the memory.
    const value = (await files.getItem?.(key, {})) as string | null;
    if (typeof value === 'string') remember(key, value);
    return value;
  };
  return current.set({
    ...files,
    name: 'fairplay-sessions',
    getItem,
    async hasItem(key) {
      return (await getItem(key)) !== null;
    },
    async setItem(key, value, options) {
      await files.setItem?.(key, value, options);
      remember(key, value);
    },
    async removeItem(key, options) {
      cache.delete(key);
      await files.removeItem?.(key, options);
    },
  });
}

/**
 * The person a session belongs to, read the way Astro stores it (a devalue-flattened Map of
 * key → { data, expires }); null when there is no such session, it has expired, or it is unreadable.
 */
export async function sessionUserId(sessionId: string, now = Date.now()): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const raw = await sessionFiles().getItem(sessionId, {});
  if (typeof raw !== 'string') return null;
  try {
    const data = unflatten(JSON.parse(raw)) as unknown;
    if (!(data instanceof Map)) return null;
    const entry = data.get('userId') as { data?: unknown; expires?: unknown } | undefined;
    if (typeof entry?.data !== 'string') return null;
    if (typeof entry.expires === 'number' && entry.expires < now) return null;
    return entry.data;
  } catch {
    return null;
  }
}
