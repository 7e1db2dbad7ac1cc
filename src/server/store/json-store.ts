import { appendFile, open, truncate } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile, readValidatedSync, StoreFileError, writeFileDurablySync } from './durable-file.ts';
import type { z } from 'astro/zod';
import { draftOf } from './draft.ts';
import { Journal } from './journal.ts';
import { applyParts, journalEntrySchema, validateParts } from './person-parts.ts';
import { lockDataDir } from './lock.ts';
import { type AuditEntry, auditEntrySchema, type OrgDoc, orgDocSchema, type PersonDoc, personDocSchema, type Profile } from './schema.ts';

/** A change refused because of what is already stored (duplicate email, unknown id). */
export class StoreConflictError extends Error {
  readonly code: 'duplicate-email' | 'not-found' | 'duplicate-team';
  constructor(code: 'duplicate-email' | 'not-found' | 'duplicate-team', message: string) {
    super(message);
    this.code = code;
    this.name = 'StoreConflictError';
  }
}

type JournalEntry = z.input<typeof journalEntrySchema>;

const describeIssue = (error: z.ZodError) => {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'top level'}: ${issue?.message}`;
};

/** Journal size after which the saved documents are written to their own files (thousands of saves). */
const CHECKPOINT_BYTES = 8 * 2 ** 20;

export interface StoreOptions {
  /** Journal size that starts a checkpoint (tests use a small one). */
  checkpointBytes?: number;
}

export const emptyPerson = (profile: Profile): PersonDoc => ({
  v: 1,
  profile,
  lessons: {},
  quizAttempts: [],
  reviewCards: [],
  scenarioRuns: [],
  assessments: [],
});

/**
 * The embedded store: one lowdb document per person (`people/{id}.json`), one small organisation
 * document (`org.json`), and an append-only audit log. Saves to person documents go through a
 * journal (`journal/*.jsonl`, see journal.ts) so many people's saves share one fsync. Everything
 * is loaded and validated at start; what HR reads is derived from the person documents in memory.
 */
export class JsonStore {
  readonly #people = new Map<string, Low<PersonDoc>>();
  readonly #byEmail = new Map<string, string>();
  readonly #org: Low<OrgDoc>;
  readonly #auditPath: string;
  /** Byte length of the audit log without a partial last line left by a crash (set when there is one). */
  #auditCleanLength: number | undefined;
  #auditRepair: Promise<void> = Promise.resolve();
  readonly #journal: Journal;
  /** People saved through the journal since its last checkpoint began. */
  readonly #dirty = new Set<string>();
  #checkpointRun: Promise<void> | null = null;
  readonly #checkpointBytes: number;
  readonly #unlock: () => void;

  readonly dir: string;

  private constructor(dir: string, org: Low<OrgDoc>, journal: Journal, unlock: () => void, checkpointBytes: number) {
    this.dir = dir;
    this.#checkpointBytes = checkpointBytes;
    this.#org = org;
    this.#journal = journal;
    this.#auditPath = join(dir, 'audit.jsonl');
    this.#unlock = unlock;
  }

  /** Lets another process open the folder (every answered save is already on disk). */
  release(): void {
    void this.#journal.close();
    this.#unlock();
  }

