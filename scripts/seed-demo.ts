/**
 * `npm run seed:demo`: fills an empty DATA_DIR with a demo organisation (HR, managers, reps in
 * three teams, varied progress, one overdue assignment) so every page has something to show.
 * Prints the sign-ins; the password is generated for this run. Run it while the server is stopped.
 */
import { randomBytes } from 'node:crypto';
import { contentIndex } from '../src/content-checks/content-index.ts';
import { newReviewCard } from '../src/lib/review.ts';
import { dataDir } from '../src/server/config.ts';
import { buildProfile, newId } from '../src/server/people.ts';
import { closeStore, openStore } from '../src/server/store/index.ts';
import type { PersonDoc, Role } from '../src/server/store/schema.ts';

const store = (() => {
  try {
    return openStore();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();
if (store.countPeople() > 0) {
  console.error(
    `${dataDir()} already holds ${store.countPeople()} people; seed:demo only fills an empty data folder (set DATA_DIR to a new folder).`,
  );
  closeStore();
  process.exit(1);
}

const password = `Demo-${randomBytes(6).toString('base64url')}-7`;
const content = contentIndex();
const now = Date.now();
const daysAgo = (n: number) => new Date(now - n * 86_400_000).toISOString();
const teams = [
  { id: newId(), name: '华东一组 East 1' },
  { id: newId(), name: '华南二组 South 2' },
  { id: newId(), name: '大客户部 Key Accounts' },
];
await store.updateOrg((org) => {
  for (const t of teams) org.teams.push({ ...t, createdAt: daysAgo(120) });
});

/** How far each demo rep has got: a share of the course, 0-1. */
const people: { name: string; email: string; role: Role; team: number | null; manages?: number[]; progress?: number }[] = [
  { name: '周敏 Zhou Min', email: 'hr@demo.fairplay', role: 'hr', team: null },
  { name: '陈静 Chen Jing', email: 'chen.jing@demo.fairplay', role: 'manager', team: 0, manages: [0], progress: 1 },
  { name: 'Mark Davies', email: 'mark.davies@demo.fairplay', role: 'manager', team: 1, manages: [1], progress: 0.6 },
  { name: '赵刚 Zhao Gang', email: 'zhao.gang@demo.fairplay', role: 'manager', team: 2, manages: [2], progress: 0.3 },
  ...[
    ['王磊 Wang Lei', 1],
    ['李娜 Li Na', 0.85],
    ['刘洋 Liu Yang', 0.5],
    ['张伟 Zhang Wei', 0.2],
    ['Sarah Kim', 1],
    ['黄丽 Huang Li', 0],
    ['孙浩 Sun Hao', 0.7],
    ['Tom Becker', 0.4],
    ['吴婷 Wu Ting', 1],
    ['郑凯 Zheng Kai', 0.1],
    ['Priya Nair', 0.9],
    ['林悦 Lin Yue', 0],
    ['何军 He Jun', 0.6],
    ['马丽 Ma Li', 0.3],
    ['Dan Okafor', 1],
    ['许晨 Xu Chen', 0.05],
    ['高洁 Gao Jie', 0.75],
    ['罗强 Luo Qiang', 0],
  ].map(([name, progress], i) => ({
    name: name as string,
    email: `rep${i + 1}@demo.fairplay`,
    role: 'rep' as const,
    team: i % 3,
    progress: progress as number,
  })),
];

for (const p of people) {
  const profile = await buildProfile({
    name: p.name,
    email: p.email,
    role: p.role,
    team: p.team === null ? null : (teams[p.team]?.id ?? null),
    manages: (p.manages ?? []).map((i) => teams[i]?.id as string),
    password,
    mustChangePassword: false,
  });
  profile.createdAt = daysAgo(100);
  await store.addPeople([profile]);
  const share = p.progress ?? 0;
  if (!share) continue;
  await store.updatePerson(profile.id, (doc: PersonDoc) => {
    const lessons = content.lessons.slice(0, Math.round(content.lessons.length * share));
    lessons.forEach((key, i) => {
      doc.lessons[key] = { readAt: daysAgo(60 - i * 2) };
    });
    doc.lastLesson = lessons.length ? { key: lessons.at(-1) as string, at: daysAgo(5) } : undefined;
    const readModules = new Set(lessons.map((k) => k.split('/')[0]));
    content.quizzes
      .filter((q) => readModules.has(q.module))
      .forEach((q, i) => {
        const total = q.items.length;
        const first = Math.max(0, total - 4 - (i % 3));
        doc.quizAttempts.push({
          id: newId(),
          quizId: q.id,
          at: daysAgo(40 - i * 3),
          correct: first,
          total,
          score: first / total,
          passed: first / total >= 0.8,
          wrong: q.items.slice(0, total - first).map((it) => it.id),
        });
        if (share >= 0.5)
          doc.quizAttempts.push({
            id: newId(),
            quizId: q.id,
            at: daysAgo(39 - i * 3),
            correct: total,
            total,
            score: 1,
            passed: true,
            wrong: [],
          });
        else
          for (const it of q.items.slice(0, 2))
            doc.reviewCards.push({ quizId: q.id, itemId: it.id, addedAt: daysAgo(3), card: newReviewCard(new Date(now - 3 * 86_400_000)) });
      });
    content.scenarios
      .filter((s) => readModules.has(s.module) && share >= 0.5)
      .forEach((s, i) => {
        const ending = s.nodes.filter((n) => n.ending)[i % 2] ?? s.nodes.find((n) => n.ending);
        doc.scenarioRuns.push({
          id: newId(),
          scenarioId: s.id,
          startedAt: daysAgo(30 - i),
          updatedAt: daysAgo(30 - i),
          choices: [],
          finishedAt: daysAgo(30 - i),
          ending: { node: ending?.id ?? 'end', kind: (ending?.ending?.kind ?? 'good') as 'good' },
        });
      });
    if (share >= 0.3)
      doc.assessments.push({
        id: newId(),
        assessmentId: 'conflict-style',
        at: daysAgo(50),
        answers: {},
        scores: { competing: 40, collaborating: 70, compromising: 55, avoiding: 30, accommodating: 45 },
      });
  });
}
const hr = store.findPersonByEmail('hr@demo.fairplay');
await store.updateOrg((org) => {
  org.assignments.push({
    id: newId(),
    courseId: 'customer-conflicts',
    target: { kind: 'team', id: teams[0]?.id as string },
    dueAt: daysAgo(-30),
    recurMonths: 12,
    createdAt: daysAgo(90),
    createdBy: hr?.profile.id as string,
  });
  org.assignments.push({
    id: newId(),
    courseId: 'customer-conflicts',
    target: { kind: 'team', id: teams[1]?.id as string },
    dueAt: daysAgo(7),
    createdAt: daysAgo(90),
    createdBy: hr?.profile.id as string,
  });
});
closeStore();

console.log(`Demo organisation created in ${dataDir()}: ${people.length} people in ${teams.length} teams.\n`);
console.log(`Every demo account uses the password: ${password}\n`);
console.log('  HR:       hr@demo.fairplay');
console.log('  Manager:  chen.jing@demo.fairplay (East 1), mark.davies@demo.fairplay (South 2)');
console.log('  Reps:     rep1@demo.fairplay … rep18@demo.fairplay (rep1 has finished the course)\n');
console.log('Start the portal with `npm start` and sign in at http://localhost:4321/');
