import { stringify } from 'csv-stringify/sync';
import type { Catalogue } from '../../lib/catalogue.ts';
import { safeCell } from '../../lib/csv-safe.ts';
import { type Statement, statement } from '../../lib/xapi.ts';
import type { Scenario } from '../../schemas/scenario.ts';
import type { PersonSummary } from './org-report.ts';

export const CSV_COLUMNS = [
  'name',
  'email',
  'team',
  'manager',
  'assigned',
  'due',
  'status',
  'module',
  'lessons_read',
  'lessons_total',
  'quiz_best_score',
  'quiz_passed_at',
  'roleplays_done',
  'roleplays_total',
  'module_completed_at',
  'course_completed_at',
] as const;

/**
 * Completion records as CSV: one row per person and module, UTF-8 with a byte-order mark (so Excel
 * reads Chinese correctly), formula-like cells neutralised. Self-assessments never appear here.
 */
export function completionsCsv(summaries: PersonSummary[]): string {
  const rows: string[][] = [];
  for (const s of summaries) {
    const p = s.doc.profile;
    s.progress.modules.forEach((m) => {
      rows.push(
        [
          p.name,
          p.email,
          s.teamName,
          s.managerNames.join('; '),
          s.due ? 'yes' : 'no',
          s.due?.dueAt.slice(0, 10) ?? '',
          s.status,
          m.moduleId,
          m.lessonsRead,
          m.lessonsTotal,
          m.quiz?.best != null ? Math.round(m.quiz.best * 100) : '',
          m.quiz?.passedAt ?? '',
          m.scenariosDone,
          m.scenariosTotal,
          m.completedAt ?? '',
          s.progress.completedAt ?? '',
        ].map((v) => safeCell(v)),
      );
    });
  }
  return `\uFEFF${stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n' })}`;
}

/** Learning records as xAPI 1.0.3 statements, ids stable across exports. */
export function xapiStatements(origin: string, catalogue: Catalogue, summaries: PersonSummary[], scenarios: Scenario[]): Statement[] {
  const out: Statement[] = [];
  const course = { path: `courses/${catalogue.courseId}`, name: catalogue.title };
  const lessonName = new Map(catalogue.modules.flatMap((m) => m.lessons.map((l) => [l.key, l.title] as const)));
  const quizModule = new Map(catalogue.modules.filter((m) => m.quizId).map((m) => [m.quizId as string, m]));
  const scenarioById = new Map(scenarios.map((s) => [s.id, s]));
  for (const s of summaries) {
    const doc = s.doc;
    const actor = { id: doc.profile.id, name: doc.profile.name };
    for (const [key, v] of Object.entries(doc.lessons)) {
      const name = lessonName.get(key);
      if (name)
        out.push(
          statement({
            origin,
            actor,
            verb: 'experienced',
            activity: { path: `${course.path}/lessons/${key}`, type: 'lesson', name },
            timestamp: v.readAt,
            parent: course,
          }),
        );
    }
    for (const a of doc.quizAttempts) {
      const m = quizModule.get(a.quizId);
      if (!m) continue;
      out.push(
        statement({
          origin,
          actor,
          verb: a.passed ? 'passed' : 'failed',
          activity: {
            path: `${course.path}/quizzes/${a.quizId}`,
            type: 'assessment',
            name: { zh: `${m.title.zh}测验`, en: `${m.title.en} quiz` },
          },
          timestamp: a.at,
          result: { scaled: Math.round(a.score * 1000) / 1000, raw: a.correct, min: 0, max: a.total, success: a.passed, completion: true },
          parent: course,
        }),
      );
    }
    for (const r of doc.scenarioRuns) {
      const sc = scenarioById.get(r.scenarioId);
      if (!sc || !r.finishedAt) continue;
      out.push(
        statement({
          origin,
          actor,
          verb: 'completed',
          activity: { path: `${course.path}/scenarios/${r.scenarioId}`, type: 'simulation', name: sc.title },
          timestamp: r.finishedAt,
          // The ending reached is recorded; a role-play is practice, not a grade of the person.
          result: { completion: true, extensions: { [`${origin}/xapi/extensions/ending`]: r.ending?.kind ?? 'unknown' } },
          parent: course,
        }),
      );
    }
    s.progress.modules.forEach((m, i) => {
      const module = catalogue.modules[i];
      if (module && m.completedAt)
        out.push(
          statement({
            origin,
            actor,
            verb: 'completed',
            activity: { path: `${course.path}/modules/${module.id}`, type: 'module', name: module.title },
            timestamp: m.completedAt,
            result: { completion: true },
            parent: course,
          }),
        );
    });
    if (s.progress.completedAt)
      out.push(
        statement({
          origin,
          actor,
          verb: 'completed',
          activity: { path: course.path, type: 'course', name: course.name },
          timestamp: s.progress.completedAt,
          result: { completion: true },
        }),
      );
  }
  return out;
}
