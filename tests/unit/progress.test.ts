import { describe, expect, test } from 'vitest';
import type { Catalogue, CatalogueLesson, CatalogueModule } from '../../src/lib/catalogue.ts';
import { completedSince, courseProgress, moduleProgress } from '../../src/lib/progress.ts';
import type { PersonDoc, QuizAttempt, ScenarioRun } from '../../src/server/store/schema.ts';

const L = (en: string) => ({ zh: `中${en}`, en });
const lesson = (key: string, order: number): CatalogueLesson => ({
  key,
  slug: key.split('/')[1] as string,
  order,
  title: { zh: key, en: key },
  summary: { zh: key, en: key },
  minutes: { zh: 5, en: 5 },
});
const mod = (id: string, order: number, lessons: string[], quizId: string | null, scenarioIds: string[]): CatalogueModule => ({
  id,
  order,
  kind: 'core',
  title: L(id),
  summary: L(id),
  objectives: [L('objective')],
  number: order,
  lessons: lessons.map((k, i) => lesson(`${id}/${k}`, i + 1)),
  quizId,
  scenarioIds,
});

/** talk: two lessons, a quiz, a role-play. rules: one lesson, nothing else. */
const talk = mod('talk', 1, ['listen', 'ask'], 'talk-quiz', ['first-call']);
const rules = mod('rules', 2, ['crm'], null, []);
const catalogue: Catalogue = { courseId: 'fairplay', title: L('Fairplay'), summary: L('course'), modules: [talk, rules] };

type Records = Pick<PersonDoc, 'lessons' | 'quizAttempts' | 'scenarioRuns'>;
const empty = (): Records => ({ lessons: {}, quizAttempts: [], scenarioRuns: [] });
const attempt = (id: string, at: string, score: number, passed: boolean, quizId = 'talk-quiz'): QuizAttempt => ({
  id,
  quizId,
  at,
  correct: Math.round(score * 10),
  total: 10,
  score,
  passed,
  wrong: [],
});
const run = (scenarioId: string, startedAt: string, finishedAt?: string): ScenarioRun =>
  ({
    id: `${scenarioId}-${startedAt}`,
    scenarioId,
    startedAt,
    updatedAt: finishedAt ?? startedAt,
    choices: [],
    ...(finishedAt ? { finishedAt, ending: { node: 'end', kind: 'good' } } : {}),
  }) as ScenarioRun;

/** Everything in the course done, with these dates. */
function allDone(): Records {
  return {
    lessons: {
      'talk/listen': { readAt: '2025-03-01T09:00:00.000Z' },
      'talk/ask': { readAt: '2025-03-02T09:00:00.000Z' },
      'rules/crm': { readAt: '2025-03-05T09:00:00.000Z' },
    },
    quizAttempts: [attempt('a1', '2025-03-03T09:00:00.000Z', 0.9, true)],
    scenarioRuns: [run('first-call', '2025-03-04T08:00:00.000Z', '2025-03-04T09:00:00.000Z')],
  };
}

describe('moduleProgress', () => {
  test('nothing done: not started, quiz never tried', () => {
    expect(moduleProgress(talk, empty())).toEqual({
      moduleId: 'talk',
      lessonsRead: 0,
      lessonsTotal: 2,
      quiz: { passed: false, best: null, attempts: 0, passedAt: null },
      scenariosDone: 0,
      scenariosTotal: 1,
      complete: false,
      completedAt: null,
      started: false,
      stepsDone: 0,
      stepsTotal: 4,
      percent: 0,
    });
  });

  test('a module without a quiz has quiz null and is complete once its lessons are read', () => {
    const p = moduleProgress(rules, { ...empty(), lessons: { 'rules/crm': { readAt: '2025-03-05T09:00:00.000Z' } } });
    expect(p).toMatchObject({ quiz: null, lessonsRead: 1, complete: true, completedAt: '2025-03-05T09:00:00.000Z', started: true });
  });

  test('lessons of other modules do not count', () => {
    const p = moduleProgress(talk, { ...empty(), lessons: { 'rules/crm': { readAt: '2025-03-05T09:00:00.000Z' } } });
    expect(p).toMatchObject({ lessonsRead: 0, started: false });
  });

  test('failed attempts: best score, attempts counted, not passed; attempts at other quizzes ignored', () => {
    const records = {
      ...empty(),
      quizAttempts: [
        attempt('a1', '2025-03-01T00:00:00.000Z', 0.5, false),
        attempt('a2', '2025-03-02T00:00:00.000Z', 0.7, false),
        attempt('x', '2025-03-02T00:00:00.000Z', 1, true, 'other-quiz'),
      ],
    };
    expect(moduleProgress(talk, records)).toMatchObject({
      quiz: { passed: false, best: 0.7, attempts: 2, passedAt: null },
      started: true,
      complete: false,
    });
  });

  test('passedAt is the first passing attempt by date, whatever order they were saved in', () => {
    const records = {
      ...empty(),
      quizAttempts: [
        attempt('late', '2025-03-09T00:00:00.000Z', 1, true),
        attempt('fail', '2025-03-01T00:00:00.000Z', 0.2, false),
        attempt('early', '2025-03-05T00:00:00.000Z', 0.8, true),
      ],
    };
    expect(moduleProgress(talk, records).quiz).toEqual({ passed: true, best: 1, attempts: 3, passedAt: '2025-03-05T00:00:00.000Z' });
  });

  test('an unfinished role-play run starts the module but does not count as done', () => {
    const p = moduleProgress(talk, { ...empty(), scenarioRuns: [run('first-call', '2025-03-04T08:00:00.000Z')] });
    expect(p).toMatchObject({ scenariosDone: 0, started: true });
  });

  test('a run of another role-play does not count', () => {
    const p = moduleProgress(talk, { ...empty(), scenarioRuns: [run('other', '2025-03-04T08:00:00.000Z', '2025-03-04T09:00:00.000Z')] });
    expect(p).toMatchObject({ scenariosDone: 0, started: false });
  });

  test('all requirements met: complete, at the date of the last one to be met', () => {
    const p = moduleProgress(talk, allDone());
    expect(p).toMatchObject({ lessonsRead: 2, scenariosDone: 1, complete: true, completedAt: '2025-03-04T09:00:00.000Z' });
  });

  test('the role-play date counted is its first finish, not a later replay', () => {
    const records = allDone();
    records.scenarioRuns.push(run('first-call', '2025-04-01T08:00:00.000Z', '2025-04-01T09:00:00.000Z'));
    expect(moduleProgress(talk, records).completedAt).toBe('2025-03-04T09:00:00.000Z');
  });

  test('one unread lesson keeps the module incomplete', () => {
    const records = allDone();
    delete records.lessons['talk/ask'];
    expect(moduleProgress(talk, records)).toMatchObject({ complete: false, completedAt: null, lessonsRead: 1 });
  });

  test('a failed quiz keeps the module incomplete', () => {
    const records = allDone();
    records.quizAttempts = [attempt('a1', '2025-03-03T09:00:00.000Z', 0.6, false)];
    expect(moduleProgress(talk, records).complete).toBe(false);
  });
});

