import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { markLessonRead } from '../../src/server/records/lessons.ts';
import { DurableJsonFile, StoreFileError } from '../../src/server/store/durable-file.ts';
import { closeStore, openStore } from '../../src/server/store/index.ts';
import { JsonStore, StoreConflictError } from '../../src/server/store/json-store.ts';
import { DataDirLockedError } from '../../src/server/store/lock.ts';
import { orgDocSchema, type PersonDoc, type QuizAttempt } from '../../src/server/store/schema.ts';
import { testProfile } from '../support/people.ts';

// Records renames (one per durable file write), opens (a folder is opened to fsync it) and journal
// syncs (with the file's size once synced) without changing what they do.
const events: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: vi.fn(async (from: string, to: string) => {
      await actual.rename(from, to);
      events.push(`renamed ${to}`);
    }),
    open: vi.fn(async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      if (args[1] === 'r') events.push(`opened ${String(args[0])}`);
      if (args[1] === 'a') {
        const datasync = handle.datasync.bind(handle);
        handle.datasync = async () => {
          await datasync();
          events.push(`synced ${String(args[0])} ${(await handle.stat()).size}`);
        };
      }
      return handle;
    }),
  };
});
const renameMock = vi.mocked(rename);

const HOLD_SCRIPT = new URL('../support/hold-store.ts', import.meta.url).pathname;

const dirs: string[] = [];
const children: ChildProcess[] = [];
const stores: JsonStore[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairplay-store-'));
  dirs.push(dir);
  return dir;
}

/** Opens a store that afterEach releases (release is idempotent). */
function open(dir: string): JsonStore {
  const store = JsonStore.open(dir);
  stores.push(store);
  return store;
}

