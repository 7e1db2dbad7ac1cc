import type { AssessmentAnswer } from '../../lib/assessment-scoring.ts';
import { newId } from '../people.ts';
import { getStore } from '../store/index.ts';

/** Saves one completed self-assessment; earlier results are kept for comparison. */
export async function saveAssessmentResult(
  userId: string,
  assessmentId: string,
  answers: Record<string, AssessmentAnswer>,
  scores: Record<string, number>,
  now = new Date(),
) {
  const id = newId();
  await getStore().updatePerson(userId, (doc) => {
    doc.assessments.push({ id, assessmentId, at: now.toISOString(), answers, scores });
  });
  return id;
}
