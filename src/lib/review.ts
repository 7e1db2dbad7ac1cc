import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { ReviewCard } from '../server/store/schema.ts';

/** Spaced review of missed quiz items with FSRS (ts-fsrs, default parameters). */
const scheduler = fsrs();

export const ratings = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;
export type RatingName = keyof typeof ratings;

type StoredCard = ReviewCard['card'];

function toStored(card: Card): StoredCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { last_review: card.last_review.toISOString() } : {}),
  };
}

function fromStored(card: StoredCard): Card {
  return {
    ...card,
    due: new Date(card.due),
    last_review: card.last_review ? new Date(card.last_review) : undefined,
  } as Card;
}

/** A new card for a missed item, due now. */
export function newReviewCard(now: Date): StoredCard {
  return toStored(createEmptyCard(now));
}

/** Schedules a card after the learner rates their recall. */
export function rateCard(card: StoredCard, rating: RatingName, now: Date): StoredCard {
  return toStored(scheduler.next(fromStored(card), now, ratings[rating] as Grade).card);
}

/** What each rating would schedule, for showing "next: in 3 days" on the buttons. */
export function previewRatings(card: StoredCard, now: Date): Record<RatingName, string> {
  const out = {} as Record<RatingName, string>;
  for (const name of Object.keys(ratings) as RatingName[]) out[name] = rateCard(card, name, now).due;
  return out;
}

/** Cards due at `now`, the most overdue first. */
export function dueCards<T extends { card: StoredCard }>(cards: readonly T[], now: Date): T[] {
  const nowIso = now.toISOString();
  return cards.filter((c) => c.card.due <= nowIso).sort((a, b) => a.card.due.localeCompare(b.card.due));
}
