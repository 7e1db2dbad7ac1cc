import type { Assessment } from '../schemas/assessment.ts';

export type AssessmentAnswer = 'a' | 'b' | 1 | 2 | 3 | 4 | 5;

export class IncompleteAnswersError extends Error {
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`unanswered items: ${missing.join(', ')}`);
    this.name = 'IncompleteAnswersError';
    this.missing = missing;
  }
}

/**
 * Scores each dimension 0-100: the share of the points it could have earned. A forced choice
 * gives its chosen reaction's dimension one point out of one (and the other dimension nothing
 * out of one); a scale answer gives (answer - 1) / 4, reversed items counting 6 - answer.
 */
export function scoreAssessment(a: Assessment, answers: Record<string, unknown>): Record<string, number> {
  const earned: Record<string, number> = {};
  const possible: Record<string, number> = {};
  for (const d of a.dimensions) {
    earned[d.id] = 0;
    possible[d.id] = 0;
  }
  const missing: string[] = [];
  for (const item of a.items) {
    const answer = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
    if (item.type === 'forced') {
      if (answer !== 'a' && answer !== 'b') {
        missing.push(item.id);
        continue;
      }
      possible[item.a.dimension] = (possible[item.a.dimension] ?? 0) + 1;
      possible[item.b.dimension] = (possible[item.b.dimension] ?? 0) + 1;
      const chosen = answer === 'a' ? item.a.dimension : item.b.dimension;
      earned[chosen] = (earned[chosen] ?? 0) + 1;
    } else {
      if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < 1 || answer > 5) {
        missing.push(item.id);
        continue;
      }
      const value = item.reverse ? 6 - answer : answer;
      possible[item.dimension] = (possible[item.dimension] ?? 0) + 1;
      earned[item.dimension] = (earned[item.dimension] ?? 0) + (value - 1) / 4;
    }
  }
  if (missing.length) throw new IncompleteAnswersError(missing);
  return Object.fromEntries(
    a.dimensions.map((d) => [d.id, possible[d.id] ? Math.round(((earned[d.id] ?? 0) / (possible[d.id] ?? 1)) * 100) : 0]),
  );
}

/** The dimensions that lead a profile: every one within `margin` points of the top (ties share first place). */
export function leadingDimensions(scores: Record<string, number>, margin = 5): string[] {
  const top = Math.max(...Object.values(scores));
  return Object.entries(scores)
    .filter(([, v]) => top - v <= margin)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([k]) => k);
}

export type Level = 'low' | 'middle' | 'high';
/** Bands for facet readings. */
export function levelOf(score: number): Level {
  return score < 40 ? 'low' : score < 70 ? 'middle' : 'high';
}

/** Which dimensions to recommend study for: the leading styles of a profile, or the lowest facets. */
export function dimensionsToStudy(a: Assessment, scores: Record<string, number>): string[] {
  if (a.reading === 'profile') return leadingDimensions(scores);
  const low = a.dimensions.filter((d) => levelOf(scores[d.id] ?? 0) !== 'high').map((d) => d.id);
  return low.length ? low.sort((x, y) => (scores[x] ?? 0) - (scores[y] ?? 0)) : [];
}
