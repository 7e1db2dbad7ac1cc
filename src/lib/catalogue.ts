import type { CourseModule } from '../schemas/course.ts';
import type { Localized } from '../schemas/localized.ts';
import type { Locale } from '../schemas/localized.ts';

/** One lesson as the catalogue lists it, both locales. */
export interface CatalogueLesson {
  /** `module/lesson`: the key progress is stored under. */
  key: string;
  slug: string;
  order: number;
  title: Record<Locale, string>;
  summary: Record<Locale, string>;
  minutes: Record<Locale, number>;
}

export interface CatalogueModule extends CourseModule {
  /** 1-based number among the nine core modules; null for the introduction and closing. */
  number: number | null;
  lessons: CatalogueLesson[];
  quizId: string | null;
  scenarioIds: string[];
}

/** The course as learners see it: only modules whose lessons exist, in order. */
export interface Catalogue {
  courseId: string;
  title: Localized;
  summary: Localized;
  modules: CatalogueModule[];
}

export function findLesson(
  catalogue: Catalogue,
  key: string,
): { module: CatalogueModule; lesson: CatalogueLesson; index: number } | undefined {
  const all = lessonSequence(catalogue);
  const index = all.findIndex((x) => x.lesson.key === key);
  return index < 0 ? undefined : { ...(all[index] as { module: CatalogueModule; lesson: CatalogueLesson }), index };
}

/** Lessons in reading order across the whole course. */
export function lessonSequence(catalogue: Catalogue): { module: CatalogueModule; lesson: CatalogueLesson }[] {
  return catalogue.modules.flatMap((module) => module.lessons.map((lesson) => ({ module, lesson })));
}
