import { getStore } from '../store/index.ts';

/** Marks a lesson read; reading it again keeps the first date. */
export async function markLessonRead(userId: string, lessonKey: string, now = new Date()): Promise<void> {
  await getStore().updatePerson(userId, (doc) => {
    doc.lessons[lessonKey] ??= { readAt: now.toISOString() };
    doc.lastLesson = { key: lessonKey, at: now.toISOString() };
  });
}
