/**
 * Child process for the crash test: opens the store in DATA_DIR (first argument) and saves without
 * end until it is killed. A line is printed only after the save's promise resolved:
 *   ack <personId> <lessonKey>   the lesson was marked read
 *   audit <detail>               the audit entry was appended
 * Person p0 saves one lesson after another; p1..p4 save in overlapping bursts (group commit).
 * The journal is checkpointed every 64 KiB, so kills also land in the middle of checkpoints.
 */
import { JsonStore } from '../../src/server/store/json-store.ts';

const [dir, round = '0'] = process.argv.slice(2);
if (!dir) throw new Error('usage: save-stream.ts DATA_DIR [round]');

const store = JsonStore.open(dir, { checkpointBytes: 64 * 1024 });
const base = Number(round) * 1_000_000;
let counter = 0;
const nextKey = () => `m/l-${base + ++counter}`;
// Pipes are written synchronously on Linux: once write() returns, the line survives a SIGKILL.
const say = (line: string) => process.stdout.write(`${line}\n`);

async function save(id: string, key: string): Promise<void> {
  const at = new Date().toISOString();
  await store.updatePerson(id, (doc) => {
    doc.lessons[key] ??= { readAt: at };
    doc.lastLesson = { key, at };
  });
  say(`ack ${id} ${key}`);
}

async function sequential(id: string): Promise<never> {
  for (;;) await save(id, nextKey());
}

async function bursts(id: string): Promise<never> {
  for (;;) await Promise.all(Array.from({ length: 1 + (counter % 4) }, () => save(id, nextKey())));
}

async function audit(): Promise<never> {
  for (;;) {
    const detail = `r${round}-${++counter}`;
    await store.appendAudit({ at: new Date().toISOString(), actor: 'p0', action: 'person.updated', target: 'p0', detail });
    say(`audit ${detail}`);
  }
}

say('ready');
await Promise.all([sequential('p0'), ...['p1', 'p2', 'p3', 'p4'].map(bursts), audit()]);
