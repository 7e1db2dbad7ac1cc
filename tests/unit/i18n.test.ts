import { describe, expect, test } from 'vitest';
import en from '../../src/i18n/en.ts';
import { formatDate, isLocale, localeFromAcceptLanguage, type MessageKey, switchLocalePath, translator } from '../../src/i18n/index.ts';
import zh from '../../src/i18n/zh.ts';
import { ratings } from '../../src/lib/review.ts';
import { replyStyles } from '../../src/schemas/scenario.ts';
import { auditEntrySchema, roles } from '../../src/server/store/schema.ts';

const dictionaries = { zh: zh as Record<string, string>, en: en as Record<string, string> };
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('the dictionaries', () => {
  test('have exactly the same keys', () => {
    const zhKeys = Object.keys(zh).sort();
    const enKeys = Object.keys(en).sort();
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(100);
  });

  test('have no empty strings', () => {
    for (const [locale, dict] of Object.entries(dictionaries)) {
      const empty = Object.entries(dict)
        .filter(([, v]) => typeof v !== 'string' || !v.trim())
        .map(([k]) => k);
      expect(empty, locale).toEqual([]);
    }
  });

  test('every {placeholder} in a Chinese string is in the English one, and the other way round', () => {
    const mismatched = Object.keys(zh)
      .filter((k) => placeholders(dictionaries.zh[k] as string).join() !== placeholders(dictionaries.en[k] ?? '').join())
      .map((k) => `${k}: zh {${placeholders(dictionaries.zh[k] as string)}} en {${placeholders(dictionaries.en[k] ?? '')}}`);
    expect(mismatched).toEqual([]);
  });

  test('no stray braces: every { } pair is a well-formed placeholder', () => {
    for (const [locale, dict] of Object.entries(dictionaries)) {
      const stray = Object.entries(dict)
        .filter(([, v]) => /[{}]/.test(v.replace(/\{\w+\}/g, '')))
        .map(([k]) => k);
      expect(stray, locale).toEqual([]);
    }
  });

  test('the English strings contain no Chinese, except the link that switches to Chinese', () => {
    const chinese = Object.entries(dictionaries.en)
      .filter(([k, v]) => k !== 'nav.switchTo' && /\p{Script=Han}/u.test(v))
      .map(([k]) => k);
    expect(chinese).toEqual([]);
  });

  test('keys built at run time from code values all exist', () => {
    const needed = [
      ...roles.map((r) => `role.${r}`),
      ...Object.keys(ratings).map((r) => `review.rating.${r}`),
      ...replyStyles.map((s) => `scenario.style.${s}`),
      ...['good', 'mixed', 'bad'].map((k) => `scenario.ending.${k}`),
      ...['low', 'middle', 'high'].map((l) => `assessment.level.${l}`),
      ...[
        'missing-name',
        'missing-email',
        'bad-email',
        'duplicate-in-file',
        'already-exists',
        'unknown-role',
        'missing-team',
        'too-long',
      ].map((p) => `import.problem.${p}`),
      ...['empty', 'too-large', 'too-many-rows', 'not-csv', 'missing-columns'].map((f) => `import.file.${f}`),
      ...['too-short', 'too-long', 'too-simple', 'mismatch'].map((p) => `auth.problem.${p}`),
      ...['team', 'person'].map((k) => `assign.kind.${k}`),
      ...['not-started', 'in-progress', 'completed', 'overdue'].map((s) => `status.${s}`),
      ...auditEntrySchema.shape.action.options.map((a) => `audit.action.${a}`),
    ];
    expect(needed.filter((k) => !(k in zh) || !(k in en))).toEqual([]);
  });
});

describe('translator', () => {
  test('returns the string of its locale', () => {
    expect(translator('en')('nav.home')).toBe(en['nav.home']);
    expect(translator('zh')('nav.home')).toBe(zh['nav.home']);
    expect(translator('zh')('nav.home')).not.toBe(translator('en')('nav.home'));
  });

  test('fills {placeholders} from params, numbers included', () => {
    expect(translator('en')('home.welcome', { name: 'Li Na' })).toBe('Hello, Li Na');
    expect(translator('en')('home.progressValue', { done: 3, total: 11 })).toBe('3 of 11 modules complete');
    expect(translator('zh')('home.progressValue', { done: 3, total: 11 })).toBe(
      zh['home.progressValue'].replace('{done}', '3').replace('{total}', '11'),
    );
  });

  test('a missing param leaves its placeholder visible rather than printing "undefined"', () => {
    const text = translator('en')('home.progressValue', { done: 3 });
    expect(text).toContain('{total}');
    expect(text).not.toContain('undefined');
  });

  test('a value of 0 or an empty string is filled in, not treated as missing', () => {
    expect(translator('en')('home.progressValue', { done: 0, total: 11 })).toBe('0 of 11 modules complete');
    expect(translator('en')('home.welcome', { name: '' })).toBe('Hello, ');
  });

  test('a param value that looks like a placeholder is not filled again', () => {
    expect(translator('en')('home.progressValue', { done: '{total}', total: 5 })).toBe('{total} of 5 modules complete');
  });

  test('without params the text is returned as written', () => {
    expect(translator('en')('home.welcome' as MessageKey)).toBe('Hello, {name}');
  });
});

describe('localeFromAcceptLanguage', () => {
  test.each([
    [null, 'zh'],
    ['', 'zh'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['EN', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh-TW', 'zh'],
    ['fr-FR,en;q=0.8,zh;q=0.9', 'zh'],
    ['fr-FR,zh;q=0.5,en;q=0.7', 'en'],
    ['de-DE,fr;q=0.8', 'zh'],
    ['en;q=0.5, zh;q=0.4', 'en'],
    ['*', 'zh'],
  ])('%j -> %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('switchLocalePath', () => {
  test.each([
    ['/zh/courses/fairplay/communication/listening', 'en', '/en/courses/fairplay/communication/listening'],
    ['/en/glossary', 'zh', '/zh/glossary'],
    ['/zh/', 'en', '/en/'],
    ['/zh', 'en', '/en/'],
    ['/en/review', 'en', '/en/review'],
    ['/', 'en', '/en/'],
    ['/zhong/x', 'en', '/en/zhong/x'],
    ['/english/x', 'zh', '/zh/english/x'],
  ] as const)('%s to %s -> %s', (path, to, expected) => {
    expect(switchLocalePath(path, to)).toBe(expected);
  });
});

describe('isLocale and formatDate', () => {
  test('only zh and en are locales', () => {
    expect(isLocale('zh')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(isLocale('ZH')).toBe(false);
  });

  test.skipIf(!!process.env.FAIRPLAY_TIMEZONE)('dates are shown in China time by default: 16:30 UTC on 31 March is already 1 April', () => {
    expect(formatDate('en', '2025-03-31T16:30:00.000Z')).toBe('1 Apr 2025');
    expect(formatDate('zh', '2025-03-31T16:30:00.000Z')).toBe('2025年4月1日');
    expect(formatDate('en', '2025-03-31T16:30:00.000Z', true)).toMatch(/^1 Apr 2025,? 00:30$/);
  });
});
