import { z } from 'astro/zod';
import { localized, slug } from './localized.ts';

/** A dimension scored by a self-assessment: a conflict style or an emotion facet. */
const dimensionSchema = z.strictObject({
  id: slug,
  label: localized,
  /** What this style or facet looks like. */
  description: localized,
  /** When it helps in a customer dispute. */
  helps: localized,
  /** When it hurts in a customer dispute. */
  hurts: localized,
  /** Modules and role-plays recommended when this dimension is high (styles) or low (facets). */
  recommend: z.strictObject({
    modules: z.array(slug).default([]),
    scenarios: z.array(slug).default([]),
  }),
});

/** A choice between two reactions, each counting for one dimension. */
const forcedItem = z.strictObject({
  id: slug,
  type: z.literal('forced'),
  prompt: localized,
  a: z.strictObject({ text: localized, dimension: slug }),
  b: z.strictObject({ text: localized, dimension: slug }),
});
/** A statement rated on the scale; `reverse` items count 6 - answer. */
const scaleItem = z.strictObject({
  id: slug,
  type: z.literal('scale'),
  text: localized,
  dimension: slug,
  reverse: z.boolean().default(false),
});
export const assessmentItemSchema = z.discriminatedUnion('type', [forcedItem, scaleItem]);
export type AssessmentItem = z.output<typeof assessmentItemSchema>;

/** A self-assessment file: content/assessments/{id}.yaml. */
export const assessmentSchema = z.strictObject({
  id: slug,
  title: localized,
  /** Shown before the rep starts; includes who can see what. */
  intro: localized,
  minutes: z.number().int().min(1),
  /** `profile`: the result is read as the highest dimensions (styles); `levels`: each facet on its own. */
  reading: z.enum(['profile', 'levels']),
  /** Labels of the 1-5 scale, lowest first. */
  scale: z.array(localized).length(5),
  dimensions: z.array(dimensionSchema).min(2),
  /** Each dimension needs at least this many items counting for it. */
  minItemsPerDimension: z.number().int().min(2).default(4),
  items: z.array(assessmentItemSchema).min(8),
});
export type Assessment = z.output<typeof assessmentSchema>;
export type AssessmentDimension = z.output<typeof dimensionSchema>;
