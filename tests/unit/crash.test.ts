import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonStore } from '../../src/server/store/json-store.ts';
import { testProfile } from '../support/people.ts';

const SCRIPT = new URL('../support/save-stream.ts', import.meta.url).pathname;
const ROUNDS = 20;
const PEOPLE = ['p0', 'p1', 'p2', 'p3', 'p4'];

const dir = mkdtempSync(join(tmpdir(), 'fairplay-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Round {
  acks: { id: string; key: string }[];
  audits: string[];
  signal: NodeJS.Signals | null;
  lockPid: string | null;
  childPid: number;
  killedAfterMs: number;
}

/** Runs the save stream in a child and SIGKILLs it 20-300 ms after its first acknowledged save. */
function crashRound(round: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, dir, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const killedAfterMs = 20 + Math.floor(Math.random() * 281);
    let text = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!timer && text.includes('\nack ')) timer = setTimeout(() => child.kill('SIGKILL'), killedAfterMs);
    });
    child.on('error', reject);
    // 'close' comes after stdout has been read to the end: every line written before the kill.
    child.on('close', (_code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      const lockPath = join(dir, '.lock');
      const lockPid = existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null;
      if (signal !== 'SIGKILL' || !timer) return reject(new Error(`round ${round}: child ended with ${signal ?? 'exit'}\n${stderr}`));
      // Only complete lines count: a line cut short was never fully acknowledged.
      const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n');
      const acks = lines
        .filter((l) => l.startsWith('ack '))
        .map((l) => ({ id: l.split(' ')[1] as string, key: l.split(' ')[2] as string }));
      const audits = lines.filter((l) => l.startsWith('audit ')).map((l) => l.slice('audit '.length));
      resolve({ acks, audits, signal, lockPid, childPid: child.pid ?? -1, killedAfterMs });
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged save through ${ROUNDS} SIGKILLs`, { timeout: 120_000 }, async () => {
    const seed = JsonStore.open(dir);
    await seed.addPeople(PEOPLE.map((_, i) => testProfile(i)));
    seed.release();

    const acked: { id: string; key: string }[] = [];
    const audited: string[] = [];
    const summary: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const roundStarted = performance.now();
      const result = await crashRound(round);
      expect(result.signal).toBe('SIGKILL');
      // The killed child still "holds" the folder; opening must treat that lock as stale.
      expect(result.lockPid).toBe(String(result.childPid));
      expect(result.acks.length).toBeGreaterThan(0);
      acked.push(...result.acks);
      audited.push(...result.audits);

      const store = JsonStore.open(dir); // must not throw: no half-written file, stale lock taken over
      try {
        const missing = acked.filter(({ id, key }) => !store.getPerson(id)?.lessons[key]);
        expect(missing, `round ${round}: acknowledged saves lost`).toEqual([]);
        const inLog = new Set(store.readAudit().map((e) => e.detail));
        expect(
          audited.filter((d) => !inLog.has(d)),
          `round ${round}: acknowledged audit entries lost`,
        ).toEqual([]);
      } finally {
        store.release();
      }
      const temps = readdirSync(join(dir, 'people')).filter((n) => n.endsWith('.tmp')).length;
      summary.push(
        `round ${round}: killed ${result.killedAfterMs} ms after first ack, ${result.acks.length} saves + ${result.audits.length} audit entries acknowledged, ${temps} temp files, ${Math.round(performance.now() - roundStarted)} ms`,
      );
    }
    console.log(`${summary.join('\n')}\ntotal: ${acked.length} acknowledged saves and ${audited.length} audit entries, all present`);
  });
});