afterEach(() => {
  for (const store of stores.splice(0)) store.release();
  closeStore();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir` (except the lock) with its exact bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== '.lock') files.set(path, readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

/** Opens `dir`, expecting a StoreFileError; returns it. */
function refusedOpen(dir: string): StoreFileError {
  let error: unknown;
  try {
    open(dir);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoreFileError);
  return error as StoreFileError;
}

function expectSameFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): void {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [path, bytes] of before) expect(Buffer.compare(after.get(path) as Buffer, bytes), path).toBe(0);
}

const iso = (ms: number) => new Date(Date.UTC(2025, 0, 6, 9) + ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const personPath = (dir: string, id: string) => join(dir, 'people', `${id}.json`);
const journalDir = (dir: string) => join(dir, 'journal');
const journalFiles = (dir: string) => (existsSync(journalDir(dir)) ? readdirSync(journalDir(dir)).sort() : []);
const journalLines = (dir: string) =>
  journalFiles(dir).flatMap((name) =>
    readFileSync(join(journalDir(dir), name), 'utf8')
      .split('\n')
      .filter(Boolean),
  );

function attempt(i: number, a: number): QuizAttempt {
  return {
    id: `a${i}-${a}`,
    quizId: 'communication',
    at: iso(a * 1000),
    correct: a % 6,
    total: 5,
    score: Math.min(1, (a % 6) / 5),
    passed: a % 6 >= 4,
    wrong: [],
  };
}

/** A store in a fresh folder with `count` people (p0, p1, ...), checkpointed into their own files. */
async function storeWithPeople(count: number): Promise<{ dir: string; store: JsonStore }> {
  const dir = tempDir();
  const store = open(dir);
  await store.addPeople(Array.from({ length: count }, (_, i) => testProfile(i)));
  await store.checkpoint();
  return { dir, store };
}

function spawnChild(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

/** Resolves with the first stdout line of `child`. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

let prototypeNames: string[];
beforeAll(() => {
  prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
});

describe('concurrent saves', () => {
  it('keeps every save of 200 people saving at once, after reopening from disk', async () => {
    const PEOPLE = 200;
    const LESSONS = 6;
    const BURST = 8;
    const { dir, store } = await storeWithPeople(PEOPLE);
    events.length = 0;

    let saves = 0;
    const simulatedUser = async (i: number) => {
      const id = `p${i}`;
      // Lessons marked read at random moments, overlapping each other and the burst below.
      const lessons = Array.from({ length: LESSONS }, async (_, l) => {
        await sleep(Math.random() * 30);
        saves++;
        await store.updatePerson(id, (doc) => {
          doc.lessons[`module-${l}/lesson-${l}`] = { readAt: iso(l) };
          doc.lastLesson = { key: `module-${l}/lesson-${l}`, at: iso(l) };
        });
      });
      // A burst of saves to the same person (several tabs, double submits): merged by group commit.
      const burst = (async () => {
        await sleep(Math.random() * 30);
        await Promise.all(
          Array.from({ length: BURST }, (_, a) => {
            saves++;
            return store.updatePerson(id, (doc) => {
              doc.quizAttempts.push(attempt(i, a));
            });
          }),
        );
      })();
      // And one more change after everything else resolved for this person.
      await Promise.all([...lessons, burst]);
      saves++;
      await store.updatePerson(id, (doc) => {
        doc.profile.name = `Person ${i} (done)`;
      });
    };
    await Promise.all(Array.from({ length: PEOPLE }, (_, i) => simulatedUser(i)));

    expect(saves).toBe(PEOPLE * (LESSONS + BURST + 1));
    // Every save is one journal line; saves made together shared a write and its fsync.
    expect(journalLines(dir)).toHaveLength(saves);
    expect(journalLines(dir).every((l) => l.length < 2000)).toBe(true); // what changed, not whole histories
    const syncs = events.filter((e) => e.startsWith('synced ')).length;
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThan(saves / 4);

    const inMemory = new Map([...store.people()].map((doc) => [doc.profile.id, structuredClone(doc)]));
    store.release();

    const reopened = open(dir);
    expect(reopened.countPeople()).toBe(PEOPLE);
    for (let i = 0; i < PEOPLE; i++) {
      const doc = reopened.getPerson(`p${i}`) as PersonDoc;
      expect(Object.keys(doc.lessons).sort()).toEqual(Array.from({ length: LESSONS }, (_, l) => `module-${l}/lesson-${l}`).sort());
      expect(doc.quizAttempts.map((a) => a.id).sort()).toEqual(Array.from({ length: BURST }, (_, a) => `a${i}-${a}`).sort());
      expect(doc.profile.name).toBe(`Person ${i} (done)`);
      expect(doc).toEqual(inMemory.get(`p${i}`));
    }
    // The first checkpoint after reopening files the replayed saves and removes the journal.
    expect(journalFiles(dir).length).toBeGreaterThan(0);
    await reopened.checkpoint();
    expect(journalFiles(dir)).toEqual([]);
    expect(JSON.parse(readFileSync(personPath(dir, 'p7'), 'utf8'))).toEqual(inMemory.get('p7'));
    // No temporary files left behind by a clean run.
    expect(readdirSync(join(dir, 'people')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('answers each save only once its journal line is synced to disk', async () => {
    const PEOPLE = 64;
    const { dir, store } = await storeWithPeople(PEOPLE);
    events.length = 0;
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        await sleep(Math.random() * 10);
        await store.updatePerson(`p${i}`, (doc) => {
          doc.lessons[`m/only-p${i}`] = { readAt: iso(i) };
        });
        events.push(`resolved p${i}`);
      }),
    );
    const [file] = journalFiles(dir);
    const text = readFileSync(join(journalDir(dir), file as string), 'utf8');
    for (let i = 0; i < PEOPLE; i++) {
      const resolved = events.indexOf(`resolved p${i}`);
      const lastSync = events.slice(0, resolved).findLast((e) => e.startsWith('synced '));
      expect(lastSync, `p${i} answered before any sync`).toBeDefined();
      const syncedBytes = Number(lastSync?.split(' ').at(-1));
      expect(Buffer.from(text).subarray(0, syncedBytes).toString(), `p${i} answered before its line was synced`).toContain(
        `"m/only-p${i}"`,
      );
    }
  });

  it('answers each write only once its data (or newer) is on disk, and merges writes queued behind a running one', async () => {
    const dir = tempDir();
    const path = join(dir, 'counter.json');
    const file = new DurableJsonFile(path, orgDocSchema);
    const doc = (n: number) => ({ v: 1 as const, teams: [{ id: `t${n}`, name: `Team ${n}`, createdAt: iso(n) }], assignments: [] });
    const onDisk = async () => Number((JSON.parse(await readFile(path, 'utf8')) as { teams: { id: string }[] }).teams[0]?.id.slice(1));

    renameMock.mockClear();
    const first = file.write(doc(0));
    await sleep(0); // the first write is now running
    const seen: number[] = [];
    const later = Array.from({ length: 50 }, (_, i) => file.write(doc(i + 1)).then(async () => seen.push((await onDisk()) - (i + 1))));
    await Promise.all([first, ...later]);

    expect(seen.every((delta) => delta >= 0)).toBe(true);
    expect(await onDisk()).toBe(50);
    // One write for the first call, one for the 50 queued behind it.
    expect(renameMock.mock.calls.filter(([, to]) => to === path)).toHaveLength(2);
    expect(readdirSync(dir)).toEqual(['counter.json']);
  });

  it('checkpoints: writes each saved person to their own file, sharing folder fsyncs, then drops the journal', async () => {
    const PEOPLE = 64;
    const { dir, store } = await storeWithPeople(PEOPLE);
    const peopleDir = join(dir, 'people');
    await Promise.all(
      Array.from({ length: PEOPLE }, (_, i) =>
        store.updatePerson(`p${i}`, (doc) => {
          doc.lessons['m/l'] = { readAt: iso(i) };
        }),
      ),
    );
    expect(journalLines(dir)).toHaveLength(PEOPLE);
    expect(JSON.parse(readFileSync(personPath(dir, 'p0'), 'utf8')).lessons).toEqual({});

    events.length = 0;
    await store.checkpoint();
    for (let i = 0; i < PEOPLE; i++) {
      const path = personPath(dir, `p${i}`);
      expect(JSON.parse(readFileSync(path, 'utf8')).lessons['m/l']).toEqual({ readAt: iso(i) });
      const renamed = events.indexOf(`renamed ${path}`);
      expect(renamed).toBeGreaterThanOrEqual(0);
      expect(events.slice(renamed).includes(`opened ${peopleDir}`), `p${i}: no folder fsync after its rename`).toBe(true);
    }
    const folderSyncs = events.filter((e) => e === `opened ${peopleDir}`).length;
    expect(folderSyncs).toBeGreaterThanOrEqual(1);
    expect(folderSyncs).toBeLessThan(PEOPLE);
    expect(journalFiles(dir)).toEqual([]);

    // Saves go on into a new journal file.
    await store.updatePerson('p1', (doc) => {
      doc.lessons['m/after'] = { readAt: iso(0) };
    });
    expect(journalLines(dir)).toHaveLength(1);
  });

  it('checkpoints by itself once the journal passes its size limit, keeping every save', async () => {
    const dir = tempDir();
    const store = JsonStore.open(dir, { checkpointBytes: 4096 });
    stores.push(store);
    await store.addPeople([testProfile(0)]);
    for (let n = 0; n < 40; n++)
      await store.updatePerson('p0', (doc) => {
        doc.lessons[`m/l${n}`] = { readAt: iso(n) };
      });
    await sleep(50); // the checkpoint runs in the background
    expect(Object.keys(JSON.parse(readFileSync(personPath(dir, 'p0'), 'utf8')).lessons).length).toBeGreaterThan(10);
    expect(journalLines(dir).length).toBeLessThan(40);
    store.release();
    expect(Object.keys((open(dir).getPerson('p0') as PersonDoc).lessons)).toHaveLength(40);
  });
});

it('counts the journal an earlier run left towards the next checkpoint, so restarts never let it grow', async () => {
  const dir = tempDir();
  const save = (store: JsonStore, n: number) =>
    store.updatePerson('p0', (doc) => {
      doc.lessons[`m/l${n}`] = { readAt: iso(n) };
    });
  let store = JsonStore.open(dir, { checkpointBytes: 2048 });
  await store.addPeople([testProfile(0)]);
  // One small save per run: no single run's journal reaches the limit.
  for (let run = 0; run < 12; run++) {
    await save(store, run);
    await sleep(20); // a checkpoint, when one is due, runs in the background
    store.release();
    store = JsonStore.open(dir, { checkpointBytes: 2048 });
  }
  stores.push(store);
  expect(Object.keys((store.getPerson('p0') as PersonDoc).lessons)).toHaveLength(12);
  expect(existsSync(personPath(dir, 'p0'))).toBe(true); // checkpoints happened across restarts
  expect(journalLines(dir).length).toBeLessThan(12);
});

describe('journal replay', () => {
  /** The journal line of a save that set p0's lessons to those of `doc`. */
  const line = (doc: PersonDoc) => `${JSON.stringify({ id: doc.profile.id, set: { lessons: doc.lessons } })}\n`;
  const withLesson = (doc: PersonDoc, key: string): PersonDoc => ({ ...doc, lessons: { ...doc.lessons, [key]: { readAt: iso(1) } } });

  /** A folder with people p0..p2 whose files hold no lessons, and the p0 document as saved there. */
  async function folder(): Promise<{ dir: string; p0: PersonDoc }> {
    const { dir, store } = await storeWithPeople(3);
    store.release();
    mkdirSync(journalDir(dir), { recursive: true });
    return { dir, p0: JSON.parse(readFileSync(personPath(dir, 'p0'), 'utf8')) as PersonDoc };
  }

  it('applies saves that were only in the journal (a crash before the checkpoint), in file order', async () => {
    const { dir, p0 } = await folder();
    writeFileSync(join(journalDir(dir), '00000001.jsonl'), line(withLesson(p0, 'm/a')));
    writeFileSync(join(journalDir(dir), '00000002.jsonl'), line(withLesson(withLesson(p0, 'm/a'), 'm/b')));
    const store = open(dir);
    expect(Object.keys((store.getPerson('p0') as PersonDoc).lessons).sort()).toEqual(['m/a', 'm/b']);
    // Opening changed no file; the first checkpoint files the replayed saves and drops the journal.
    expect(JSON.parse(readFileSync(personPath(dir, 'p0'), 'utf8')).lessons).toEqual({});
    await store.checkpoint();
    expect(Object.keys(JSON.parse(readFileSync(personPath(dir, 'p0'), 'utf8')).lessons).sort()).toEqual(['m/a', 'm/b']);
    expect(journalFiles(dir)).toEqual([]);
  });

  it('ends with the newest save when a checkpoint was cut off after writing a newer file', async () => {
    const { dir, p0 } = await folder();
    const newest = withLesson(withLesson(p0, 'm/a'), 'm/b');
    writeFileSync(personPath(dir, 'p0'), JSON.stringify(newest));
    writeFileSync(join(journalDir(dir), '00000001.jsonl'), line(withLesson(p0, 'm/a')));
    writeFileSync(join(journalDir(dir), '00000002.jsonl'), line(newest));
    expect(Object.keys((open(dir).getPerson('p0') as PersonDoc).lessons).sort()).toEqual(['m/a', 'm/b']);
  });

  it('skips a last line cut short by a crash (it was never answered)', async () => {
    const { dir, p0 } = await folder();
    const text = line(withLesson(p0, 'm/a')) + line(withLesson(p0, 'm/b')).slice(0, 30);
    writeFileSync(join(journalDir(dir), '00000001.jsonl'), text);
    expect(Object.keys((open(dir).getPerson('p0') as PersonDoc).lessons)).toEqual(['m/a']);
  });

  it('adds a person whose only record is the journal (added, then saved, before any checkpoint)', async () => {
    const { dir, p0 } = await folder();
    const added = { ...p0, profile: { ...p0.profile, id: 'p9', email: 'p9@example.com' } };
    writeFileSync(join(journalDir(dir), '00000001.jsonl'), `${JSON.stringify({ put: added })}\n${line(withLesson(added, 'm/a'))}`);
    const store = open(dir);
    expect(store.countPeople()).toBe(4);
    expect(store.findPersonByEmail('p9@example.com')?.lessons).toEqual({ 'm/a': { readAt: iso(1) } });
    await store.checkpoint();
    expect(existsSync(personPath(dir, 'p9'))).toBe(true);
  });

  const damaged = [
    { name: 'a broken line', bad: () => '{"v":1,"profile":' },
    { name: 'a save of the wrong shape', bad: () => JSON.stringify({ id: 'p0', set: { lessons: [] } }) },
    { name: 'a save of an unknown field', bad: () => JSON.stringify({ id: 'p0', set: { isAdmin: true } }) },
    { name: 'a save for someone never added', bad: () => JSON.stringify({ id: 'p42', set: { lessons: {} } }) },
    { name: 'a whole person of the wrong shape', bad: (p0: PersonDoc) => JSON.stringify({ put: { ...p0, v: 2 } }) },
  ];
  it.each(damaged)('refuses a journal with $name before a good line, naming it and changing nothing', async ({ bad }) => {
    const { dir, p0 } = await folder();
    const path = join(journalDir(dir), '00000001.jsonl');
    writeFileSync(path, `${line(withLesson(p0, 'm/a'))}${bad(p0)}\n${line(withLesson(p0, 'm/b'))}`);
    const before = snapshot(dir);
    const error = refusedOpen(dir);
    expect(error.file).toBe(path);
    expect(error.message).toContain('line 2');
    expectSameFiles(before, snapshot(dir));
  });
});

describe('files that cannot be used', () => {
  const validPerson = (id: string) => JSON.parse(readFileSync(id, 'utf8')) as PersonDoc;

  const cases: { name: string; file: (dir: string) => string; content: (dir: string) => string }[] = [
    { name: 'a person file that is not JSON', file: (d) => personPath(d, 'p1'), content: () => '{"v":1,"profile":{"id":"p1","email":' },
    { name: 'an empty person file', file: (d) => personPath(d, 'p1'), content: () => '' },
    {
      name: 'a person file of the wrong shape',
      file: (d) => personPath(d, 'p1'),
      content: (d) => JSON.stringify({ ...validPerson(personPath(d, 'p1')), lessons: [{ readAt: 'yesterday' }] }),
    },
    {
      name: 'a person file with an unknown field',
      file: (d) => personPath(d, 'p1'),
      content: (d) => JSON.stringify({ ...validPerson(personPath(d, 'p1')), isAdmin: true }),
    },
    {
      name: 'a person file holding someone else',
      file: (d) => personPath(d, 'p1'),
      content: (d) => readFileSync(personPath(d, 'p2'), 'utf8'),
    },
    { name: 'an org.json that is not JSON', file: (d) => join(d, 'org.json'), content: () => '{"v":1,"teams":[' },
    {
      name: 'an org.json of the wrong shape',
      file: (d) => join(d, 'org.json'),
      content: () => JSON.stringify({ v: 2, teams: {}, assignments: [] }),
    },
    {
      name: 'an audit log with a broken line before the end',
      file: (d) => join(d, 'audit.jsonl'),
      content: () =>
        `${JSON.stringify({ at: iso(0), actor: 'p0', action: 'person.added', target: 'p1', detail: '' })}\nnot json\n${JSON.stringify({ at: iso(1), actor: 'p0', action: 'person.added', target: 'p2', detail: '' })}\n`,
    },
  ];

  it.each(cases)('refuses $name, naming it and leaving every file untouched', async ({ file, content }) => {
    const { dir, store } = await storeWithPeople(3);
    store.release();
    const bad = file(dir);
    writeFileSync(bad, content(dir));
    const before = snapshot(dir);
    const error = refusedOpen(dir);
    expect(error.file).toBe(bad);
    expect(error.message).toContain(bad);
    expectSameFiles(before, snapshot(dir));
    // The failed open let go of the folder.
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('accepts an audit log whose last line was cut short by a crash', async () => {
    const { dir, store } = await storeWithPeople(1);
    await store.appendAudit({ at: iso(0), actor: 'p0', action: 'person.added', target: 'p0', detail: '' });
    store.release();
    writeFileSync(join(dir, 'audit.jsonl'), `${readFileSync(join(dir, 'audit.jsonl'), 'utf8')}{"at":"2025-01-`);
    const reopened = open(dir);
    expect(reopened.readAudit()).toHaveLength(1);

    // The next entry replaces the fragment instead of being glued to it.
    await Promise.all(
      [1, 2].map((n) => reopened.appendAudit({ at: iso(n), actor: 'p0', action: 'person.updated', target: 'p0', detail: `${n}` })),
    );
    reopened.release();
    const again = open(dir);
    expect(
      again
        .readAudit()
        .map((e) => e.detail)
        .sort(),
    ).toEqual(['', '1', '2']);
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).not.toContain('{"at":"2025-01-{');
  });
});

