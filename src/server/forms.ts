import type { z } from 'astro/zod';
import type { MessageKey, Translate } from '../i18n/index.ts';
import { PASSWORD_MIN } from './auth/password-rules.ts';

/** Longest value accepted in any text field; longer input is refused, never truncated. */
const FIELD_MAX = 5000;

/** Reads a urlencoded or multipart form into plain string fields (files are skipped). */
export async function readForm(request: Request): Promise<Record<string, string> | null> {
  return (await readFormWithLists(request, [])) as Record<string, string> | null;
}

/** Field name -> translated message. */
export type FieldErrors = Record<string, string>;

/**
 * Validates fields with a zod schema whose messages are dictionary keys (e.g. 'form.badEmail');
 * returns the data, or translated messages per field.
 */
export function validateForm<S extends z.ZodType>(
  schema: S,
  fields: Record<string, string>,
  t: Translate,
): { data: z.output<S>; errors?: undefined } | { data?: undefined; errors: FieldErrors } {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return { data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors[field]) continue;
    const key = (issue.message.startsWith('form.') || issue.message.startsWith('auth.') ? issue.message : 'form.invalid') as MessageKey;
    errors[field] = t(key, { min: PASSWORD_MIN });
  }
  return { errors };
}

/** A same-site path to return to after signing in; anything else becomes the home page. */
export function safeNext(next: string | undefined | null, fallback: string): string {
  // Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would leave the site.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be refused
  if (!next?.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  const base = 'http://fairplay.invalid';
  const url = new URL(next, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
}

/** Reads a form keeping repeated fields (checkbox groups) as arrays. */
export async function readFormWithLists(request: Request, lists: string[]): Promise<Record<string, string | string[]> | null> {
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    return null;
  }
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of data) {
    if (typeof value !== 'string') continue;
    if (lists.includes(key)) out[key] = [...((out[key] as string[] | undefined) ?? []), value.slice(0, 200)];
    else out[key] = value.slice(0, FIELD_MAX + 1);
  }
  for (const key of lists) out[key] ??= [];
  return out;
}
