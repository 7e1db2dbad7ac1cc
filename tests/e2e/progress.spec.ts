import { expect, type Page, test } from '@playwright/test';
import en from '../../src/i18n/en.ts';
import { formatDate } from '../../src/i18n/index.ts';
import { contentIndex, PEOPLE } from '../support/fixtures.ts';
import { PORTS } from '../support/ports.ts';
import { signIn } from './helpers.ts';

const COURSE = '/en/courses/customer-conflicts/';
const MODULE = 'communication';
const LESSON = `${MODULE}/prepare-the-conversation`;
const NEXT_LESSON = `${MODULE}/listen-and-find-common-ground`;

/** What the progress bars should read after one lesson is read, from the content folder. */
function expectedPercents() {
  const content = contentIndex();
  const modules = new Set(content.lessons.map((k) => k.split('/')[0] ?? ''));
  const stepsIn = (m: string) =>
    content.lessons.filter((k) => k.startsWith(`${m}/`)).length +
    content.quizzes.filter((q) => q.module === m).length +
    content.scenarios.filter((s) => s.module === m).length;
  const courseSteps = [...modules].reduce((n, m) => n + stepsIn(m), 0);
  return { module: Math.round(100 / stepsIn(MODULE)), course: Math.round(100 / courseSteps) };
}

const progressValue = async (page: Page, scope: string, name: string) =>
  Number(await page.locator(scope).getByRole('progressbar', { name }).getAttribute('value'));

test('an anonymous reader is asked to sign in to save progress', async ({ page }) => {
  await page.goto(`${COURSE}${LESSON}`);
  const panel = page.locator('#progress');
  await expect(panel).toContainText(en['lesson.signInToSave']);
  await expect(panel.getByRole('link', { name: en['nav.login'] })).toHaveAttribute(
    'href',
    `/en/login?next=${encodeURIComponent(`${COURSE}${LESSON}`)}`,
  );
  await expect(page.getByRole('button', { name: en['lesson.markRead'] })).toHaveCount(0);
  await page.goto(COURSE);
  await expect(page.getByText(en['course.signInToSave'])).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  // Posting the form anyway saves nothing and asks for a sign-in.
  const post = await page.request.post(`${COURSE}${LESSON}`, {
    headers: { origin: `http://localhost:${PORTS.seeded}` },
    form: {},
    maxRedirects: 0,
  });
  expect(post.status()).toBe(302);
  expect(post.headers().location).toContain('/en/login?next=');
});

test('mark a lesson read without JavaScript; the catalogue, progress bars and next step follow', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, PEOPLE.repProgress.email);
  await expect(page).toHaveURL(/\/en\/$/);

  // Before: nothing read, and the next step is the very first lesson of the course.
  await page.goto(COURSE);
  const firstLesson = await page.locator('.module-list .lesson-list a').first().getAttribute('href');
  const communication = `[data-module="${MODULE}"]`;
  expect(await progressValue(page, '.panel', en['course.courseProgress'])).toBe(0);
  expect(await progressValue(page, communication, en['course.moduleProgress'])).toBe(0);
  await expect(page.locator(communication).locator('.check')).toHaveCount(0);
  await page.goto('/en/');
  await expect(page.getByTestId('next-step')).toHaveAttribute('href', firstLesson ?? 'missing');

  // Mark the lesson read with the plain form.
  await page.goto(`${COURSE}${LESSON}`);
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`${COURSE}${LESSON}`)),
    page.getByRole('button', { name: en['lesson.markRead'] }).click(),
  ]);
  // Answered in front of the framework (src/server/direct-lesson-save.ts), with the page's headers.
  expect(saved.headers()['server-timing']).toContain('desc="direct"');
  expect(saved.headers()['x-frame-options']).toBe('DENY');
  await expect(page).toHaveURL(new RegExp(`${LESSON}\\?read=1#progress$`));
  const readOn = en['lesson.isRead'].replace('{date}', formatDate('en', new Date().toISOString()));
  await expect(page.getByRole('status')).toHaveText(`✓ ${readOn}`);
  await expect(page.getByRole('button', { name: en['lesson.markRead'] })).toHaveCount(0);
  // Still there on a fresh load.
  await page.goto(`${COURSE}${LESSON}`);
  await expect(page.locator('#progress')).toContainText(readOn);

  // The catalogue: a check on that lesson only, and both bars moved.
  await page.goto(COURSE);
  const expected = expectedPercents();
  const lessonRow = page
    .locator(communication)
    .locator('.lesson-list li')
    .filter({ has: page.locator(`a[href="${COURSE}${LESSON}"]`) });
  await expect(lessonRow.getByLabel(en['course.read'])).toBeVisible();
  await expect(page.locator(communication).locator('.lesson-list .check')).toHaveCount(1);
  await expect(page.locator('.module-list .check')).toHaveCount(1);
  expect(await progressValue(page, communication, en['course.moduleProgress'])).toBe(expected.module);
  expect(await progressValue(page, '.panel', en['course.courseProgress'])).toBe(expected.course);
  await page.goto(`${COURSE}${MODULE}/`);
  expect(await progressValue(page, 'main', en['course.moduleProgress'])).toBe(expected.module);
  await expect(page.locator('.lesson-list li').filter({ hasText: en['course.read'] })).toHaveCount(1);

  // Home: "continue" points at the next unread lesson in the same module.
  await page.goto('/en/');
  const next = page.getByTestId('next-step');
  await expect(next).toHaveAttribute('href', `${COURSE}${NEXT_LESSON}`);
  await expect(page.locator('p', { has: next })).toContainText(en['home.continue']);
  expect(Number(await page.locator('section[aria-labelledby="progress-title"] progress').getAttribute('value'))).toBe(expected.course);

  // The saved record itself.
  const exported = await (await page.request.get('/api/me/export.json')).json();
  expect(Object.keys(exported.lessons)).toEqual([LESSON]);
  await context.close();
});
