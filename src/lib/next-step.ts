import type { Catalogue } from './catalogue.ts';
import type { CourseProgress } from './progress.ts';

export type NextStep =
  | { kind: 'lesson'; moduleId: string; lessonKey: string }
  | { kind: 'quiz'; moduleId: string; quizId: string }
  | { kind: 'scenario'; moduleId: string; scenarioId: string }
  | { kind: 'done' };

/**
 * What to do next: continue after the last lesson read, else the first thing left undone,
 * in course order (lessons, then the module's quiz, then its role-plays).
 */
export function nextStep(
  catalogue: Catalogue,
  progress: CourseProgress,
  records: {
    lessons: Record<string, unknown>;
    lastLesson?: { key: string } | undefined;
    scenarioRuns: { scenarioId: string; finishedAt?: string | undefined }[];
  },
): NextStep {
  const steps: NextStep[] = [];
  catalogue.modules.forEach((module, i) => {
    const p = progress.modules[i];
    for (const lesson of module.lessons)
      if (!records.lessons[lesson.key]) steps.push({ kind: 'lesson', moduleId: module.id, lessonKey: lesson.key });
    if (module.quizId && p?.quiz && !p.quiz.passed) steps.push({ kind: 'quiz', moduleId: module.id, quizId: module.quizId });
    for (const id of module.scenarioIds)
      if (!records.scenarioRuns.some((r) => r.scenarioId === id && r.finishedAt))
        steps.push({ kind: 'scenario', moduleId: module.id, scenarioId: id });
  });
  if (!steps.length) return { kind: 'done' };
  // Prefer continuing in the module of the lesson read last.
  const lastModule = records.lastLesson?.key.split('/')[0];
  return steps.find((s) => 'moduleId' in s && s.moduleId === lastModule) ?? (steps[0] as NextStep);
}
