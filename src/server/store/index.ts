import { dataDir } from '../config.ts';
import { JsonStore } from './json-store.ts';

export { StoreConflictError } from './json-store.ts';
export { StoreFileError } from './durable-file.ts';
export type * from './schema.ts';

// Kept on globalThis: the start script opens the store before the server bundle loads, and the
// bundle (or the dev server) must find that same instance rather than open the folder twice.
const KEY = Symbol.for('fairplay.store');
type Holder = { [KEY]?: JsonStore };

/** Opens the store in DATA_DIR once per process; throws (naming the file) if it cannot be used. */
export function openStore(dir = dataDir()): JsonStore {
  const holder = globalThis as Holder;
  holder[KEY] ??= JsonStore.open(dir);
  return holder[KEY];
}

/** The store this process serves from. */
export function getStore(): JsonStore {
  return openStore();
}

/** Forgets the store (tests and scripts that open several folders). */
export function closeStore(): void {
  const holder = globalThis as Holder;
  holder[KEY]?.release();
  delete holder[KEY];
}