  /**
   * Opens `dir`: locks it, reads and validates every file, and replays the save journal over the
   * person files (the next checkpoint files those saves and drops the old journal). Throws
   * StoreFileError naming a bad file, having changed nothing.
   */
  static open(dir: string, options: StoreOptions = {}): JsonStore {
    mkdirSync(join(dir, 'people'), { recursive: true });
    const release = lockDataDir(dir);
    try {
      const orgPath = join(dir, 'org.json');
      const orgData = readValidatedSync(orgPath, orgDocSchema);
      if (!orgData) writeFileDurablySync(orgPath, JSON.stringify({ v: 1, teams: [], assignments: [] }));
      const org = new Low(new DurableJsonFile(orgPath, orgDocSchema), { v: 1, teams: [], assignments: [] });
      org.data = orgData ?? org.data;

      const docs = new Map<string, PersonDoc>();
      for (const name of readdirSync(join(dir, 'people'))) {
        // A crash between writing a temp file and renaming it leaves the temp file behind; the
        // real file still holds the last acknowledged save, so a leftover of another (dead: we hold the
        // lock) process can go.
        if (name.startsWith('.') && name.endsWith('.tmp') && !name.includes(`.${process.pid}.`)) {
          rmSync(join(dir, 'people', name), { force: true });
          continue;
        }
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const path = join(dir, 'people', name);
        const doc = readValidatedSync(path, personDocSchema);
        if (!doc) continue;
        if (`${doc.profile.id}.json` !== name) throw new StoreFileError(path, `it holds person ${doc.profile.id}, not ${name}`);
        docs.set(doc.profile.id, doc);
      }
      const replayed = new Set<string>();
      const journal = Journal.replay(join(dir, 'journal'), (value) => {
        const entry = journalEntrySchema.safeParse(value);
        if (!entry.success) return `not a journal entry (${describeIssue(entry.error)})`;
        let doc: PersonDoc;
        if ('put' in entry.data) doc = entry.data.put;
        else {
          const before = docs.get(entry.data.id);
          if (!before) return `a save for person ${entry.data.id}, who was never added`;
          const touched = new Map<string, unknown>(Object.entries(entry.data.set));
          for (const key of entry.data.unset ?? []) touched.set(key, undefined);
          try {
            doc = applyParts(before, validateParts(touched));
          } catch (error) {
            return `an invalid save for person ${entry.data.id} (${describeIssue(error as z.ZodError)})`;
          }
        }
        docs.set(doc.profile.id, doc);
        replayed.add(doc.profile.id);
        return null;
      });

      const store = new JsonStore(dir, org, journal, release, options.checkpointBytes ?? CHECKPOINT_BYTES);
      for (const doc of docs.values()) store.#addPerson(doc);
      store.#checkAudit();
      // Not written now (start-up stays quick): the journal's older files count towards the next
      // checkpoint, which writes these people's files and removes them.
      for (const id of replayed) store.#dirty.add(id);
      return store;
    } catch (error) {
      release();
      throw error;
    }
  }

