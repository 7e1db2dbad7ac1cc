import { z } from 'astro/zod';
import { localized, slug } from './localized.ts';

/** Where in a lesson an item's topic is taught: a lesson slug and the heading text in each locale. */
export const lessonRef = z.strictObject({
  /** `{module}/{lesson}` */
  lesson: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'write it as module/lesson'),
  /** The exact text of a `##` or `###` heading of that lesson, per locale. */
  section: localized.optional(),
});

const option = z.strictObject({
  id: slug,
  text: localized,
  correct: z.boolean().default(false),
  /** Why this option is right, or why it tempts and is wrong. */
  feedback: localized,
});

const base = {
  id: slug,
  /** The question itself. */
  prompt: localized,
  /** Why the right answer is right. */
  explanation: localized,
  ref: lessonRef,
};

/** One answer is right. `best-response` adds the situation the reply answers. */
const singleItem = z.strictObject({
  ...base,
  kind: z.literal('single'),
  options: z.array(option).min(3).max(6),
});
const bestResponseItem = z.strictObject({
  ...base,
  kind: z.literal('best-response'),
  situation: localized,
  options: z.array(option).min(3).max(5),
});
const multipleItem = z.strictObject({
  ...base,
  kind: z.literal('multiple'),
  options: z.array(option).min(4).max(7),
});
const trueFalseItem = z.strictObject({
  ...base,
  kind: z.literal('truefalse'),
  answer: z.boolean(),
  /** Shown when the learner answers wrongly. */
  feedback: localized,
});
/** Steps listed in their correct order; shown shuffled. */
const orderingItem = z.strictObject({
  ...base,
  kind: z.literal('ordering'),
  steps: z
    .array(z.strictObject({ id: slug, text: localized }))
    .min(3)
    .max(7),
});

export const quizItemSchema = z.discriminatedUnion('kind', [singleItem, bestResponseItem, multipleItem, trueFalseItem, orderingItem]);
export type QuizItem = z.output<typeof quizItemSchema>;
export type QuizItemKind = QuizItem['kind'];

/** A quiz file: content/quizzes/{id}.yaml, both locales side by side. */
export const quizSchema = z.strictObject({
  id: slug,
  module: slug,
  title: localized,
  /** Share of items to answer correctly to pass, 0-1. */
  passMark: z.number().gt(0).max(1).default(0.8),
  items: z.array(quizItemSchema).min(10, 'a quiz needs at least ten items'),
});
export type Quiz = z.output<typeof quizSchema>;
