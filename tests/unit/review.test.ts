import { describe, expect, test } from 'vitest';
import { dueCards, newReviewCard, previewRatings, rateCard, type RatingName } from '../../src/lib/review.ts';

const NOW = new Date('2025-03-10T08:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const t = (iso: string) => new Date(iso).getTime();

describe('a new review card', () => {
  test('is due now, new, never reviewed', () => {
    const card = newReviewCard(NOW);
    expect(card.due).toBe(NOW.toISOString());
    expect(card).toMatchObject({ reps: 0, lapses: 0, state: 0 });
    expect(card.last_review).toBeUndefined();
  });

  test('is plain JSON (dates as ISO strings), so it can be stored as is', () => {
    const card = newReviewCard(NOW);
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    expect(typeof card.due).toBe('string');
  });

  test('shows up in the due list at once', () => {
    expect(dueCards([{ card: newReviewCard(NOW) }], NOW)).toHaveLength(1);
  });
});

describe('rating a card', () => {
  test('Good moves the due date into the future and records the review', () => {
    const rated = rateCard(newReviewCard(NOW), 'good', NOW);
    expect(t(rated.due)).toBeGreaterThan(NOW.getTime());
    expect(rated.reps).toBe(1);
    expect(rated.last_review).toBe(NOW.toISOString());
    expect(dueCards([{ card: rated }], NOW)).toEqual([]);
  });

  test('Again comes back sooner than Good, and Good no later than Easy', () => {
    const card = newReviewCard(NOW);
    const due = (r: RatingName) => t(rateCard(card, r, NOW).due);
    expect(due('again')).toBeLessThan(due('easy'));
    expect(due('again')).toBeLessThanOrEqual(due('hard'));
    expect(due('hard')).toBeLessThanOrEqual(due('good'));
    expect(due('good')).toBeLessThan(due('easy'));
  });

  test('a card remembered well keeps getting longer intervals', () => {
    let card = newReviewCard(NOW);
    let when = NOW;
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      card = rateCard(card, 'easy', when);
      const next = new Date(card.due);
      intervals.push(next.getTime() - when.getTime());
      when = next;
    }
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThan(intervals[i - 1] as number);
    expect(intervals.at(-1)).toBeGreaterThan(7 * DAY);
  });

  test('forgetting a learned card counts a lapse and brings it back within a day', () => {
    let card = rateCard(newReviewCard(NOW), 'easy', NOW);
    const review = new Date(card.due);
    card = rateCard(card, 'again', review);
    expect(card.lapses).toBe(1);
    expect(t(card.due) - review.getTime()).toBeLessThan(DAY);
  });

  test('rating does not change the card it was given', () => {
    const card = newReviewCard(NOW);
    const copy = structuredClone(card);
    rateCard(card, 'good', NOW);
    expect(card).toEqual(copy);
  });

  test('previewRatings shows exactly what each rating would schedule', () => {
    const card = newReviewCard(NOW);
    const preview = previewRatings(card, NOW);
    expect(Object.keys(preview).sort()).toEqual(['again', 'easy', 'good', 'hard']);
    for (const r of ['again', 'hard', 'good', 'easy'] as const) expect(preview[r]).toBe(rateCard(card, r, NOW).due);
  });
});

describe('dueCards', () => {
  const card = (id: string, due: Date) => ({ id, card: { ...newReviewCard(NOW), due: due.toISOString() } });

  test('keeps only cards due by now, the most overdue first', () => {
    const cards = [
      card('later', at(DAY)),
      card('yesterday', at(-DAY)),
      card('now', NOW),
      card('last-week', at(-7 * DAY)),
      card('in-a-minute', at(60_000)),
    ];
    expect(dueCards(cards, NOW).map((c) => c.id)).toEqual(['last-week', 'yesterday', 'now']);
  });

  test('nothing due gives an empty list', () => {
    expect(dueCards([card('later', at(DAY))], NOW)).toEqual([]);
    expect(dueCards([], NOW)).toEqual([]);
  });

  test('does not reorder the list it was given', () => {
    const cards = [card('b', at(-DAY)), card('a', at(-2 * DAY))];
    dueCards(cards, NOW);
    expect(cards.map((c) => c.id)).toEqual(['b', 'a']);
  });
});
