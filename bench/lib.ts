/**
 * Building blocks for the benchmarks (`npm run bench`): seeding a data folder, starting the built
 * server, signing in, timing saves, load with autocannon, and reading the server's memory.
 * bench/run.ts uses them for the lesson-progress benchmark; further sections (bench/hr.ts) import
 * them too and are handed a BenchContext by run.ts.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { contentIndex } from '../src/content-checks/content-index.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { SESSION_COOKIE } from '../src/server/sessions.ts';
import { JsonStore } from '../src/server/store/json-store.ts';
import {
  type OrgDoc,
  orgDocSchema,
  type PersonDoc,
  personDocSchema,
  type Profile,
  type QuizAttempt,
  type ReviewCard,
  type Role,
  type ScenarioRun,
} from '../src/server/store/schema.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = join(ROOT, 'bench', 'out');

const require = createRequire(import.meta.url);

export const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Build

/** Builds with `astro build` when there is no build; retries, since content may be mid-edit. */
export async function ensureBuild(attempts = 3): Promise<void> {
  if (existsSync(join(ROOT, 'dist', 'server', 'entry.mjs'))) return;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    log(`no build found: running astro build (attempt ${attempt}/${attempts})`);
    const build = spawnSync('npx', ['astro', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status === 0) return;
    if (attempt < attempts) await sleep(60_000);
  }
  throw new Error('astro build failed');
}

// Content the synthetic histories refer to (read from content/)

export interface ContentIds {
  courseId: string;
  /** `module/lesson` keys. */
  lessons: string[];
  quizzes: { id: string; items: string[] }[];
  scenarios: {
    id: string;
    start: string;
    nodes: Map<string, { choices: { id: string; next: string }[]; ending?: 'good' | 'mixed' | 'bad' }>;
  }[];
}

export function readContentIds(): ContentIds {
  const index = contentIndex(ROOT);
  return {
    courseId: index.courseId,
    lessons: index.lessons,
    quizzes: index.quizzes.map((q) => ({ id: q.id, items: q.items.map((i) => i.id) })),
    scenarios: index.scenarios.map((s) => ({
      id: s.id,
      start: s.start,
      nodes: new Map(s.nodes.map((n) => [n.id, { choices: n.choices ?? [], ending: n.ending?.kind }])),
    })),
  };
}

// Synthetic people

/** Small deterministic PRNG (mulberry32), so every run seeds the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2025, 0, 6, 9);
const iso = (ms: number) => new Date(ms).toISOString();

export function syntheticProfile(
  n: number,
  options: { role?: Role; team?: string | null; passwordHash?: string; email?: string } = {},
): Profile {
  const at = iso(EPOCH - 90 * DAY);
  return {
    id: `u${String(n).padStart(6, '0')}`,
    email: options.email ?? `rep${n}@bench.example.com`,
    name: `Bench Rep ${n}`,
    role: options.role ?? 'rep',
    team: options.team ?? null,
    manages: [],
    active: true,
    // Not a usable hash: only people given a real one can sign in.
    passwordHash: options.passwordHash ?? '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2gtc2FsdA$bm90LWEtcmVhbC1oYXNoLWJ1dC1sb29rcy1saWtlLW9uZQ',
    mustChangePassword: false,
    locale: 'zh',
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * A person who finished the course: every lesson read, ~9 quiz attempts, scenario runs, a few
 * review cards and a certificate. Serialised, a few KB.
 */