  #checkAudit(): void {
    if (!existsSync(this.#auditPath)) return;
    const text = readFileSync(this.#auditPath, 'utf8');
    const lines = text.split('\n');
    const tail = lines.at(-1) ?? '';
    // Dropped before the next append, so it never becomes a broken line in the middle.
    if (tail) this.#auditCleanLength = Buffer.byteLength(text.slice(0, text.length - tail.length));
    lines.forEach((line, i) => {
      // A crash mid-append can leave a partial last line; it was never acknowledged, so skip it.
      if (!line.trim() || i === lines.length - 1) return;
      try {
        auditEntrySchema.parse(JSON.parse(line));
      } catch {
        throw new StoreFileError(this.#auditPath, `line ${i + 1} is not a valid audit entry`);
      }
    });
  }

  #addPerson(doc: PersonDoc): Low<PersonDoc> {
    const low = new Low(new DurableJsonFile(join(this.dir, 'people', `${doc.profile.id}.json`), personDocSchema), doc);
    this.#people.set(doc.profile.id, low);
    this.#byEmail.set(doc.profile.email.toLowerCase(), doc.profile.id);
    return low;
  }

  // People

  countPeople(): number {
    return this.#people.size;
  }

  /** Every person document, read-only: callers must change data through the named functions. */
  *people(): Iterable<Readonly<PersonDoc>> {
    for (const low of this.#people.values()) yield low.data;
  }

  getPerson(id: string): Readonly<PersonDoc> | undefined {
    return this.#people.get(id)?.data;
  }

  findPersonByEmail(email: string): Readonly<PersonDoc> | undefined {
    const id = this.#byEmail.get(email.trim().toLowerCase());
    return id ? this.getPerson(id) : undefined;
  }

  /** Creates people; all or nothing for what can be checked first (emails unique). */
  async addPeople(profiles: Profile[]): Promise<void> {
    const emails = new Set<string>();
    for (const p of profiles) {
      const email = p.email.toLowerCase();
      if (this.#byEmail.has(email) || emails.has(email))
        throw new StoreConflictError('duplicate-email', `${p.email} already has an account`);
      emails.add(email);
    }
    const docs = profiles.map((p) => personDocSchema.parse(emptyPerson(p)));
    for (const doc of docs) this.#addPerson(doc);
    await Promise.all(docs.map((doc) => this.#log({ put: doc }, doc.profile.id)));
  }

  /**
   * Applies `change` to a draft of one person's document (draft.ts: the fields it touches are
   * copies), validates what it touched and saves that durably: resolves once the change is in the
   * journal on disk. Nothing changes when `change` throws or the result is invalid.
   */
  async updatePerson<R>(id: string, change: (doc: PersonDoc) => R): Promise<R> {
    const low = this.#people.get(id);
    if (!low) throw new StoreConflictError('not-found', `no person ${id}`);
    const { draft, touched } = draftOf(low.data);
    const result = change(draft);
    const parts = validateParts(touched());
    const next = applyParts(low.data, parts);
    const oldEmail = low.data.profile.email.toLowerCase();
    const newEmail = next.profile.email.toLowerCase();
    if (newEmail !== oldEmail) {
      if (this.#byEmail.has(newEmail)) throw new StoreConflictError('duplicate-email', `${next.profile.email} already has an account`);
      this.#byEmail.delete(oldEmail);
      this.#byEmail.set(newEmail, id);
    }
    low.data = next;
    await this.#log({ id, set: parts.set, ...(parts.unset.length > 0 ? { unset: parts.unset } : {}) }, id);
    return result;
  }

  /** Appends a save to the journal (answered once it is on disk) and checkpoints when it is due. */
  async #log(entry: JournalEntry, id: string): Promise<void> {
    this.#dirty.add(id);
    await this.#journal.append(JSON.stringify(entry));
    if (this.#journal.bytes >= this.#checkpointBytes && !this.#checkpointRun) void this.checkpoint();
  }

  /**
   * Writes the documents saved since the last checkpoint to their own files (durably, through
   * lowdb), then deletes the journal files that held them. Runs in the background once the journal
   * passes the checkpoint size; saves go on meanwhile, into a new journal file. A failed file write
   * keeps the journal (and retries those people next time): nothing answered is ever only in memory.
   * Asked for while one runs, it runs again after it, so it resolves with every earlier save filed.
   */
  checkpoint(): Promise<void> {
    const run = (this.#checkpointRun ?? Promise.resolve()).then(() => this.#checkpointOnce());
    this.#checkpointRun = run;
    void run.finally(() => {
      if (this.#checkpointRun === run) this.#checkpointRun = null;
    });
    return run;
  }

  async #checkpointOnce(): Promise<void> {
    const newFile = await this.#journal.rotate();
    const ids = [...this.#dirty];
    this.#dirty.clear();
    try {
      await Promise.all(ids.map((id) => this.#people.get(id)?.write()));
      await this.#journal.removeBefore(newFile);
    } catch (error) {
      for (const id of ids) this.#dirty.add(id);
      console.error(`Fairplay: checkpoint failed, the journal is kept: ${(error as Error).message}`);
    }
  }

  // Organisation

  get org(): Readonly<OrgDoc> {
    return this.#org.data;
  }

  async updateOrg<R>(change: (org: OrgDoc) => R): Promise<R> {
    const draft = structuredClone(this.#org.data);
    const result = change(draft);
    this.#org.data = orgDocSchema.parse(draft);
    await this.#org.write();
    return result;
  }

  // Audit log: appended, fsynced, never rewritten.

  async appendAudit(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(auditEntrySchema.parse(entry))}\n`;
    if (this.#auditCleanLength !== undefined) {
      // Started once, synchronously, so concurrent appends all wait for it and none is cut.
      this.#auditRepair = truncate(this.#auditPath, this.#auditCleanLength);
      this.#auditCleanLength = undefined;
    }
    await this.#auditRepair;
    await appendFile(this.#auditPath, line, { mode: 0o600 });
    const handle = await open(this.#auditPath, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  readAudit(): AuditEntry[] {
    if (!existsSync(this.#auditPath)) return [];
    return readFileSync(this.#auditPath, 'utf8')
      .split('\n')
      .flatMap((line) => {
        if (!line.trim()) return [];
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch {
          return []; // a partial last line left by a crash
        }
        const parsed = auditEntrySchema.safeParse(raw);
        return parsed.success ? [parsed.data] : [];
      });
  }
}
