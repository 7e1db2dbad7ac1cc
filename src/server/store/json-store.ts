import { appendFile, open, truncate } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile, readValidatedSync, StoreFileError, writeFileDurablySync } from './durable-file.ts';
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
 * document (`org.json`), and an append-only audit log. Everything is loaded and validated at
 * start; what HR reads is derived from the person documents in memory.
 */
export class JsonStore {
  readonly #people = new Map<string, Low<PersonDoc>>();
  readonly #byEmail = new Map<string, string>();
  readonly #org: Low<OrgDoc>;
  readonly #auditPath: string;
  /** Byte length of the audit log without a partial last line left by a crash (set when there is one). */
  #auditCleanLength: number | undefined;
  #auditRepair: Promise<void> = Promise.resolve();
  readonly release: () => void;

  readonly dir: string;

  private constructor(dir: string, org: Low<OrgDoc>, release: () => void) {
    this.dir = dir;
    this.#org = org;
    this.#auditPath = join(dir, 'audit.jsonl');
    this.release = release;
  }

  /** Opens `dir`: locks it, then reads and validates every file. Throws StoreFileError naming a bad file. */
  static open(dir: string): JsonStore {
    mkdirSync(join(dir, 'people'), { recursive: true });
    const release = lockDataDir(dir);
    try {
      const orgPath = join(dir, 'org.json');
      const orgData = readValidatedSync(orgPath, orgDocSchema);
      if (!orgData) writeFileDurablySync(orgPath, JSON.stringify({ v: 1, teams: [], assignments: [] }));
      const org = new Low(new DurableJsonFile(orgPath, orgDocSchema), { v: 1, teams: [], assignments: [] });
      org.data = orgData ?? org.data;
      const store = new JsonStore(dir, org, release);
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
        store.#addPerson(doc);
      }
      store.#checkAudit();
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
    await Promise.all(docs.map((doc) => this.#addPerson(doc).write()));
  }

  /**
   * Applies `change` to a copy of one person's document, validates the result and saves it
   * durably. Nothing changes when `change` throws or the result is invalid.
   */
  async updatePerson<R>(id: string, change: (doc: PersonDoc) => R): Promise<R> {
    const low = this.#people.get(id);
    if (!low) throw new StoreConflictError('not-found', `no person ${id}`);
    const draft = structuredClone(low.data);
    const result = change(draft);
    const valid = personDocSchema.parse(draft);
    const oldEmail = low.data.profile.email.toLowerCase();
    const newEmail = valid.profile.email.toLowerCase();
    if (newEmail !== oldEmail) {
      if (this.#byEmail.has(newEmail)) throw new StoreConflictError('duplicate-email', `${valid.profile.email} already has an account`);
      this.#byEmail.delete(oldEmail);
      this.#byEmail.set(newEmail, id);
    }
    low.data = valid;
    await low.write();
    return result;
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
