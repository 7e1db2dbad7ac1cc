import { z } from 'astro/zod';
import { type PersonDoc, personDocSchema } from './schema.ts';

type Key = keyof PersonDoc & string;
const shape = personDocSchema.shape as Record<Key, z.ZodType>;

/** What a save changed: the top-level fields it set (validated) and the optional ones it removed. */
export interface PersonParts {
  set: Partial<PersonDoc>;
  unset: Key[];
}

/**
 * Validates the top-level fields a change touched, as the whole-document schema would: an unknown
 * field, a required field removed or an invalid value throws a ZodError whose paths start at the
 * document's top. Returns the parsed values (fresh objects, not the change's draft).
 */
export function validateParts(touched: Map<string, unknown>): PersonParts {
  const set: Record<string, unknown> = {};
  const unset: Key[] = [];
  const issues: z.core.$ZodIssue[] = [];
  for (const [key, value] of touched) {
    const schema = Object.hasOwn(shape, key) ? shape[key as Key] : undefined;
    if (!schema) {
      issues.push({ code: 'unrecognized_keys', keys: [key], path: [], message: `Unrecognized key: "${key}"` });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: [key, ...issue.path] })));
    else if (parsed.data === undefined) unset.push(key as Key);
    else set[key] = parsed.data;
  }
  if (issues.length > 0) throw new z.ZodError(issues);
  return { set: set as Partial<PersonDoc>, unset };
}

/** `doc` with `parts` applied (a new top-level object; untouched fields are shared). */
export function applyParts(doc: PersonDoc, parts: PersonParts): PersonDoc {
  const next: Record<string, unknown> = { ...doc, ...parts.set };
  for (const key of parts.unset) delete next[key];
  return next as PersonDoc;
}

/** One line of the save journal: a person added whole, or the fields one save changed. */
export const journalEntrySchema = z.union([
  z.strictObject({ put: personDocSchema }),
  z.strictObject({
    id: z.string(),
    set: z.record(z.string(), z.unknown()),
    unset: z.array(z.string()).optional(),
  }),
]);
