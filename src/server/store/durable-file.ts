import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'astro/zod';

/** A store file that cannot be read; the server refuses to start and leaves the file as it is. */
export class StoreFileError extends Error {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`Fairplay cannot use ${file}: ${reason}. The file was left untouched; restore it from a backup or fix it, then start again.`);
    this.name = 'StoreFileError';
    this.file = file;
  }
}

let tempCounter = 0;
const tempName = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);

/** Writes `text` so that after a crash the file holds either the old or the new content, never a mix. */
export async function writeFileDurably(path: string, text: string): Promise<void> {
  const temp = tempName(path);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncDir(dirname(path)); // makes the rename itself durable
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const dirSyncs = new Map<string, { running: Promise<void>; queued: Promise<void> | null }>();

/**
 * Resolves once `dir` has been fsynced by a sync that started after this call. Concurrent saves to
 * different files in one folder share that sync (group commit for the folder), so a burst of saves
 * costs one fsync each plus a few for the folder, rather than two each.
 */
function syncDir(dir: string): Promise<void> {
  let state = dirSyncs.get(dir);
  if (!state) {
    state = { running: Promise.resolve(), queued: null };
    dirSyncs.set(dir, state);
  }
  if (state.queued) return state.queued; // not started yet: it will cover this caller's rename
  const s = state;
  s.queued = s.running
    .catch(() => undefined)
    .then(() => {
      s.queued = null;
      s.running = fsyncDir(dir);
      return s.running;
    });
  return s.queued;
}

/** Synchronous twin of `writeFileDurably`, for one-off writes at start-up and in scripts. */
export function writeFileDurablySync(path: string, text: string): void {
  const temp = tempName(path);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** Reads and validates a JSON file; a missing file gives null, anything else wrong throws StoreFileError. */
export function readValidatedSync<S extends z.ZodType>(path: string, schema: S): z.output<S> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreFileError(path, (error as Error).message);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreFileError(path, `it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreFileError(
      path,
      `it does not match the expected shape at ${issue?.path.join('.') || 'the top level'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/**
 * lowdb adapter with durable writes and validated reads. Writes to one file are serialised, and a
 * write requested while another is running is merged into the next one (group commit), so a burst
 * of saves costs at most two file writes and every caller is answered only once its data is on disk.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  #queued: Promise<void> | null = null;
  #running: Promise<void> = Promise.resolve();
  #latest: T | undefined;

  readonly path: string;
  readonly schema: z.ZodType<T>;

  constructor(path: string, schema: z.ZodType<T>) {
    this.path = path;
    this.schema = schema;
  }

  async read(): Promise<T | null> {
    return readValidatedSync(this.path, this.schema) as T | null;
  }

  write(data: T): Promise<void> {
    this.#latest = data;
    if (this.#queued) return this.#queued;
    const queued = this.#running
      .catch(() => undefined)
      .then(() => {
        this.#queued = null;
        // Serialised now, not when queued: the latest state includes every merged save.
        this.#running = writeFileDurably(this.path, JSON.stringify(this.#latest));
        return this.#running;
      });
    this.#queued = queued;
    return queued;
  }
}