describe('data folder lock', () => {
  it('refuses a folder whose lock belongs to another live process', async () => {
    const dir = tempDir();
    open(dir).release();
    const other = spawnChild('sleep', ['30']);
    writeFileSync(join(dir, '.lock'), String(other.pid));

    expect(() => JsonStore.open(dir)).toThrow(DataDirLockedError);
    expect(() => JsonStore.open(dir)).toThrow(String(other.pid));
    // The other process keeps its lock.
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(other.pid));
  });

  it('refuses a folder another Fairplay process has open, and opens it once that process stops', async () => {
    const dir = tempDir();
    open(dir).release();
    const holder = spawnChild(process.execPath, [HOLD_SCRIPT, dir]);
    expect(await firstLine(holder)).toBe('locked');
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(holder.pid));

    expect(() => JsonStore.open(dir)).toThrow(DataDirLockedError);

    holder.kill('SIGTERM');
    await exited(holder);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
    const store = open(dir);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
    store.release();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that died', async () => {
    const { dir, store } = await storeWithPeople(1);
    store.release();
    const dead = spawnChild('true', []);
    await exited(dead);
    writeFileSync(join(dir, '.lock'), String(dead.pid));

    const reopened = open(dir);
    expect(reopened.countPeople()).toBe(1);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
  });

  it('takes over a lock file left empty or garbled', () => {
    for (const content of ['', 'not a pid', '-1', '0']) {
      const dir = tempDir();
      writeFileSync(join(dir, '.lock'), content);
      const store = open(dir);
      expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
      store.release();
    }
  });
});

