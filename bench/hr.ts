/**
 * The HR section of `npm run bench`: an organisation of 5,000 reps with full histories.
 *   - the dashboard (/zh/hr/) and the people table (/zh/hr/people, sorted and filtered): p95 of
 *     the response time over repeated requests (loopback, so this is the server's time);
 *   - the CSV export (/api/hr/completions.csv): seconds per export and the server's peak memory.
 * Targets on the 2-core machine: dashboard under 500 ms, CSV under 2 s.
 */
import { type BenchContext, fmt, httpRequest, type SectionResult, seedDataDir, signIn, startServer, stats } from './lib.ts';

const REPS = Number(process.env.BENCH_HR_PEOPLE) || 5000;
const ROUNDS = Number(process.env.BENCH_HR_ROUNDS) || 20;

async function timeGets(origin: string, path: string, cookie: string, rounds: number) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const res = await httpRequest(origin, 'GET', path, { cookie });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    ms.push(res.ms);
    bytes = res.body.length;
  }
  return { ...stats(ms), bytes };
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const hrUser = ctx.benchUsers[0];
  if (!hrUser) throw new Error('bench/hr.ts needs one bench user');
  const hr = { ...hrUser, profile: { ...hrUser.profile, role: 'hr' as const } };
  ctx.log(`hr: seeding ${REPS} reps with full histories`);
  const seeded = seedDataDir({ people: REPS + 1, benchUsers: [hr], teamSize: 25 });
  ctx.tempDirs.push(seeded.dir);
  const server = await startServer(seeded.dir, { name: 'hr' });
  try {
    const cookie = await signIn(server.origin, hr.email, hr.password);
    // One request each first: the catalogue and content are built lazily on first use.
    await httpRequest(server.origin, 'GET', '/zh/hr/', { cookie });
    ctx.log('hr: timing the dashboard and the people table');
    const dashboard = await timeGets(server.origin, '/zh/hr/', cookie, ROUNDS);
    const people = await timeGets(server.origin, '/zh/hr/people?sort=progress&dir=desc', cookie, ROUNDS);
    const filtered = await timeGets(server.origin, '/zh/hr/people?team=team3&status=completed&q=Bench', cookie, ROUNDS);
    ctx.log('hr: timing the CSV export');
    const before = server.memory();
    const csv = await timeGets(server.origin, '/api/hr/completions.csv', cookie, 5);
    const after = server.memory();
    const rows = [
      {
        section: 'hr',
        metric: `dashboard p95 (${REPS} reps)`,
        value: `${fmt(dashboard.p95)} ms`,
        target: '< 500 ms',
        pass: dashboard.p95 < 500,
      },
      { section: 'hr', metric: 'people table p95 (sorted)', value: `${fmt(people.p95)} ms`, target: '< 500 ms', pass: people.p95 < 500 },
      { section: 'hr', metric: 'people table p95 (filtered)', value: `${fmt(filtered.p95)} ms` },
      {
        section: 'hr',
        metric: 'CSV export (max of 5)',
        value: `${fmt(csv.max / 1000, 2)} s (${fmt(csv.bytes / 1e6, 1)} MB)`,
        target: '< 2 s',
        pass: csv.max < 2000,
      },
      {
        section: 'hr',
        metric: 'server peak memory after CSV',
        value: `${fmt(after.peakMiB, 0)} MiB (before: ${fmt(before.peakMiB, 0)} MiB)`,
      },
    ];
    return { rows, data: { reps: REPS, seed: seeded, dashboard, people, filtered, csv, memory: { before, after } } };
  } finally {
    await server.stop();
  }
}
