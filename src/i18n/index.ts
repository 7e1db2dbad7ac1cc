import { LOCALES, type Locale } from '../schemas/localized.ts';
import en from './en.ts';
import zh, { type MessageKey } from './zh.ts';

export { LOCALES, type Locale, type MessageKey };

/** Remembers the language last read in, so `/` opens it next time (set by the middleware). */
export const LOCALE_COOKIE = 'fairplay_lang';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { zh, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator for one locale; `{name}` placeholders are filled from `params`. */
export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, params) => {
    const text = dict[key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
  };
}

/** Picks a locale from an Accept-Language header; Chinese first when nothing matches. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return 'zh';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

/** The same path in another locale: `/zh/courses/x` -> `/en/courses/x`. */
export function switchLocalePath(pathname: string, to: Locale): string {
  const rest = pathname.replace(/^\/(zh|en)(?=\/|$)/, '');
  return `/${to}${rest || '/'}`;
}

/** Formats a date for a locale, in the organisation's time zone (FAIRPLAY_TIMEZONE, default China Standard Time). */
const TIME_ZONE = (typeof process !== 'undefined' && process.env.FAIRPLAY_TIMEZONE) || 'Asia/Shanghai';

export function formatDate(locale: Locale, iso: string, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }
    : { dateStyle: 'medium', timeZone: TIME_ZONE };
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', options).format(new Date(iso));
}
