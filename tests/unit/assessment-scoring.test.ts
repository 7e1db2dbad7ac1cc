import { describe, expect, test } from 'vitest';
import {
  dimensionsToStudy,
  IncompleteAnswersError,
  leadingDimensions,
  levelOf,
  scoreAssessment,
} from '../../src/lib/assessment-scoring.ts';
import { type Assessment, assessmentSchema } from '../../src/schemas/assessment.ts';

const L = (en: string) => ({ zh: `中${en}`, en });
const dimension = (id: string) => ({
  id,
  label: L(id),
  description: L(`${id} description`),
  helps: L('helps'),
  hurts: L('hurts'),
  recommend: { modules: [], scenarios: [] },
});
const forced = (id: string, a: string, b: string) => ({
  id,
  type: 'forced',
  prompt: L(id),
  a: { text: L('a'), dimension: a },
  b: { text: L('b'), dimension: b },
});
const scale = (id: string, dim: string, reverse?: boolean) => ({
  id,
  type: 'scale',
  text: L(id),
  dimension: dim,
  ...(reverse === undefined ? {} : { reverse }),
});

function assessment(reading: 'profile' | 'levels', dimensions: string[], items: object[]): Assessment {
  return assessmentSchema.parse({
    id: 'test',
    title: L('Test'),
    intro: L('Intro'),
    minutes: 5,
    reading,
    scale: [1, 2, 3, 4, 5].map((n) => L(`level ${n}`)),
    dimensions: dimensions.map(dimension),
    minItemsPerDimension: 2,
    items,
  });
}

/** Styles: four forced choices between competing and collaborating, four scale items. */
const styles = assessment(
  'profile',
  ['competing', 'collaborating', 'avoiding'],
  [
    forced('f1', 'competing', 'collaborating'),
    forced('f2', 'competing', 'collaborating'),
    forced('f3', 'collaborating', 'avoiding'),
    forced('f4', 'avoiding', 'competing'),
    scale('s1', 'competing'),
    scale('s2', 'collaborating'),
    scale('s3', 'avoiding'),
    scale('s4', 'avoiding', true),
  ],
);

/** Facets: scale items only, two per facet, one of each pair reversed. */
const facets = assessment(
  'levels',
  ['calm', 'empathy'],
  [
    scale('c1', 'calm'),
    scale('c2', 'calm', true),
    scale('c3', 'calm'),
    scale('c4', 'calm'),
    scale('e1', 'empathy'),
    scale('e2', 'empathy', true),
    scale('e3', 'empathy'),
    scale('e4', 'empathy'),
  ],
);

describe('scoring', () => {
  test('the schema makes scale items not reversed unless they say so', () => {
    const s1 = styles.items.find((i) => i.id === 's1');
    expect(s1).toMatchObject({ type: 'scale', reverse: false });
  });

  test('forced choices: the chosen reaction earns its dimension a point out of one, the other dimension nothing', () => {
    // Only forced items count for this check: answer the scale items with the neutral middle.
    const scores = scoreAssessment(styles, { f1: 'a', f2: 'a', f3: 'a', f4: 'b', s1: 5, s2: 1, s3: 3, s4: 3 });
    // competing: f1 1/1, f2 1/1, f4 1/1, s1 (5-1)/4 = 1 -> 4/4 = 100
    // collaborating: f1 0, f2 0, f3 1, s2 0 -> 1/4 = 25
    // avoiding: f3 0, f4 0, s3 0.5, s4 (6-3-1)/4 = 0.5 -> 1/4 = 25
    expect(scores).toEqual({ competing: 100, collaborating: 25, avoiding: 25 });
  });

  test('scale answers: 1 counts nothing, 5 counts fully, 3 counts half', () => {
    const all = (n: 1 | 3 | 5) =>
      Object.fromEntries(facets.items.map((i) => [i.id, (i.type === 'scale' && i.reverse ? 6 - n : n) as 1 | 3 | 5]));
    expect(scoreAssessment(facets, all(5))).toEqual({ calm: 100, empathy: 100 });
    expect(scoreAssessment(facets, all(1))).toEqual({ calm: 0, empathy: 0 });
    expect(scoreAssessment(facets, all(3))).toEqual({ calm: 50, empathy: 50 });
  });

  test('reverse items count 6 - answer', () => {
    // Everything 5: reversed items count as 1, so calm = (1+0+1+1)/4 = 75.
    const scores = scoreAssessment(facets, { c1: 5, c2: 5, c3: 5, c4: 5, e1: 5, e2: 1, e3: 5, e4: 5 });
    expect(scores).toEqual({ calm: 75, empathy: 100 });
  });

  test('scores are rounded to whole points', () => {
    // calm: (c1 4 -> .75) + (c2 rev 2 -> 4 -> .75) + (c3 2 -> .25) + (c4 1 -> 0) = 1.75/4 = 43.75 -> 44
    const scores = scoreAssessment(facets, { c1: 4, c2: 2, c3: 2, c4: 1, e1: 1, e2: 5, e3: 1, e4: 2 });
    expect(scores).toEqual({ calm: 44, empathy: 6 });
  });

  test('a dimension with no items scores 0 rather than NaN', () => {
    const lonely = assessment('levels', ['calm', 'empathy', 'unused'], facets.items);
    const scores = scoreAssessment(lonely, { c1: 5, c2: 1, c3: 5, c4: 5, e1: 5, e2: 1, e3: 5, e4: 5 });
    expect(scores.unused).toBe(0);
  });
});

