import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import en from '../../src/i18n/en.ts';
import zh from '../../src/i18n/zh.ts';
import { collectErrors } from './helpers.ts';

/** Every lesson file, in both languages, and every glossary term: read straight from content/. */
const root = process.cwd();
const courseId = (parse(readFileSync(join(root, 'content', 'course.yaml'), 'utf8')) as { id: string }).id;
const LANGS = { zh: { html: 'zh-CN', t: zh }, en: { html: 'en', t: en } } as const;

function lessonsIn(lang: 'zh' | 'en') {
  const dir = join(root, 'content', 'lessons', lang);
  return readdirSync(dir).flatMap((module) =>
    readdirSync(join(dir, module))
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => {
        const source = readFileSync(join(dir, module, f), 'utf8');
        const front = parse(source.split(/^---$/m)[1] ?? '') as { title: string; takeaways: string[] };
        return { key: `${module}/${f.replace(/\.mdx$/, '')}`, title: front.title, takeaways: front.takeaways.length };
      }),
  );
}

for (const lang of ['zh', 'en'] as const) {
  test(`every ${lang} lesson opens with its title, sections and key takeaways`, async ({ page }) => {
    const lessons = lessonsIn(lang);
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    const errors = collectErrors(page);
    const problems: string[] = [];
    for (const lesson of lessons) {
      const url = `/${lang}/courses/${courseId}/${lesson.key}`;
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.locator('html'), url).toHaveAttribute('lang', LANGS[lang].html);
      await expect(page.locator('h1'), url).toHaveCount(1);
      await expect(page.locator('h1'), url).toHaveText(lesson.title.trim());
      // The lesson's own sections, besides the objectives and takeaways panels every lesson has.
      const bodySections = page.locator('article.prose h2:not(#objectives-title):not(#takeaways-title)');
      expect(await bodySections.count(), `${url}: sections`).toBeGreaterThanOrEqual(2);
      const takeaways = page.locator('section.takeaways');
      await expect(takeaways.getByRole('heading', { level: 2 }), url).toHaveText(LANGS[lang].t['lesson.takeaways']);
      await expect(takeaways.locator('li'), url).toHaveCount(lesson.takeaways);
      if (errors.length) problems.push(`${url}: ${errors.splice(0).join(' | ')}`);
    }
    expect(problems, 'console errors').toEqual([]);
  });
}

test('the glossary lists every term, each with an anchor, in both languages', async ({ page }) => {
  const glossary = parse(readFileSync(join(root, 'content', 'glossary.yaml'), 'utf8')) as {
    terms: { id: string; term: { zh: string; en: string } }[];
  };
  const ids = glossary.terms.map((t) => t.id);
  expect(ids.length).toBeGreaterThan(5);
  for (const lang of ['zh', 'en'] as const) {
    const response = await page.goto(`/${lang}/glossary`);
    expect(response?.status()).toBe(200);
    const onPage = await page.locator('dl [id]').evaluateAll((els) => els.map((e) => e.id));
    expect(onPage.toSorted(), lang).toEqual(ids.toSorted());
    for (const term of glossary.terms.slice(0, 3)) await expect(page.locator(`[id="${term.id}"]`)).toContainText(term.term[lang]);
  }
});
