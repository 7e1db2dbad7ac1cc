import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { PEOPLE } from '../support/fixtures.ts';
import { expectNoAxeViolations, signIn } from './helpers.ts';

// Self-assessments are private: Eve East takes the conflict-style assessment; HR and her manager
// then see that she completed it and when, and nothing of her answers or results, on any page or
// in either export.

interface Assessment {
  id: string;
  title: { zh: string; en: string };
  dimensions: { id: string; label: { zh: string; en: string } }[];
  items: { id: string }[];
}
const ASSESSMENT = parseYaml(readFileSync(join(process.cwd(), 'content', 'assessments', 'conflict-style.yaml'), 'utf8')) as Assessment;
const LABELS = ASSESSMENT.dimensions.flatMap((d) => [d.label.en, d.label.zh]);
const dateShown = (locale: 'zh' | 'en', iso: string) =>
  new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** Fails if `text` carries anything of the results: a dimension label or the assessment's own id. */
function expectNoResults(text: string, where: string) {
  for (const label of LABELS)
    expect(text, `${where} shows the dimension “${label}”`).not.toMatch(new RegExp(`(^|[^A-Za-z])${label}([^A-Za-z]|$)`));
  for (const word of ['Your leading style', '你的主导风格', '"scores"', '"answers"'])
    expect(text, `${where} shows ${word}`).not.toContain(word);
}

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, 'en');
  await expect(page).toHaveURL(/\/en\/$/);
  return { context, page };
}

/** What a records viewer (HR or the manager) can see about Eve: pages and exports. */
async function checkViewer(page: Page, taken: { at: string }, axe: boolean) {
  // Her record: the title and date of the assessment, nothing more.
  for (const lang of ['en', 'zh'] as const) {
    await page.goto(`/${lang}/hr/people?q=${encodeURIComponent(PEOPLE.repEast.email)}`);
    expectNoResults((await page.getByTestId('people-table').textContent()) ?? '', `${lang} people table`);
    await page.locator(`tr[data-person="${PEOPLE.repEast.email}"] th a`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(PEOPLE.repEast.name);
    await expect(page.getByTestId('assessments-done').locator('li')).toHaveText([
      `${ASSESSMENT.title[lang]} · ${dateShown(lang, taken.at)}`,
    ]);
    await expect(
      page.getByText(
        lang === 'en'
          ? 'Answers and results are private to the person; only the date is shown.'
          : '自我评估的答案和结果属于本人隐私，这里只显示完成日期。',
      ),
    ).toBeVisible();
    expectNoResults((await page.locator('main').textContent()) ?? '', `${lang} record of ${PEOPLE.repEast.name}`);
    if (axe && lang === 'en') await expectNoAxeViolations(page);
  }
  await page.goto('/en/hr/');
  expectNoResults((await page.locator('main').textContent()) ?? '', 'dashboard');
  await page.goto('/en/hr/people');
  expectNoResults((await page.locator('main').textContent()) ?? '', 'people table');

  // The CSV has no assessment column and nothing of the results.
  const csv = await (await page.request.get('/api/hr/completions.csv')).text();
  const [header, ...rows] = parse(csv, { bom: true }) as string[][];
  expect(header?.filter((h) => /assess|conflict|style|score/i.test(h) && h !== 'quiz_best_score')).toEqual([]);
  expect(rows.some((r) => r.includes(PEOPLE.repEast.email))).toBe(true);
  expect(csv).not.toContain(ASSESSMENT.id);
  expect(csv).not.toContain(ASSESSMENT.title.en);
  expectNoResults(csv, 'CSV export');

  // The xAPI export: no statement about the assessment beyond, at most, its completion.
  const raw = await (await page.request.get('/api/hr/xapi.json')).text();
  expectNoResults(raw, 'xAPI export');
  const statements = JSON.parse(raw) as {
    actor: { name: string };
    verb: { id: string };
    object: { id: string; definition?: { name?: Record<string, string> } };
    result?: Record<string, unknown>;
  }[];
  expect(statements.some((s) => s.actor.name === PEOPLE.repEast.name)).toBe(true);
  for (const s of statements) {
    const aboutAssessment =
      s.object.id.includes(ASSESSMENT.id) ||
      /\/assessments?\//.test(s.object.id) ||
      Object.values(s.object.definition?.name ?? {}).some((n) => n === ASSESSMENT.title.en || n === ASSESSMENT.title.zh);
    if (!aboutAssessment) continue;
    expect(s.verb.id, s.object.id).toBe('http://adlnet.gov/expapi/verbs/completed');
    expect(
      Object.keys(s.result ?? {}).filter((k) => k !== 'completion'),
      s.object.id,
    ).toEqual([]);
  }
}

test('a self-assessment stays private: HR and the manager see only that it was done, and when', async ({ browser }) => {
  test.slow(); // one journey for three people, with axe on each view
  // Eve takes the assessment: a plain form, every item answered.
  const eve = await signedIn(browser, PEOPLE.repEast.email);
  await eve.page.goto(`/en/assessments/${ASSESSMENT.id}`);
  await expect(eve.page.getByTestId('privacy-notice')).toContainText('Managers and HR see only that you completed an assessment and when');
  const items = eve.page.locator('form.assessment-form fieldset');
  await expect(items).toHaveCount(ASSESSMENT.items.length);
  for (let i = 0; i < ASSESSMENT.items.length; i++) {
    const radios = items.nth(i).locator('input[type="radio"]');
    const count = await radios.count();
    await radios.nth(count === 2 ? (i % 3 === 0 ? 1 : 0) : i % count).check();
  }
  await eve.page.getByRole('button', { name: 'See my results' }).click();
  await expect(eve.page).toHaveURL(new RegExp(`/en/assessments/${ASSESSMENT.id}\\?done=1#results$`));
  const headings = await eve.page.locator('#results section.card h4').allTextContents();
  const shown = Object.fromEntries(headings.map((h) => /^(.+?) · (\d+)/.exec(h.trim())?.slice(1, 3) ?? ['', '']));
  expect(Object.keys(shown)).toEqual(ASSESSMENT.dimensions.map((d) => d.label.en));
  await expect(eve.page.getByTestId('leading')).toContainText('Your leading style');

  // Her own data export holds the answers and these scores (so there is something to keep private).
  const mine = await (await eve.page.request.get('/api/me/export.json')).json();
  const taken = mine.assessments.at(-1) as {
    assessmentId: string;
    at: string;
    answers: Record<string, unknown>;
    scores: Record<string, number>;
  };
  expect(taken.assessmentId).toBe(ASSESSMENT.id);
  expect(Object.keys(taken.answers)).toHaveLength(ASSESSMENT.items.length);
  expect(Object.fromEntries(ASSESSMENT.dimensions.map((d) => [d.label.en, String(taken.scores[d.id])]))).toEqual(shown);
  await eve.context.close();

  // HR, then her manager.
  for (const viewer of [PEOPLE.hr, PEOPLE.managerEast]) {
    const { context, page } = await signedIn(browser, viewer.email);
    await test.step(`as ${viewer.name}`, () => checkViewer(page, taken, viewer === PEOPLE.hr));
    await context.close();
  }
});