describe('incomplete answers', () => {
  const complete = { f1: 'a', f2: 'b', f3: 'a', f4: 'b', s1: 3, s2: 3, s3: 3, s4: 3 } as const;

  test('missing items throw IncompleteAnswersError naming them in item order', () => {
    const { f2: _f2, s3: _s3, ...partial } = complete;
    try {
      scoreAssessment(styles, partial);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IncompleteAnswersError);
      expect((error as IncompleteAnswersError).missing).toEqual(['f2', 's3']);
      expect((error as Error).message).toContain('f2, s3');
      expect((error as Error).name).toBe('IncompleteAnswersError');
    }
  });

  test('answers of the wrong shape count as missing', () => {
    const bad = { ...complete, f1: 'c', f2: 1, s1: 0, s2: 6, s3: 2.5, s4: '3' };
    try {
      scoreAssessment(styles, bad);
      expect.unreachable();
    } catch (error) {
      expect((error as IncompleteAnswersError).missing).toEqual(['f1', 'f2', 's1', 's2', 's3', 's4']);
    }
  });

  test('answers inherited from a prototype do not count', () => {
    const inherited = Object.create(complete) as Record<string, unknown>;
    expect(() => scoreAssessment(styles, inherited)).toThrow(IncompleteAnswersError);
  });

  test('an empty answer set names every item', () => {
    expect(() => scoreAssessment(styles, {})).toThrow(/f1, f2, f3, f4, s1, s2, s3, s4/);
  });
});

describe('leading dimensions', () => {
  test('the top dimension leads', () => {
    expect(leadingDimensions({ competing: 80, collaborating: 40, avoiding: 20 })).toEqual(['competing']);
  });
  test('ties share first place, in name order', () => {
    expect(leadingDimensions({ competing: 70, avoiding: 70, collaborating: 30 })).toEqual(['avoiding', 'competing']);
  });
  test('every dimension within 5 points of the top leads, highest first; 6 points behind does not', () => {
    expect(leadingDimensions({ a: 60, b: 65, c: 59, d: 10 })).toEqual(['b', 'a']);
    expect(leadingDimensions({ a: 60, b: 65, c: 59, d: 10 }, 6)).toEqual(['b', 'a', 'c']);
    expect(leadingDimensions({ a: 60, b: 65 }, 0)).toEqual(['b']);
  });
});

describe('levels', () => {
  test('bands: below 40 low, 40 to 69 middle, 70 and over high', () => {
    expect([0, 39, 40, 69, 70, 100].map(levelOf)).toEqual(['low', 'low', 'middle', 'middle', 'high', 'high']);
  });
});

describe('what to study', () => {
  test('a profile reading recommends the leading styles', () => {
    expect(dimensionsToStudy(styles, { competing: 80, collaborating: 77, avoiding: 10 })).toEqual(['competing', 'collaborating']);
  });
  test('a levels reading recommends every facet that is not high, lowest first', () => {
    expect(dimensionsToStudy(facets, { calm: 65, empathy: 20 })).toEqual(['empathy', 'calm']);
    expect(dimensionsToStudy(facets, { calm: 30, empathy: 90 })).toEqual(['calm']);
  });
  test('a levels reading with every facet high recommends nothing', () => {
    expect(dimensionsToStudy(facets, { calm: 70, empathy: 95 })).toEqual([]);
  });
});
