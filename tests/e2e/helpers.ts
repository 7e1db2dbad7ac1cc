import AxeBuilder from '@axe-core/playwright';
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