describe('courseProgress', () => {
  test('nothing done: 0%, not started', () => {
    expect(courseProgress(catalogue, empty())).toMatchObject({
      completeModules: 0,
      totalModules: 2,
      complete: false,
      completedAt: null,
      started: false,
      percent: 0,
    });
  });

  test('percent counts lessons, quizzes and role-plays as equal steps', () => {
    // Steps: talk 2 lessons + quiz + role-play, rules 1 lesson = 5. One lesson read = 20%.
    expect(courseProgress(catalogue, { ...empty(), lessons: { 'talk/listen': { readAt: '2025-03-01T00:00:00.000Z' } } }).percent).toBe(20);
    const records = allDone();
    delete records.lessons['rules/crm'];
    const p = courseProgress(catalogue, records);
    expect(p).toMatchObject({ percent: 80, completeModules: 1, complete: false, started: true });
  });

  test('a failed quiz attempt is not a step done', () => {
    const p = courseProgress(catalogue, { ...empty(), quizAttempts: [attempt('a1', '2025-03-01T00:00:00.000Z', 0.5, false)] });
    expect(p).toMatchObject({ percent: 0, started: true });
  });

  test('everything done: complete at the date the last module was completed', () => {
    expect(courseProgress(catalogue, allDone())).toMatchObject({
      completeModules: 2,
      complete: true,
      completedAt: '2025-03-05T09:00:00.000Z',
      percent: 100,
    });
  });

  test('an empty catalogue is never complete', () => {
    expect(courseProgress({ ...catalogue, modules: [] }, allDone())).toMatchObject({ complete: false, percent: 0, totalModules: 0 });
  });
});

describe('completedSince', () => {
  test('never completed: false for every question', () => {
    const records = allDone();
    records.quizAttempts = [];
    const since = completedSince(catalogue, records);
    expect(since(null)).toBe(false);
    expect(since('2020-01-01T00:00:00.000Z')).toBe(false);
  });

  test('null asks "ever completed?"', () => {
    expect(completedSince(catalogue, allDone())(null)).toBe(true);
  });

  test('completed again after a date: quiz passed and role-play finished after it; lessons read at any time', () => {
    const records = allDone();
    records.quizAttempts.push(attempt('again', '2026-02-01T00:00:00.000Z', 0.8, true));
    records.scenarioRuns.push(run('first-call', '2026-02-02T00:00:00.000Z', '2026-02-02T01:00:00.000Z'));
    const since = completedSince(catalogue, records);
    expect(since('2026-01-31T00:00:00.000Z')).toBe(true);
    expect(since('2026-02-01T12:00:00.000Z')).toBe(false); // the quiz pass was before this
    expect(since('2026-03-01T00:00:00.000Z')).toBe(false);
  });

  test('a failed quiz after the date does not count as completing it again', () => {
    const records = allDone();
    records.quizAttempts.push(attempt('again', '2026-02-01T00:00:00.000Z', 0.5, false));
    records.scenarioRuns.push(run('first-call', '2026-02-02T00:00:00.000Z', '2026-02-02T01:00:00.000Z'));
    expect(completedSince(catalogue, records)('2026-01-31T00:00:00.000Z')).toBe(false);
  });

  test('an unfinished role-play run after the date does not count', () => {
    const records = allDone();
    records.quizAttempts.push(attempt('again', '2026-02-01T00:00:00.000Z', 0.9, true));
    records.scenarioRuns.push(run('first-call', '2026-02-02T00:00:00.000Z'));
    expect(completedSince(catalogue, records)('2026-01-31T00:00:00.000Z')).toBe(false);
  });

  test('a module with neither quiz nor role-play never blocks a refresher', () => {
    const onlyRules: Catalogue = { ...catalogue, modules: [rules] };
    const records = { ...empty(), lessons: { 'rules/crm': { readAt: '2025-03-05T09:00:00.000Z' } } };
    expect(completedSince(onlyRules, records)('2030-01-01T00:00:00.000Z')).toBe(true);
  });
});
