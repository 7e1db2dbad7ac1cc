/**
 * Starts a test server: `seeded` on a fresh data folder holding the test organisation, `empty`
 * on a fresh empty folder (first-run setup). Used by Playwright's webServer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProfile } from '../../src/server/people.ts';
import { openStore } from '../../src/server/store/index.ts';
import type { PersonDoc } from '../../src/server/store/schema.ts';
import { contentIndex, type Fixture, PEOPLE, TEAMS } from './fixtures.ts';
import { PORTS, TEST_PASSWORD } from './ports.ts';

const mode = process.argv[2] === 'empty' ? 'empty' : 'seeded';
const dir = mkdtempSync(join(tmpdir(), `fairplay-e2e-${mode}-`));
process.env.DATA_DIR = dir;
process.env.PORT = String(PORTS[mode]);
process.env.HOST = 'localhost';

if (mode === 'seeded') {
  const store = openStore(dir);
  const teamIds: Record<string, string> = {};
  await store.updateOrg((org) => {
    for (const [key, name] of Object.entries(TEAMS)) {
      teamIds[key] = `team-${key}`;
      org.teams.push({ id: `team-${key}`, name, createdAt: new Date().toISOString() });
    }
  });
  const content = contentIndex();
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  for (const f of Object.values(PEOPLE) as Fixture[]) {
    const profile = await buildProfile({
      email: f.email,
      name: f.name,
      role: f.role,
      team: f.team ? (teamIds[f.team] ?? null) : null,
      manages: (f.manages ?? []).map((m) => teamIds[m] as string),
      password: TEST_PASSWORD,
      mustChangePassword: f.mustChangePassword ?? false,
    });
    await store.addPeople([profile]);
    if (!f.complete && !f.someProgress) continue;
    await store.updatePerson(profile.id, (doc: PersonDoc) => {
      const lessons = f.complete ? content.lessons : content.lessons.slice(0, 3);
      for (const key of lessons) doc.lessons[key] = { readAt: day(10) };
      if (!f.complete) return;
      content.quizzes.forEach((q, i) => {
        doc.quizAttempts.push({
          id: `seed-${q.id}-${i}`,
          quizId: q.id,
          at: day(5),
          correct: q.items.length,
          total: q.items.length,
          score: 1,
          passed: true,
          wrong: [],
        });
      });
      content.scenarios.forEach((s, i) => {
        const end = s.nodes.find((n) => n.ending?.kind === 'good') ?? s.nodes.find((n) => n.ending);
        doc.scenarioRuns.push({
          id: `seed-run-${i}-xxxx`,
          scenarioId: s.id,
          startedAt: day(4),
          updatedAt: day(4),
          choices: [],
          finishedAt: day(4),
          ending: { node: end?.id ?? 'end', kind: (end?.ending?.kind ?? 'good') as 'good' },
        });
      });
    });
  }
}
await import('../../scripts/start.ts');