describe('refused changes', () => {
  it('leaves memory and disk unchanged when a change produces invalid data', async () => {
    const { dir, store } = await storeWithPeople(2);
    await store.updatePerson('p0', (doc) => {
      doc.lessons['communication/prepare-the-conversation'] = { readAt: iso(0) };
    });
    const memoryBefore = structuredClone(store.getPerson('p0'));
    const diskBefore = snapshot(dir);

    await expect(
      store.updatePerson('p0', (doc) => {
        doc.lessons['communication/listen'] = { readAt: iso(1) };
        doc.profile.name = '';
      }),
    ).rejects.toThrow();
    await expect(
      store.updatePerson('p0', (doc) => {
        doc.lessons['communication/listen'] = { readAt: 'yesterday' };
      }),
    ).rejects.toThrow();
    await expect(
      store.updatePerson('p0', (doc) => {
        (doc as unknown as Record<string, unknown>).isAdmin = true;
      }),
    ).rejects.toThrow();
    await expect(
      store.updatePerson('p0', (doc) => {
        doc.quizAttempts.push(attempt(0, 1));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // Taking someone else's email is refused, and both people are still found by their own.
    await expect(
      store.updatePerson('p0', (doc) => {
        doc.profile.email = 'PERSON1@example.com';
      }),
    ).rejects.toBeInstanceOf(StoreConflictError);
    await expect(store.updatePerson('nobody', () => undefined)).rejects.toBeInstanceOf(StoreConflictError);

    expect(store.getPerson('p0')).toEqual(memoryBefore);
    expect(store.findPersonByEmail('person0@example.com')?.profile.id).toBe('p0');
    expect(store.findPersonByEmail('person1@example.com')?.profile.id).toBe('p1');
    expectSameFiles(diskBefore, snapshot(dir));

    // And the next valid change still goes through.
    await store.updatePerson('p0', (doc) => {
      doc.profile.name = 'Renamed';
    });
    store.release();
    expect(open(dir).getPerson('p0')?.profile.name).toBe('Renamed');
  });

  it('saves only what a change touched: removing a required field is refused, removing an optional one is kept', async () => {
    const { dir, store } = await storeWithPeople(1);
    await store.updatePerson('p0', (doc) => {
      doc.certificate = { code: 'ABCD-EFGH-JKLM', issuedAt: iso(0) };
      doc.lessons[`${doc.profile.name}/read`] = { readAt: iso(0) }; // reads an untouched field
    });
    await expect(
      store.updatePerson('p0', (doc) => {
        delete (doc as Partial<PersonDoc>).lessons;
      }),
    ).rejects.toThrow();
    await store.updatePerson('p0', (doc) => {
      delete doc.certificate;
    });
    expect(store.getPerson('p0')?.certificate).toBeUndefined();
    store.release();
    const reopened = open(dir).getPerson('p0') as PersonDoc;
    expect(reopened.certificate).toBeUndefined();
    expect(Object.keys(reopened.lessons)).toEqual(['Person 0/read']);
  });

  it('refuses adding people with a duplicate email, adding none of them', async () => {
    const { dir, store } = await storeWithPeople(1);
    await expect(store.addPeople([testProfile(5), testProfile(6, { email: 'Person0@Example.com' })])).rejects.toBeInstanceOf(
      StoreConflictError,
    );
    expect(store.countPeople()).toBe(1);
    expect(readdirSync(join(dir, 'people'))).toEqual(['p0.json']);
  });
});

describe('prototype pollution', () => {
  afterEach(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).readAt).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('does not pollute Object.prototype through a __proto__ lesson key', async () => {
    const { dir } = await storeWithPeople(1);
    stores.pop()?.release();
    openStore(dir);
    await markLessonRead('p0', '__proto__');
    await markLessonRead('p0', '__proto__/polluted');
    await markLessonRead('p0', 'constructor/prototype');

    const store = openStore(dir);
    await store.updatePerson('p0', (doc) => {
      // An own "__proto__" key, as JSON.parse makes it.
      Object.assign(doc.lessons, JSON.parse('{"__proto__":{"readAt":"2025-01-06T09:00:00.000Z","polluted":"yes"}}'));
    });
    const doc = store.getPerson('p0') as PersonDoc;
    expect(Object.getPrototypeOf(doc.lessons)).toBe(Object.prototype);
    expect(Object.hasOwn(doc.lessons, '__proto__')).toBe(false);
    expect(Object.keys(doc.lessons).sort()).toEqual(['__proto__/polluted', 'constructor/prototype']);
    closeStore();

    const reopened = open(dir).getPerson('p0') as PersonDoc;
    expect(Object.getPrototypeOf(reopened.lessons)).toBe(Object.prototype);
    expect(Object.keys(reopened.lessons).sort()).toEqual(['__proto__/polluted', 'constructor/prototype']);
  });

  it('does not pollute Object.prototype from a __proto__ key in a file on disk', async () => {
    const { dir, store } = await storeWithPeople(2);
    store.release();
    const path = personPath(dir, 'p0');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('"lessons":{}', '"lessons":{"__proto__":{"readAt":"2025-01-06T09:00:00.000Z","polluted":"yes"}}'),
    );
    expect(readFileSync(path, 'utf8')).toContain('__proto__');
    const doc = open(dir).getPerson('p0') as PersonDoc;
    expect(Object.getPrototypeOf(doc.lessons)).toBe(Object.prototype);
    expect((doc.lessons as Record<string, unknown>).polluted).toBeUndefined();
    stores.pop()?.release();

    // In a strict object (the profile) the key is refused outright.
    const other = personPath(dir, 'p1');
    writeFileSync(other, readFileSync(other, 'utf8').replace('"profile":{', '"profile":{"__proto__":{"role":"hr","polluted":"yes"},'));
    expect(() => open(dir)).toThrow(StoreFileError);
  });

  it('handles __proto__ and constructor in emails as plain text', async () => {
    const { dir, store } = await storeWithPeople(0);
    await store.addPeople([testProfile(1, { email: '__proto__@example.com' }), testProfile(2, { email: 'constructor@example.com' })]);
    expect(store.findPersonByEmail('__proto__')).toBeUndefined();
    expect(store.findPersonByEmail('constructor')).toBeUndefined();
    expect(store.findPersonByEmail('hasOwnProperty')).toBeUndefined();
    expect(store.findPersonByEmail('__PROTO__@example.com')?.profile.id).toBe('p1');
    await store.updatePerson('p1', (doc) => {
      doc.profile.email = 'toString@example.com';
    });
    expect(store.findPersonByEmail('__proto__@example.com')).toBeUndefined();
    store.release();

    const reopened = open(dir);
    expect(reopened.findPersonByEmail('tostring@example.com')?.profile.id).toBe('p1');
    expect(reopened.findPersonByEmail('constructor@example.com')?.profile.id).toBe('p2');
    expect(reopened.findPersonByEmail('__proto__')).toBeUndefined();
  });
});
