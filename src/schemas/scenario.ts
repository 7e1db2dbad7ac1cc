import { z } from 'astro/zod';
import { localized, slug } from './localized.ts';

/**
 * A condition on the run so far. Every part given must hold:
 * `flag` set, `notFlag` not set, `measure` at least `min` and at most `max`.
 */
export const conditionSchema = z
  .strictObject({
    flag: slug.optional(),
    notFlag: slug.optional(),
    measure: slug.optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  })
  .refine((c) => c.flag || c.notFlag || c.measure, 'a condition needs flag, notFlag or measure')
  .refine((c) => !c.measure || c.min !== undefined || c.max !== undefined, 'a measure condition needs min or max');
export type Condition = z.output<typeof conditionSchema>;

/** How a reply sounds; shown in the debrief so the rep learns to name the pattern. */
export const replyStyles = ['assertive', 'collaborative', 'avoiding', 'accusing', 'escalating', 'accommodating'] as const;

const choiceSchema = z.strictObject({
  id: slug,
  text: localized,
  style: z.enum(replyStyles),
  /** Change to each named measure, e.g. `{ relationship: 1, composure: -1 }`. */
  effects: z.record(slug, z.number().int().min(-3).max(3)).default({}),
  /** Flags this choice sets for later conditions. */
  sets: z.array(slug).default([]),
  /** Shown right after the choice: what it did. */
  consequence: localized,
  /** Only offered when this holds (a rude remark earlier can close this door). */
  when: conditionSchema.optional(),
  /** Default next node. */
  next: slug,
  /** Checked in order before `next`; the first whose condition holds wins. */
  branches: z.array(z.strictObject({ when: conditionSchema, next: slug })).default([]),
});
export type ScenarioChoice = z.output<typeof choiceSchema>;

const lineSchema = z.strictObject({
  /** A character id, or `narrator`. */
  speaker: slug,
  text: localized,
});

const endingSchema = z.strictObject({
  kind: z.enum(['good', 'mixed', 'bad']),
  title: localized,
  text: localized,
});

const nodeSchema = z.strictObject({
  id: slug,
  lines: z.array(lineSchema).min(1),
  /** What a better move would have been here; shown in the debrief when the rep chose poorly. */
  coaching: localized.optional(),
  choices: z.array(choiceSchema).default([]),
  /** Present on ending nodes, which have no choices. */
  ending: endingSchema.optional(),
});
export type ScenarioNode = z.output<typeof nodeSchema>;

/** A role-play file: content/scenarios/{id}.yaml. */
export const scenarioSchema = z.strictObject({
  id: slug,
  module: slug,
  title: localized,
  summary: localized,
  /** The scene, shown before the first line. */
  setting: localized,
  minutes: z.number().int().min(1).max(30),
  /** Whether the rep may step back one choice. */
  allowStepBack: z.boolean().default(true),
  characters: z
    .array(
      z.strictObject({
        id: slug,
        name: localized,
        role: z.enum(['you', 'colleague', 'customer', 'manager', 'hr', 'rep']),
      }),
    )
    .min(1),
  measures: z.array(z.strictObject({ id: slug, label: localized, initial: z.number().int().default(0) })).min(1),
  flags: z.array(slug).default([]),
  /** Lessons the debrief links to, as `module/lesson`. */
  lessons: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)).min(1),
  start: slug,
  nodes: z.array(nodeSchema).min(2),
});
export type Scenario = z.output<typeof scenarioSchema>;
