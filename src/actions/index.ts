import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import type { Answer } from '../lib/grading.ts';
import { gradeQuiz } from '../lib/grading.ts';
import { itemFeedback } from '../lib/quiz-view.ts';
import { getQuiz, lessonSectionHref } from '../server/content.ts';
import { saveQuizAttempt } from '../server/records/quizzes.ts';
import { scenarioActions } from './scenarios.ts';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(64);
const token = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** Every action checks the session itself: actions are public endpoints. */
function requireUser(locals: App.Locals) {
  if (!locals.user) throw new ActionError({ code: 'UNAUTHORIZED', message: locals.t('common.notSignedIn') });
  return locals.user;
}

export const server = {
  /** Grades a quiz attempt on the server, saves it once, and returns the feedback. */
  submitQuiz: defineAction({
    input: z.strictObject({
      quizId: slug,
      attemptId: token,
      locale: z.enum(['zh', 'en']),
      answers: z
        .record(slug, z.union([z.string().max(64), z.array(z.string().max(64)).max(10), z.boolean()]))
        .refine((a) => Object.keys(a).length <= 50, 'too many answers'),
    }),
    handler: async (input, context) => {
      const user = requireUser(context.locals);
      const quiz = await getQuiz(input.quizId);
      if (!quiz) throw new ActionError({ code: 'NOT_FOUND', message: `No quiz "${input.quizId}"` });
      // Every question must be answered (the form insists too); this also refuses answers whose
      // keys zod dropped, such as "__proto__".
      const missing = quiz.items.filter((item) => !Object.hasOwn(input.answers, item.id));
      if (missing.length)
        throw new ActionError({ code: 'BAD_REQUEST', message: context.locals.t('quiz.unansweredServer', { count: missing.length }) });
      const grade = gradeQuiz(quiz, input.answers as Record<string, Answer>);
      const { attempt } = await saveQuizAttempt(user.id, {
        id: input.attemptId,
        quizId: quiz.id,
        at: new Date().toISOString(),
        correct: grade.correct,
        total: grade.total,
        score: grade.score,
        passed: grade.passed,
        wrong: Object.entries(grade.items)
          .filter(([, ok]) => !ok)
          .map(([id]) => id),
      });
      const feedback = await Promise.all(
        quiz.items.map(async (item) =>
          itemFeedback(
            item,
            input.answers[item.id],
            grade.items[item.id] ?? false,
            input.locale,
            await lessonSectionHref(input.locale, item.ref.lesson, item.ref.section?.[input.locale]),
          ),
        ),
      );
      // A repeated submit answers with the attempt as first saved.
      return {
        correct: attempt.correct,
        total: attempt.total,
        score: attempt.score,
        passed: attempt.passed,
        passMark: quiz.passMark,
        feedback,
      };
    },
  }),
  ...scenarioActions,
};
