import { dataDir } from '../config.ts';
import { perProcess } from '../per-process.ts';
import { JsonStore } from './json-store.ts';

export { StoreConflictError } from './json-store.ts';
export { StoreFileError } from './durable-file.ts';
export type * from './schema.ts';

// The start script opens the store before the server bundle loads, and the bundle (or the dev
// server) must find that same instance rather than open the folder twice.
const current = perProcess<JsonStore>('store');

/** Opens the store in DATA_DIR once per process; throws (naming the file) if it cannot be used. */
export function openStore(dir?: string): JsonStore {
  return current.get() ?? current.set(JsonStore.open(dir ?? dataDir()));
}

/** The store this process serves from. */
export function getStore(): JsonStore {
  return openStore();
}

/** Forgets the store (tests and scripts that open several folders). */
export function closeStore(): void {
  current.get()?.release();
  current.clear();
}
