import { describe, expect, test } from 'vitest';
import { z } from 'astro/zod';
import { translator } from '../../src/i18n/index.ts';
import { changePasswordForm, loginForm, setupForm } from '../../src/server/auth/schemas.ts';
import { readForm, readFormWithLists, safeNext, validateForm } from '../../src/server/forms.ts';

const BASE = 'https://fairplay.example.com';
const FALLBACK = '/zh/';

describe('safeNext: only same-site paths', () => {
  test('a path on this site is kept, with its query and hash', () => {
    expect(safeNext('/zh/review', FALLBACK)).toBe('/zh/review');
    expect(safeNext('/en/courses/fairplay/ethics/?x=1#top', FALLBACK)).toBe('/en/courses/fairplay/ethics/?x=1#top');
  });

  test.each([
    ['//evil.example'],
    ['//evil.example/zh/'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['http:evil.example'],
    ['javascript:alert(1)'],
    ['evil.example'],
    ['zh/review'],
    [''],
  ])('%j becomes the fallback', (next) => {
    expect(safeNext(next, FALLBACK)).toBe(FALLBACK);
  });

  test('null and undefined become the fallback', () => {
    expect(safeNext(null, FALLBACK)).toBe(FALLBACK);
    expect(safeNext(undefined, FALLBACK)).toBe(FALLBACK);
  });

  // Browsers drop tabs and newlines from URLs, so "/\t/evil.example" is followed as "//evil.example".
  test.each([['/\t/evil.example'], ['/\n/evil.example'], ['/\r\n/evil.example'], ['/\t\\evil.example'], ['\t//evil.example']])(
    'whatever it keeps stays on this site when a browser resolves it: %j',
    (next) => {
      const kept = safeNext(next, FALLBACK);
      expect(new URL(kept, BASE).origin).toBe(BASE);
    },
  );
});

describe('validateForm', () => {
  const en = translator('en');
  const zh = translator('zh');

  test('valid input comes back parsed (trimmed), with no errors', () => {
    const result = validateForm(
      setupForm,
      { name: '  Li Na ', email: ' li.na@example.com ', password: 'correcthorse7', repeat: 'correcthorse7' },
      en,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ name: 'Li Na', email: 'li.na@example.com', password: 'correcthorse7', repeat: 'correcthorse7' });
  });

  test('messages that are dictionary keys are translated, per field', () => {
    const result = validateForm(setupForm, { name: '', email: 'not-an-email', password: 'correcthorse7', repeat: 'correcthorse7' }, en);
    expect(result.errors).toEqual({ name: 'This field is required.', email: 'Enter a valid email address.' });
  });

  test('the same errors in Chinese', () => {
    const result = validateForm(setupForm, { name: '', email: 'not-an-email', password: 'correcthorse7', repeat: 'correcthorse7' }, zh);
    expect(result.errors).toEqual({ name: zh('form.required'), email: zh('form.badEmail') });
    expect(result.errors?.name).not.toBe(en('form.required'));
  });

  test('a short password: the message has the minimum length filled in', () => {
    const result = validateForm(setupForm, { name: 'Li Na', email: 'li.na@example.com', password: 'short1', repeat: 'short1' }, en);
    expect(result.errors).toEqual({ password: 'Too short: use at least 10 characters.' });
  });

  test('a repeat that does not match is reported on the repeat field', () => {
    const result = validateForm(changePasswordForm, { current: 'whatever', password: 'correcthorse7', repeat: 'correcthorse8' }, en);
    expect(result.errors).toEqual({ repeat: en('auth.problem.mismatch') });
  });

  test('only the first problem of a field is shown', () => {
    const result = validateForm(setupForm, { name: 'x'.repeat(101), email: '', password: 'correcthorse7', repeat: 'correcthorse7' }, en);
    expect(result.errors).toEqual({ name: 'That is too long.', email: 'This field is required.' });
  });

  test('a message that is not a dictionary key becomes the generic "not valid" text', () => {
    const schema = z.object({ age: z.coerce.number().int().min(18, 'you must be an adult') });
    expect(validateForm(schema, { age: '12' }, en).errors).toEqual({ age: en('form.invalid') });
  });

  test('a problem with the whole form is filed under "form"', () => {
    const schema = z.object({ a: z.string(), b: z.string() }).refine((v) => v.a !== v.b, 'form.invalid');
    expect(validateForm(schema, { a: 'x', b: 'x' }, en).errors).toEqual({ form: en('form.invalid') });
  });

  test('a missing field is reported under its own name', () => {
    expect(validateForm(loginForm, { password: 'x' }, en).errors).toHaveProperty('email');
  });
});

describe('reading forms', () => {
  const post = (body: BodyInit, headers?: HeadersInit) =>
    new Request(`${BASE}/x`, { method: 'POST', body, ...(headers ? { headers } : {}) });

  test('urlencoded fields come back as strings', async () => {
    expect(await readForm(post(new URLSearchParams({ email: 'li.na@example.com', password: 'p w' })))).toEqual({
      email: 'li.na@example.com',
      password: 'p w',
    });
  });

  test('multipart: files are skipped, text fields kept', async () => {
    const data = new FormData();
    data.set('note', 'hello');
    data.set('roster', new Blob(['name,email']), 'roster.csv');
    const fields = await readForm(post(data));
    expect(fields).toEqual({ note: 'hello' });
  });

  test('over-long values are cut just past the limit, so validation can refuse them instead of silently truncating', async () => {
    const fields = await readForm(post(new URLSearchParams({ text: 'x'.repeat(20_000) })));
    expect(fields?.text).toHaveLength(5001);
  });

  test('a "__proto__" field is an ordinary field, not a prototype', async () => {
    const fields = await readForm(post('__proto__=polluted&name=x', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a body that is not a form gives null', async () => {
    expect(await readForm(post('{"a":1}', { 'content-type': 'application/json' }))).toBeNull();
  });

  test('readFormWithLists keeps repeated fields as lists and gives missing lists as empty', async () => {
    const body = new URLSearchParams([
      ['modules', 'ethics'],
      ['modules', 'teamwork'],
      ['name', 'A'],
      ['name', 'B'],
    ]);
    expect(await readFormWithLists(post(body), ['modules', 'teams'])).toEqual({ modules: ['ethics', 'teamwork'], teams: [], name: 'B' });
  });
});
