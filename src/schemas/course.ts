import { z } from 'astro/zod';
import { localized, slug } from './localized.ts';

/** One module of the course, as listed in content/course.yaml. */
export const moduleSchema = z.strictObject({
  /** URL slug, e.g. `communication`. */
  id: slug,
  /** Display order; 0 is the introduction, the closing summary comes last. */
  order: z.number().int().min(0),
  /** `core` modules are the nine taught modules; `intro` and `closing` frame them. */
  kind: z.enum(['intro', 'core', 'closing']).default('core'),
  title: localized,
  summary: localized,
  /** What a reader can do after the module. */
  objectives: z.array(localized).min(1, 'a module needs at least one learning objective'),
});
export type CourseModule = z.output<typeof moduleSchema>;

/** The course: content/course.yaml. */
export const courseSchema = z.strictObject({
  id: slug,
  title: localized,
  summary: localized,
  modules: z.array(moduleSchema).min(1),
});
export type Course = z.output<typeof courseSchema>;

/** One glossary term: content/glossary.yaml. */
export const glossaryTermSchema = z.strictObject({
  id: slug,
  term: localized,
  definition: localized,
});
export const glossarySchema = z.strictObject({ terms: z.array(glossaryTermSchema).min(1) });
export type GlossaryTerm = z.output<typeof glossaryTermSchema>;