export function fullHistory(profile: Profile, ids: ContentIds, random: () => number): PersonDoc {
  let t = EPOCH - 60 * DAY + Math.floor(random() * 20 * DAY);
  const step = () => {
    t += Math.floor(random() * 2 * DAY) + 60_000;
    return iso(t);
  };
  const lessons: PersonDoc['lessons'] = {};
  for (const key of ids.lessons) lessons[key] = { readAt: step() };
  const lastKey = ids.lessons.at(-1) as string;
  const quizAttempts: QuizAttempt[] = [];
  for (let a = 0; a < 9; a++) {
    const quiz = ids.quizzes[a % ids.quizzes.length] as ContentIds['quizzes'][number];
    const total = Math.max(1, Math.min(quiz.items.length || 5, 8));
    const wrong = quiz.items.filter(() => random() < 0.12).slice(0, Math.min(3, total - 1));
    const correct = total - wrong.length;
    quizAttempts.push({
      id: `qa${a}x${Math.floor(random() * 1e9).toString(36)}`,
      quizId: quiz.id,
      at: step(),
      correct,
      total,
      score: correct / total,
      passed: correct / total >= 0.8,
      wrong,
    });
  }
  const scenarioRuns: ScenarioRun[] = [];
  for (const [s, scenario] of ids.scenarios.entries()) {
    for (let r = 0; r < (s === 0 ? 2 : 1); r++) {
      const startedAt = step();
      const choices: ScenarioRun['choices'] = [];
      let node = scenario.start;
      let ending: ScenarioRun['ending'];
      for (let guard = 0; guard < 30; guard++) {
        const current = scenario.nodes.get(node);
        if (!current) break;
        if (current.ending) {
          ending = { node, kind: current.ending };
          break;
        }
        const choice = current.choices[Math.floor(random() * current.choices.length)];
        if (!choice) break;
        choices.push({ node, choice: choice.id, at: step() });
        node = choice.next;
      }
      scenarioRuns.push({
        id: `sr${s}${r}x${Math.floor(random() * 1e9).toString(36)}`,
        scenarioId: scenario.id,
        startedAt,
        updatedAt: iso(t),
        choices,
        ...(ending ? { finishedAt: iso(t), ending } : {}),
      });
    }
  }
  const reviewCards: ReviewCard[] = quizAttempts
    .flatMap((attempt) => attempt.wrong.map((itemId) => ({ quizId: attempt.quizId, itemId, addedAt: attempt.at })))
    .slice(0, 4)
    .map((c) => ({
      ...c,
      card: {
        due: iso(t + Math.floor(random() * 30 * DAY)),
        stability: 2 + random() * 20,
        difficulty: 3 + random() * 5,
        elapsed_days: Math.floor(random() * 10),
        scheduled_days: Math.floor(random() * 30),
        learning_steps: 0,
        reps: 1 + Math.floor(random() * 5),
        lapses: Math.floor(random() * 2),
        state: 2,
        last_review: iso(t),
      },
    }));
  return {
    v: 1,
    profile,
    lessons,
    lastLesson: { key: lastKey, at: iso(t) },
    quizAttempts,
    reviewCards,
    scenarioRuns,
    assessments: [],
    certificate: {
      code: Array.from({ length: 3 }, () =>
        Array.from({ length: 4 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(random() * 32)]).join(''),
      ).join('-'),
      issuedAt: step(),
    },
  };
}

export interface BenchUser {
  email: string;
  password: string;
  profile: Profile;
}

/** People who can sign in: real argon2 hashes (computed once per run, a few seconds). */
export async function makeBenchUsers(count: number, startAt = 900_000): Promise<BenchUser[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const email = `bench${i}@bench.example.com`;
      const password = `bench-password-${i}-Fairplay`;
      return { email, password, profile: syntheticProfile(startAt + i, { email, passwordHash: await hashPassword(password) }) };
    }),
  );
}

export interface SeedOptions {
  /** Everyone, including the bench users. */
  people: number;
  benchUsers: BenchUser[];
  /** People per team (teams are created in org.json); 0 for no teams. */
  teamSize?: number;
  /** Role for the n-th synthetic person (default: everyone is a rep). */
  roleOf?: (n: number) => Role;
  dir?: string;
}

export interface SeededDir {
  dir: string;
  people: number;
  bytes: number;
  seconds: number;
}

/**
 * A data folder with `people` person documents, all with full histories (bench users too, so
 * their saves cost what a real save costs). Files are written directly (no fsync: a bench seed
 * needs no durability), then the folder is opened with JsonStore to check the server will accept it.
 */
