import AxeBuilder from '@axe-core/playwright';
import { gzipSync } from 'node:zlib';
import { expect, type Page } from '@playwright/test';
import { TEST_PASSWORD } from '../support/ports.ts';

/** Signs in through the real form. */
export async function signIn(page: Page, email: string, lang: 'zh' | 'en' = 'en', password = TEST_PASSWORD) {
  await page.goto(`/${lang}/login`);
  await page.getByLabel(lang === 'en' ? 'Email' : '邮箱').fill(email);
  await page.getByLabel(lang === 'en' ? 'Password' : '密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : '登录' }).click();
  await page.waitForLoadState('load');
}

/** Runs axe on the page and fails with the list of violations. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Waits until every React island on the page has hydrated. */
export async function waitForIslands(page: Page) {
  await page.waitForSelector('astro-island:not([ssr])', { state: 'attached' });
}

/** Collects console errors and page errors while a test runs. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/**
 * Loads `url` and measures every script it loads, gzipped at level 9: the figure the JavaScript
 * budgets are stated in. Prints the total and each file.
 */
export async function measureScripts(page: Page, url: string, label: string) {
  const scripts = new Map<string, Promise<number>>();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' && !scripts.has(r.url()))
      scripts.set(
        r.url(),
        r.body().then((b) => gzipSync(b, { level: 9 }).length),
      );
  });
  await page.goto(url);
  await waitForIslands(page);
  await page.waitForLoadState('networkidle');
  const sizes = await Promise.all([...scripts].map(async ([u, size]) => ({ url: new URL(u).pathname, size: await size })));
  const total = sizes.reduce((n, s) => n + s.size, 0);
  console.log(
    `${label} JavaScript: ${(total / 1024).toFixed(1)} KB gzip in ${sizes.length} files (${sizes.map((s) => `${s.url} ${(s.size / 1024).toFixed(1)}`).join(', ')})`,
  );
  return { files: sizes.length, total };
}
