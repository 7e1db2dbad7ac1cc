import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { type FileHandle, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreFileError } from './durable-file.ts';

/**
 * The save journal (write-ahead log): every save is appended as one JSON line to
 * `journal/{seq}.jsonl`, and answered once its line is fsynced. Concurrent saves share one write
 * and one fsync (group commit across files), so a burst of saves from many people costs a few
 * fsyncs instead of two per person. The documents' own files are brought up to date later, in a
 * checkpoint (json-store.ts), after which the journal files it covered are deleted.
 *
 * Why nothing answered is lost: a line is answered only after `datasync` returns, on a file whose
 * folder entry was made durable when the file was created. Replay, at open, applies the lines of
 * every journal file in order over the documents' files; a checkpoint writes a document as it is
 * in memory (never older than its journal lines), so replaying older lines over a newer file and
 * then the newer lines ends at the last save, even if a checkpoint was cut off half-way.
 */
export class Journal {
  readonly dir: string;
  #seq: number;
  #handle: FileHandle | null = null;
  #bytes = 0;
  #pending: { text: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  #flushing = false;

  private constructor(dir: string, seq: number, bytes: number) {
    this.dir = dir;
    this.#seq = seq;
    this.#bytes = bytes;
  }

  /** Bytes in the journal files not yet removed by a checkpoint (older ones included). */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Reads every journal file in `dir`, oldest first, and hands each line to `apply`, which applies
   * it and returns null, or returns why the line cannot be used. The last lines of a file may have
   * been cut off by a crash (they were never answered) and are skipped; a bad line followed by a
   * good one means the file is damaged, and opening stops with a StoreFileError naming it (the
   * file is not changed). Returns the journal, which writes to a new file after the newest found.
   */
  static replay(dir: string, apply: (value: unknown) => string | null): Journal {
    mkdirSync(dir, { recursive: true });
    const files = journalFiles(dir);
    let bytes = 0;
    for (const { path } of files) {
      let bad: { line: number; reason: string } | null = null;
      const text = readFileSync(path, 'utf8');
      bytes += Buffer.byteLength(text);
      const lines = text.split('\n');
      for (const [i, line] of lines.entries()) {
        if (!line) continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          bad ??= { line: i + 1, reason: 'not valid JSON' };
          continue;
        }
        if (bad) throw new StoreFileError(path, `line ${bad.line} is damaged (${bad.reason}) but later lines are not`);
        const reason = apply(value);
        if (reason) bad = { line: i + 1, reason };
      }
    }
    return new Journal(dir, (files.at(-1)?.seq ?? 0) + 1, bytes);
  }

  /** Deletes journal files older than `seq` (their lines are all in the documents' files now). */
  async removeBefore(seq: number): Promise<void> {
    for (const file of journalFiles(this.dir).filter((f) => f.seq < seq)) {
      const { size } = await stat(file.path);
      await rm(file.path, { force: true });
      this.#bytes -= size;
    }
  }

  /** Appends one line; resolves once it is on disk. Lines queued during a write go in the next one. */
  append(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ text: `${line}\n`, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  /**
   * Starts a new journal file for the lines that follow; resolves with the sequence number of the
   * new file once every line before it is on disk. Everything in the files before it may then be
   * checkpointed.
   */
  rotate(): Promise<number> {
    return new Promise((resolve, reject) => {
      // Queued as a pseudo-line: the writer switches files when it reaches it.
      this.#pending.push({ text: '', resolve: () => resolve(this.#seq), reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#pending.length > 0) {
      const cut = this.#pending.findIndex((p) => p.text === '');
      const batch = this.#pending.splice(0, cut === 0 ? 1 : cut === -1 ? this.#pending.length : cut);
      try {
        if (batch[0]?.text === '') {
          await this.#switchFile();
        } else {
          const handle = await this.#file();
          const text = batch.map((p) => p.text).join('');
          await handle.writeFile(text); // writes it all (appending: the file is opened with O_APPEND)
          await handle.datasync();
          this.#bytes += Buffer.byteLength(text);
        }
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error as Error);
        // A failed write may have left part of a line: later lines go to a fresh file, so the
        // damage stays at the end of a file, where replay expects a cut-off line.
        await this.#switchFile().catch(() => undefined);
      }
    }
    this.#flushing = false;
  }

  /** The current file, created (and its folder entry made durable) on first use. */
  async #file(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    const handle = await open(join(this.dir, fileName(this.#seq)), 'a', 0o600);
    const folder = await open(this.dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    this.#handle = handle;
    return handle;
  }

  async #switchFile(): Promise<void> {
    const old = this.#handle;
    this.#handle = null;
    this.#seq += 1;
    await old?.close();
  }

  /** Closes the current file (lines already answered are on disk). */
  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
  }
}

const fileName = (seq: number) => `${String(seq).padStart(8, '0')}.jsonl`;

function journalFiles(dir: string): { seq: number; path: string }[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const match = /^(\d{8})\.jsonl$/.exec(name);
      return match ? [{ seq: Number(match[1]), path: join(dir, name) }] : [];
    })
    .sort((a, b) => a.seq - b.seq);
}