export function seedDataDir(options: SeedOptions): SeededDir {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `fairplay-bench-${options.people}-`));
  try {
    return seedInto(dir, options);
  } catch (error) {
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function seedInto(dir: string, options: SeedOptions): SeededDir {
  const started = performance.now();
  mkdirSync(join(dir, 'people'), { recursive: true });
  const ids = readContentIds();
  const random = rng(options.people);
  const teamSize = options.teamSize ?? 25;
  const teamCount = teamSize > 0 ? Math.max(1, Math.ceil(options.people / teamSize)) : 0;
  const teams = Array.from({ length: teamCount }, (_, i) => ({
    id: `team${i}`,
    name: `Sales team ${i + 1}`,
    createdAt: iso(EPOCH - 120 * DAY),
  }));
  const org: OrgDoc = orgDocSchema.parse({
    v: 1,
    teams,
    assignments: teams.length
      ? [
          {
            id: 'assign-all',
            courseId: ids.courseId,
            target: { kind: 'team', id: 'team0' },
            dueAt: iso(EPOCH + 30 * DAY),
            createdAt: iso(EPOCH - 100 * DAY),
            createdBy: 'u000000',
          },
        ]
      : [],
  });
  writeFileSync(join(dir, 'org.json'), JSON.stringify(org));
  let bytes = 0;
  const synthetic = options.people - options.benchUsers.length;
  for (let n = 0; n < options.people; n++) {
    const team = teamCount ? `team${n % teamCount}` : null;
    const profile =
      n < synthetic
        ? syntheticProfile(n, { team, role: options.roleOf?.(n) ?? 'rep' })
        : { ...(options.benchUsers[n - synthetic] as BenchUser).profile, team };
    const doc = personDocSchema.parse(fullHistory(profile, ids, random));
    const text = JSON.stringify(doc);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, 'people', `${doc.profile.id}.json`), text);
  }
  const check = JsonStore.open(dir);
  const count = check.countPeople();
  check.release();
  if (count !== options.people) throw new Error(`seeded ${count} people, expected ${options.people}`);
  return { dir, people: count, bytes, seconds: (performance.now() - started) / 1000 };
}

// The server

export interface Server {
  port: number;
  origin: string;
  pid: number;
  dir: string;
  process: ChildProcess;
  /** Peak resident memory (VmHWM) and current (VmRSS), in MiB. */
  memory(): { peakMiB: number; rssMiB: number; threads: number };
  stop(): Promise<void>;
}

let nextPort = 43_210 + Math.floor(Math.random() * 1000);

/** Starts `scripts/start.ts` on 127.0.0.1 with DATA_DIR=`dir`, and waits for /healthz. */
export async function startServer(
  dir: string,
  options: { port?: number; env?: Record<string, string>; name?: string } = {},
): Promise<Server> {
  const port = options.port ?? nextPort++;
  mkdirSync(OUT_DIR, { recursive: true });
  const logPath = join(OUT_DIR, `server-${options.name ?? port}.log`);
  const logStream = createWriteStream(logPath);
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  let ended: string | undefined;
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = signal ? `killed by ${signal}` : `exited with code ${code}`;
      if (!stopping) log(`server pid ${child.pid} (${options.name ?? port}) ${ended} unexpectedly; see ${logPath}`);
      resolve();
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see ${logPath}`);
    try {
      const res = await httpRequest(origin, 'GET', '/healthz');
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 180_000) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy in 180 s; see ${logPath}`);
    }
    await sleep(100);
  }
  const pid = child.pid as number;
  return {
    port,
    origin,
    pid,
    dir,
    process: child,
    memory() {
      if (ended) throw new Error(`server ${options.name ?? port} ${ended}; see ${logPath}`);
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
      return { peakMiB: field('VmHWM') / 1024, rssMiB: field('VmRSS') / 1024, threads: field('Threads') };
    },
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timeout);
      }
      logStream.end();
    },
  };
}

// HTTP

const agents = new Map<number, Agent>();
function agentFor(sockets: number): Agent {
  let agent = agents.get(sockets);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: sockets });
    agents.set(sockets, agent);
  }
  return agent;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** One HTTP request (keep-alive); POSTs carry the Origin header Astro's origin check wants. */
