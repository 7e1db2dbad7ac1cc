import type { Locale } from '../schemas/localized.ts';
import type { Quiz, QuizItem } from '../schemas/quiz.ts';
import { shuffle } from './grading.ts';

/** An item as the browser sees it before submitting: no correct flags, no feedback. */
export interface PublicItem {
  id: string;
  kind: QuizItem['kind'];
  prompt: string;
  situation?: string;
  options: { id: string; text: string }[];
}

/**
 * The quiz for one attempt, in one language, items and options shuffled. Only what the learner
 * needs to answer crosses to the browser: the answer key stays on the server until grading.
 */
export function publicQuiz(quiz: Quiz, locale: Locale, random: () => number = Math.random): PublicItem[] {
  return shuffle(quiz.items, random).map((item) => {
    const base = { id: item.id, kind: item.kind, prompt: item.prompt[locale] };
    switch (item.kind) {
      case 'truefalse':
        return { ...base, options: [] };
      case 'ordering':
        return { ...base, options: shuffle(item.steps, random).map((s) => ({ id: s.id, text: s.text[locale] })) };
      case 'best-response':
        return {
          ...base,
          situation: item.situation[locale],
          options: shuffle(item.options, random).map((o) => ({ id: o.id, text: o.text[locale] })),
        };
      default:
        return { ...base, options: shuffle(item.options, random).map((o) => ({ id: o.id, text: o.text[locale] })) };
    }
  });
}

/** Feedback for one item after grading. */
export interface ItemFeedback {
  id: string;
  correct: boolean;
  explanation: string;
  /** Feedback on each option the learner chose, and on the right answer(s). */
  notes: { optionId: string; text: string; correct: boolean; chosen: boolean; feedback: string }[];
  /** The right answer in words (true/false, or the steps in order). */
  rightAnswer?: string[];
  /** For true/false items answered wrongly. */
  wrongFeedback?: string;
  lessonHref: string;
}

export function itemFeedback(item: QuizItem, answer: unknown, correct: boolean, locale: Locale, lessonHref: string): ItemFeedback {
  const base = { id: item.id, correct, explanation: item.explanation[locale], lessonHref };
  switch (item.kind) {
    case 'truefalse':
      return { ...base, notes: [], rightAnswer: [String(item.answer)], ...(correct ? {} : { wrongFeedback: item.feedback[locale] }) };
    case 'ordering':
      return { ...base, notes: [], rightAnswer: item.steps.map((s) => s.text[locale]) };
    default: {
      const chosen = new Set(Array.isArray(answer) ? answer : [answer]);
      return {
        ...base,
        notes: item.options
          .filter((o) => o.correct || chosen.has(o.id))
          .map((o) => ({
            optionId: o.id,
            text: o.text[locale],
            correct: o.correct,
            chosen: chosen.has(o.id),
            feedback: o.feedback[locale],
          })),
      };
    }
  }
}
