import type { PersonDoc } from '../server/store/schema.ts';
import type { Catalogue, CatalogueModule } from './catalogue.ts';

export interface ModuleProgress {
  moduleId: string;
  lessonsRead: number;
  lessonsTotal: number;
  /** null when the module has no quiz. */
  quiz: { passed: boolean; best: number | null; attempts: number; passedAt: string | null } | null;
  scenariosDone: number;
  scenariosTotal: number;
  complete: boolean;
  /** When the last requirement was met. */
  completedAt: string | null;
  started: boolean;
  /** Steps (lessons, the quiz, role-plays) done and in all: the base of every percentage. */
  stepsDone: number;
  stepsTotal: number;
  /** 0-100 of the module's steps. */
  percent: number;
}

export interface CourseProgress {
  modules: ModuleProgress[];
  completeModules: number;
  totalModules: number;
  complete: boolean;
  completedAt: string | null;
  started: boolean;
  /** 0-100, counting lessons, quizzes and role-plays as equal steps. */
  percent: number;
}

type Records = Pick<PersonDoc, 'lessons' | 'quizAttempts' | 'scenarioRuns'>;

const latest = (dates: (string | null | undefined)[]): string | null =>
  dates.reduce<string | null>((max, d) => (d && (!max || d > max) ? d : max), null);

/** Where one person stands in one module: lessons read, quiz passed, role-plays played to an ending. */
export function moduleProgress(module: CatalogueModule, records: Records): ModuleProgress {
  const readDates = module.lessons.map((l) => records.lessons[l.key]?.readAt);
  const lessonsRead = readDates.filter(Boolean).length;
  let quiz: ModuleProgress['quiz'] = null;
  if (module.quizId) {
    const attempts = records.quizAttempts.filter((a) => a.quizId === module.quizId);
    const firstPass = attempts.filter((a) => a.passed).sort((a, b) => a.at.localeCompare(b.at))[0];
    quiz = {
      passed: !!firstPass,
      best: attempts.length ? Math.max(...attempts.map((a) => a.score)) : null,
      attempts: attempts.length,
      passedAt: firstPass?.at ?? null,
    };
  }
  const scenarioDates = module.scenarioIds.map(
    (id) =>
      records.scenarioRuns
        .filter((r) => r.scenarioId === id && r.finishedAt)
        .map((r) => r.finishedAt as string)
        .sort()[0],
  );
  const scenariosDone = scenarioDates.filter(Boolean).length;
  const complete = lessonsRead === module.lessons.length && (!quiz || quiz.passed) && scenariosDone === module.scenarioIds.length;
  const stepsDone = lessonsRead + (quiz?.passed ? 1 : 0) + scenariosDone;
  const stepsTotal = module.lessons.length + (quiz ? 1 : 0) + module.scenarioIds.length;
  return {
    moduleId: module.id,
    stepsDone,
    stepsTotal,
    percent: stepsTotal ? Math.round((stepsDone / stepsTotal) * 100) : 0,
    lessonsRead,
    lessonsTotal: module.lessons.length,
    quiz,
    scenariosDone,
    scenariosTotal: module.scenarioIds.length,
    complete,
    completedAt: complete ? latest([...readDates, quiz?.passedAt, ...scenarioDates]) : null,
    started: lessonsRead > 0 || (quiz?.attempts ?? 0) > 0 || records.scenarioRuns.some((r) => module.scenarioIds.includes(r.scenarioId)),
  };
}

/** Where one person stands in the whole course. */
export function courseProgress(catalogue: Catalogue, records: Records): CourseProgress {
  const modules = catalogue.modules.map((m) => moduleProgress(m, records));
  const completeModules = modules.filter((m) => m.complete).length;
  const steps = modules.reduce((n, m) => n + m.stepsTotal, 0);
  const done = modules.reduce((n, m) => n + m.stepsDone, 0);
  const complete = modules.length > 0 && completeModules === modules.length;
  return {
    modules,
    completeModules,
    totalModules: modules.length,
    complete,
    completedAt: complete ? latest(modules.map((m) => m.completedAt)) : null,
    started: modules.some((m) => m.started),
    percent: steps ? Math.round((done / steps) * 100) : 0,
  };
}

/**
 * A predicate for assignments: `since === null` asks whether the course was ever completed;
 * otherwise whether it was completed again after `since` (every module quiz passed and every
 * role-play played to an ending after that date, lessons read at any time).
 */
export function completedSince(
  catalogue: Catalogue,
  records: Records,
  progress = courseProgress(catalogue, records),
): (since: string | null) => boolean {
  const ever = progress.complete;
  return (since) => {
    if (!ever) return false;
    if (since === null) return true;
    return catalogue.modules.every(
      (m) =>
        (!m.quizId || records.quizAttempts.some((a) => a.quizId === m.quizId && a.passed && a.at > since)) &&
        m.scenarioIds.every((id) => records.scenarioRuns.some((r) => r.scenarioId === id && r.finishedAt && r.finishedAt > since)),
    );
  };
}
