import type { Quiz, QuizItem } from '../schemas/quiz.ts';

/** What a learner submitted for one item: option id(s), a true/false, or step ids in order. */
export type Answer = string | string[] | boolean;

export function isItemCorrect(item: QuizItem, answer: Answer | undefined): boolean {
  switch (item.kind) {
    case 'single':
    case 'best-response':
      return typeof answer === 'string' && item.options.some((o) => o.id === answer && o.correct);
    case 'multiple': {
      if (!Array.isArray(answer)) return false;
      const chosen = new Set(answer);
      const known = new Set(item.options.map((o) => o.id));
      return (
        chosen.size === answer.length && answer.every((id) => known.has(id)) && item.options.every((o) => o.correct === chosen.has(o.id))
      );
    }
    case 'truefalse':
      return answer === item.answer;
    case 'ordering':
      return Array.isArray(answer) && answer.length === item.steps.length && item.steps.every((s, i) => answer[i] === s.id);
  }
}

export interface QuizGrade {
  correct: number;
  total: number;
  /** 0-1 */
  score: number;
  passed: boolean;
  /** Item id -> right or not. */
  items: Record<string, boolean>;
}

/** Grades a whole attempt; unanswered items count as wrong. */
export function gradeQuiz(quiz: Quiz, answers: Record<string, Answer>): QuizGrade {
  const items: Record<string, boolean> = {};
  for (const item of quiz.items) items[item.id] = isItemCorrect(item, Object.hasOwn(answers, item.id) ? answers[item.id] : undefined);
  const correct = Object.values(items).filter(Boolean).length;
  const total = quiz.items.length;
  const score = correct / total;
  // A tiny epsilon so 8/10 passes an 0.8 mark despite floating point.
  return { correct, total, score, passed: score + 1e-9 >= quiz.passMark, items };
}

/** Fisher-Yates with an injectable random source (tests pass a seeded one). */
export function shuffle<T>(list: readonly T[], random: () => number = Math.random): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