export function httpRequest(
  origin: string,
  method: 'GET' | 'POST',
  path: string,
  options: { cookie?: string; form?: Record<string, string>; sockets?: number } = {},
): Promise<HttpResult> {
  const body = method === 'POST' ? new URLSearchParams(options.form ?? {}).toString() : undefined;
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (body !== undefined) {
    headers.origin = origin;
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(`${origin}${path}`, { method, headers, agent: agentFor(options.sockets ?? 8) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Signs in through the login form; returns the cookies a browser would then send (session and language). */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const res = await httpRequest(origin, 'POST', '/zh/login', { form: { email, password } });
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0] as string);
  if (res.status !== 303 || !cookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`)))
    throw new Error(`sign-in of ${email} failed: ${res.status} ${res.body.slice(0, 200)}`);
  return cookies.join('; ');
}

/** Signs everyone in, a few at a time (each sign-in costs an argon2 verify on the server). */
export async function signInAll(origin: string, users: BenchUser[], concurrency = 4): Promise<string[]> {
  const cookies: string[] = new Array(users.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < users.length) {
        const i = next++;
        const user = users[i] as BenchUser;
        cookies[i] = await signIn(origin, user.email, user.password);
      }
    }),
  );
  return cookies;
}

/** URL path of a lesson page (its POST marks the lesson read and answers 303). */
export function lessonPath(ids: ContentIds, key = 'communication/prepare-the-conversation'): string {
  const lesson = ids.lessons.includes(key) ? key : (ids.lessons[0] as string);
  return `/zh/courses/${ids.courseId}/${lesson}`;
}

// Measurements

/** CPU time (user + system, all threads) a process has used, in ms. */
export function processCpuMs(pid: number | 'self'): number {
  if (pid !== 'self' && !existsSync(`/proc/${pid}/stat`)) throw new Error(`process ${pid} is gone`);
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
}

/** Busy CPU time of the whole machine (all processes, kernel threads and interrupts), in ms. */
export function machineBusyMs(): number {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  return ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0)) * 10;
}

export interface CpuUse {
  /** Share of one core used by the server, this process and everything else, over the interval. */
  server: number;
  bench: number;
  others: number;
  /** Server CPU ms per request. */
  serverMsPerRequest: number;
}

/** Runs `work` and reports who used the CPU meanwhile (everything else on the machine included). */
export async function withCpu<T>(
  serverPid: number,
  work: () => Promise<T>,
  requests: (result: T) => number,
): Promise<{ result: T; cpu: CpuUse }> {
  const s0 = processCpuMs(serverPid);
  const b0 = processCpuMs('self');
  const m0 = machineBusyMs();
  const t0 = performance.now();
  const result = await work();
  const wall = performance.now() - t0;
  const server = processCpuMs(serverPid) - s0;
  const bench = processCpuMs('self') - b0;
  const others = Math.max(0, machineBusyMs() - m0 - server - bench);
  return {
    result,
    cpu: { server: server / wall, bench: bench / wall, others: others / wall, serverMsPerRequest: server / Math.max(1, requests(result)) },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export interface LatencyStats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Times `count` lesson saves (POST, expecting 303), `concurrency` at a time, rotating through
 * the signed-in users. Returns the latencies in ms and the number of non-303 answers.
 */
export async function timeSaves(
  origin: string,
  path: string,
  cookies: string[],
  count: number,
  concurrency = 1,
): Promise<{ ms: number[]; errors: number }> {
  const ms: number[] = [];
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        try {
          const res = await httpRequest(origin, 'POST', path, {
            cookie: cookies[i % cookies.length] as string,
            sockets: Math.max(concurrency, 1),
          });
          if (res.status === 303) ms.push(res.ms);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { ms, errors };
}

/**
 * Users with think time: each signed-in user waits a random (exponential) pause averaging
 * 1/`ratePerUser` s, saves, waits for the answer, and repeats, for `seconds`. Unlike autocannon's
 * paced mode, which sends every connection's request at the start of each second (a burst of 64),
 * arrivals here are spread out, as they are when people click "mark read".
 */
export async function usersWithThinkTime(
  origin: string,
  path: string,
  cookies: string[],
  seconds: number,
  ratePerUser: number,
): Promise<LoadResult> {
  const tally = responseTally(303);
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    cookies.map(async (cookie) => {
      for (;;) {
        await sleep((-Math.log(1 - Math.random()) / ratePerUser) * 1000);
        if (performance.now() >= until) return;
        try {
          const res = await httpRequest(origin, 'POST', path, { cookie, sockets: cookies.length });
          tally.record(res.status, res.ms);
        } catch {
          tally.failed(1);
        }
      }
    }),
  );
  return tally.result();
}

/** Counts answers by status; latencies of the expected status, everything else as an error. */
function responseTally(expectStatus: number) {
  const started = performance.now();
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  return {
    record(status: number, ms: number) {
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (status === expectStatus) latencies.push(ms);
      else errors++;
    },
    failed(count: number) {
      errors += count;
    },
    result(): LoadResult {
      const elapsed = (performance.now() - started) / 1000;
      const total = Object.values(statusCodes).reduce((sum, n) => sum + n, 0);
      return { seconds: elapsed, requests: total, requestsPerSecond: total / elapsed, latency: stats(latencies), errors, statusCodes };
    },
  };
}

export interface LoadResult {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latency: LatencyStats;
  errors: number;
  statusCodes: Record<string, number>;
}

/**
 * Load with autocannon: one connection per signed-in user (each client gets its own session
 * cookie as it is set up), all POSTing an empty form to `path`. One autocannon instance drives
 * every connection, so the load generator takes as little of the machine's CPU as it can.
 * Anything but `expectStatus` (303) counts as an error, as do connection errors and timeouts.
 * Each connection sends its next request as soon as the last is answered (a closed loop: latency
 * is then about connections / throughput).
 */
export async function loadTest(
  origin: string,
  path: string,
  cookies: (string | undefined)[],
  seconds: number,
  options: { expectStatus?: number } = {},
): Promise<LoadResult> {
  const autocannon = require('autocannon') as (opts: Record<string, unknown>) => {
    on(event: 'response', cb: (client: unknown, status: number, bytes: number, ms: number) => void): void;
    then: Promise<{ errors: number; timeouts: number }>['then'];
  };
  const tally = responseTally(options.expectStatus ?? 303);
  const form = { origin, 'content-type': 'application/x-www-form-urlencoded' };
  let nextClient = 0;
  const instance = autocannon({
    url: `${origin}${path}`,
    method: 'POST',
    connections: cookies.length,
    duration: seconds,
    timeout: 10,
    headers: form,
    body: '',
    setupClient(client: { setHeaders(headers: Record<string, string>): void }) {
      const cookie = cookies[nextClient++ % cookies.length];
      client.setHeaders({ ...form, ...(cookie ? { cookie } : {}) });
    },
  });
  instance.on('response', (_client, status, _bytes, ms) => tally.record(status, ms));
  const result = await (instance as unknown as Promise<{ errors: number; timeouts: number }>);
  tally.failed(result.errors + result.timeouts);
  return tally.result();
}

// Sections and the summary

export interface SummaryRow {
  section: string;
  metric: string;
  value: string;
  target?: string;
  pass?: boolean;
}

/** What run.ts hands to each section (bench/hr.ts exports `run(ctx)` returning a SectionResult). */
export interface BenchContext {
  /** Signed-in-capable users with real hashes, made once per run. */
  benchUsers: BenchUser[];
  content: ContentIds;
  /** Folders created during the run, removed at the end unless BENCH_KEEP=1. */
  tempDirs: string[];
  log: (message: string) => void;
}

export interface SectionResult {
  rows: SummaryRow[];
  /** Written under this section's name in bench/out/results.json. */
  data: Record<string, unknown>;
}

export function printTable(rows: SummaryRow[]): void {
  const header = ['section', 'metric', 'value', 'target', 'result'];
  const cells = rows.map((r) => [r.section, r.metric, r.value, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
