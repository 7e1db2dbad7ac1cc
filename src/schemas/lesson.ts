import { z } from 'astro/zod';
import { slug } from './localized.ts';

/**
 * Frontmatter of one lesson file, `content/lessons/{locale}/{module}/{lesson}.mdx`.
 * The locale and module come from the path; the file name is the lesson slug.
 */
export const lessonFrontmatter = z.strictObject({
  title: z.string().trim().min(1),
  /** One or two sentences shown in the catalogue. */
  summary: z.string().trim().min(1),
  /** Must equal the folder name; repeated so a moved file is caught. */
  module: slug,
  /** Position within the module, from 1. */
  order: z.number().int().min(1),
  /** Reading time in minutes. */
  minutes: z.number().int().min(1).max(60),
  /** What the reader can do after this lesson. */
  objectives: z.array(z.string().trim().min(1)).min(1, 'a lesson needs learning objectives'),
  /** Key takeaways, shown in a box at the end. */
  takeaways: z.array(z.string().trim().min(1)).min(2, 'a lesson needs at least two key takeaways'),
});
export type LessonFrontmatter = z.output<typeof lessonFrontmatter>;
