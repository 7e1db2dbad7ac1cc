import { newReviewCard, rateCard, type RatingName } from '../../lib/review.ts';
import { getStore } from '../store/index.ts';
import type { QuizAttempt } from '../store/schema.ts';

/**
 * Saves a graded attempt once (a repeated submit with the same attempt id changes nothing) and
 * puts every missed item into the review queue, due now.
 */
export async function saveQuizAttempt(
  userId: string,
  attempt: QuizAttempt,
  now = new Date(),
): Promise<{ saved: boolean; attempt: QuizAttempt }> {
  return getStore().updatePerson(userId, (doc) => {
    const existing = doc.quizAttempts.find((a) => a.id === attempt.id);
    if (existing) return { saved: false, attempt: existing };
    doc.quizAttempts.push(attempt);
    for (const itemId of attempt.wrong) {
      const card = doc.reviewCards.find((c) => c.quizId === attempt.quizId && c.itemId === itemId);
      if (!card) doc.reviewCards.push({ quizId: attempt.quizId, itemId, addedAt: now.toISOString(), card: newReviewCard(now) });
      else if (card.card.due > now.toISOString()) card.card.due = now.toISOString(); // missed again: review it now
    }
    return { saved: true, attempt };
  });
}

/** Reschedules one review card after the learner rates their recall. Returns the next due date. */
export async function rateReviewCard(
  userId: string,
  quizId: string,
  itemId: string,
  rating: RatingName,
  now = new Date(),
): Promise<string | null> {
  return getStore().updatePerson(userId, (doc) => {
    const card = doc.reviewCards.find((c) => c.quizId === quizId && c.itemId === itemId);
    if (!card) return null;
    card.card = rateCard(card.card, rating, now);
    return card.card.due;
  });
}
