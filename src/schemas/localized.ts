import { z } from 'astro/zod';

/** The two locales Fairplay ships, Chinese first. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text written in both languages; content files keep them side by side so parity is checkable. */
// YAML folds wrapped lines with a space, which Chinese text must not have between characters.
const CJK = '[\\p{Script=Han}，。、；：！？“”‘’（）《》—…]';
// A blank line (a paragraph break) is kept.
const foldedGap = new RegExp(`(${CJK})(?:[ \\t]+|[ \\t]*\\n[ \\t]*)(?=${CJK})`, 'gu');
export const joinChineseLines = (text: string) => text.replace(foldedGap, '$1');

export const localized = z.strictObject({
  zh: z.string().trim().min(1, 'the Chinese text is missing').transform(joinChineseLines),
  en: z.string().trim().min(1, 'the English text is missing'),
});
export type Localized = z.output<typeof localized>;

/** A slug used in URLs and as a stable id. */
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');
