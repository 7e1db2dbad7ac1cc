import { expect, test } from '@playwright/test';
import { collectErrors, expectNoAxeViolations } from './helpers.ts';

const COURSE = '/zh/courses/customer-conflicts/';
const LESSON = '/zh/courses/customer-conflicts/communication/prepare-the-conversation';

test.describe('language and redirects', () => {
  test('/ sends a Chinese browser to /zh/', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/zh\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await context.close();
  });

  test('/ sends an English browser to /en/', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/en\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await context.close();
  });

  test('the switcher keeps the reader on the same lesson, and / remembers the choice', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(LESSON);
    const zhTitle = await page.locator('h1').textContent();
    await page.getByTestId('lang-switch').click();
    await expect(page).toHaveURL(LESSON.replace('/zh/', '/en/'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('h1')).not.toHaveText(zhTitle ?? '');
    await page.goto('/');
    await expect(page).toHaveURL(/\/en\/$/);
    await context.close();
  });
});

test('walk the catalogue to a lesson and on to the next lesson', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(COURSE);
  await expect(page.locator('.module-list > li')).toHaveCount(await page.locator('.module-list > li').count());
  expect(await page.locator('.module-list > li').count()).toBeGreaterThanOrEqual(9);
  await page.locator('[data-module="communication"] .lesson-list a').first().click();
  await expect(page).toHaveURL(/\/communication\/prepare-the-conversation$/);
  await expect(page.getByRole('heading', { level: 2, name: '关键要点' })).toBeVisible();
  await expect(page.locator('.lesson-aside .toc a').first()).toBeVisible();
  const next = page.locator('a[rel="next"]');
  await next.click();
  await expect(page).toHaveURL(/\/communication\/listen-and-find-common-ground$/);
  await expect(page.locator('a[rel="prev"]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a lesson without interactive parts loads no framework JavaScript', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(LESSON);
  await page.waitForLoadState('networkidle');
  expect(await page.locator('astro-island').count()).toBe(0);
  expect(scripts.filter((s) => /react|client|island/i.test(s))).toEqual([]);
});

test('404 page in both languages', async ({ page }) => {
  for (const [lang, title] of [
    ['zh', '找不到这个页面'],
    ['en', 'Page not found'],
  ] as const) {
    const response = await page.goto(`/${lang}/no-such-page`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
  }
});

test('a language the portal does not have is the 404 page, for every kind of page', async ({ page }) => {
  for (const path of ['/fr/', '/fr/review', '/fr/courses/customer-conflicts/', '/fr/quizzes/communication', '/fr/hr/audit']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  }
});

test('/healthz answers ok', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('security headers on every response', async ({ request }) => {
  for (const path of ['/zh/', '/healthz', '/en/no-such-page']) {
    const headers = (await request.get(path)).headers();
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  }
  const page = (await request.get('/zh/')).headers()['content-security-policy'] ?? '';
  expect(page).toContain('script-src');
});

test.describe('accessibility', () => {
  for (const lang of ['zh', 'en'] as const) {
    for (const path of [
      '/',
      '/courses/customer-conflicts/',
      '/courses/customer-conflicts/communication/',
      '/courses/customer-conflicts/emotion-management/staying-composed',
      '/glossary',
      '/login',
      '/no-such-page',
    ]) {
      test(`axe: /${lang}${path}`, async ({ page }) => {
        await page.goto(`/${lang}${path}`);
        await expectNoAxeViolations(page);
      });
    }
  }
});
