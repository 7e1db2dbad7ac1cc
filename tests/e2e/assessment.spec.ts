import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'yaml';
import en from '../../src/i18n/en.ts';
import zh from '../../src/i18n/zh.ts';
import { PEOPLE } from '../support/fixtures.ts';
import { PORTS } from '../support/ports.ts';
import { expectNoAxeViolations, signIn } from './helpers.ts';

/** The self-assessments as written; the tests score them on their own to know what to expect. */
type L = { zh: string; en: string };
type Item =
  | { id: string; type: 'forced'; a: { dimension: string }; b: { dimension: string } }
  | { id: string; type: 'scale'; dimension: string; reverse?: boolean };
interface Assessment {
  id: string;
  title: L;
  reading: 'profile' | 'levels';
  dimensions: { id: string; label: L; description: L; recommend: { modules?: string[]; scenarios?: string[] } }[];
  items: Item[];
}
const root = process.cwd();
const load = (id: string) => parse(readFileSync(join(root, 'content', 'assessments', `${id}.yaml`), 'utf8')) as Assessment;
const STYLE = load('conflict-style');
const EMOTION = load('emotion-check');
const courseId = (parse(readFileSync(join(root, 'content', 'course.yaml'), 'utf8')) as { id: string }).id;
const moduleIds = (parse(readFileSync(join(root, 'content', 'course.yaml'), 'utf8')) as { modules: { id: string }[] }).modules
  .map((m) => m.id)
  .filter(
    (m) => existsSync(join(root, 'content', 'lessons', 'en', m)) && readdirSync(join(root, 'content', 'lessons', 'en', m)).length > 0,
  );
const scenarioExists = (id: string) => existsSync(join(root, 'content', 'scenarios', `${id}.yaml`));

// Thirty radio groups filled by hand, twice: slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

type Answers = Record<string, string>;

/** Answers favouring one dimension: its side of each forced pair, 5 on its statements, 1 elsewhere. */
function favouring(a: Assessment, dimension: string): Answers {
  return Object.fromEntries(
    a.items.map((item) => {
      if (item.type === 'forced') return [item.id, item.b.dimension === dimension ? 'b' : 'a'];
      const value = item.dimension === dimension ? 5 : 1;
      return [item.id, String(item.reverse ? 6 - value : value)];
    }),
  );
}

/** Scores 0-100 per dimension, as documented: forced choice 1 of 1 point, scale (value - 1) / 4. */
function score(a: Assessment, answers: Answers): Record<string, number> {
  const earned: Record<string, number> = {};
  const possible: Record<string, number> = {};
  const add = (d: string, e: number) => {
    earned[d] = (earned[d] ?? 0) + e;
    possible[d] = (possible[d] ?? 0) + 1;
  };
  for (const item of a.items) {
    const answer = answers[item.id];
    if (item.type === 'forced') {
      add(item.a.dimension, answer === 'a' ? 1 : 0);
      add(item.b.dimension, answer === 'b' ? 1 : 0);
    } else {
      const value = item.reverse ? 6 - Number(answer) : Number(answer);
      add(item.dimension, (value - 1) / 4);
    }
  }
  return Object.fromEntries(
    a.dimensions.map((d) => [d.id, possible[d.id] ? Math.round(((earned[d.id] ?? 0) / (possible[d.id] ?? 1)) * 100) : 0]),
  );
}

const levelKey = (s: number) => (s < 40 ? 'low' : s < 70 ? 'middle' : 'high');

/** What the results page should recommend: modules and role-plays of the dimensions to work on, where they exist. */
function recommendations(a: Assessment, scores: Record<string, number>): string[] {
  const top = Math.max(...Object.values(scores));
  const study =
    a.reading === 'profile'
      ? a.dimensions.filter((d) => top - (scores[d.id] ?? 0) <= 5)
      : a.dimensions.filter((d) => levelKey(scores[d.id] ?? 0) !== 'high');
  const modules = new Set(study.flatMap((d) => d.recommend.modules ?? []).filter((m) => moduleIds.includes(m)));
  const scenarios = new Set(study.flatMap((d) => d.recommend.scenarios ?? []).filter(scenarioExists));
  return [...[...modules].map((m) => `/en/courses/${courseId}/${m}/`), ...[...scenarios].map((s) => `/en/scenarios/${s}`)].toSorted();
}

async function fillIn(page: Page, answers: Answers) {
  for (const [id, value] of Object.entries(answers)) await page.locator(`input[name="${id}"][value="${value}"]`).check();
}

async function submit(page: Page, label = en['assessment.submit']) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.getByRole('button', { name: label }).click(),
  ]);
  await page.waitForLoadState('load');
  return response.status();
}

const savedResults = async (page: Page, id: string) =>
  (
    (await (await page.request.get('/api/me/export.json')).json()) as {
      assessments: { assessmentId: string; scores: Record<string, number> }[];
    }
  ).assessments.filter((r) => r.assessmentId === id);

/** The figures in the chart's table, per dimension label: [this result, previous result?]. */
async function chartTable(page: Page) {
  const rows = page.locator('figure.chart table tbody tr');
  return Object.fromEntries(
    await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('th')?.textContent?.trim() ?? '',
        [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)),
      ]),
    ),
  ) as Record<string, number[]>;
}

async function expectResults(page: Page, a: Assessment, scores: Record<string, number>) {
  await expect(page).toHaveURL(new RegExp(`/en/assessments/${a.id}\\?done=1#results$`));
  await expect(page.getByRole('heading', { level: 2, name: /^Your results \(/ })).toBeVisible();
  // The chart: an SVG with a text alternative, and the same figures in a table.
  await expect(page.locator('figure.chart').getByRole('img', { name: en['assessment.chartTitle'] })).toBeVisible();
  await expect(page.locator('figure.chart table caption')).toHaveText(en['assessment.chartTitle']);
  const table = await chartTable(page);
  for (const d of a.dimensions) expect(table[d.label.en]?.[0], d.id).toBe(scores[d.id]);
  // Each dimension explained, with its score (and its level, for a levels reading).
  const cards = page.locator('#results section.card');
  await expect(cards).toHaveCount(a.dimensions.length);
  for (const [i, d] of a.dimensions.entries()) {
    const heading = cards.nth(i).getByRole('heading', { level: 4 });
    await expect(heading).toContainText(`${d.label.en} · ${scores[d.id]}`);
    if (a.reading === 'levels') await expect(heading.locator('.badge')).toHaveText(en[`assessment.level.${levelKey(scores[d.id] ?? 0)}`]);
    await expect(cards.nth(i)).toContainText(d.description.en.replace(/\s+/g, ' ').trim());
    await expect(cards.nth(i)).toContainText(en['assessment.helps']);
    await expect(cards.nth(i)).toContainText(en['assessment.hurts']);
  }
  const recommended = page.locator('section.panel', { has: page.getByRole('heading', { name: en['assessment.recommended'] }) });
  const hrefs = await recommended.getByRole('link').evaluateAll((as) => as.map((x) => x.getAttribute('href') ?? ''));
  expect(hrefs.toSorted()).toEqual(recommendations(a, scores));
  expect(hrefs.length).toBeGreaterThan(0);
}

test('the conflict-style profile: privacy first, missing answers kept, results, and a retake beside the earlier result', async ({
  page,
}) => {
  await signIn(page, PEOPLE.repAssess.email);
  await page.goto('/en/assessments/');
  await expect(page.getByText(en['assessment.privacy'])).toBeVisible();
  await page.getByRole('link', { name: STYLE.title.en }).click();
  await expect(page).toHaveURL(/\/en\/assessments\/conflict-style$/);
  const before = (await savedResults(page, STYLE.id)).length;
  if (before > 0) await page.goto('/en/assessments/conflict-style?take=1');

  // The privacy notice comes before the first question.
  const notice = page.getByTestId('privacy-notice');
  await expect(notice).toHaveText(en['assessment.privacy']);
  expect(
    await notice.evaluate(
      (n) => !!(n.compareDocumentPosition(document.querySelector('form.assessment-form') as Node) & Node.DOCUMENT_POSITION_FOLLOWING),
    ),
  ).toBe(true);
  await expectNoAxeViolations(page);

  // Leave three items out: they are named, and every answer given is still ticked.
  const first = favouring(STYLE, 'collaborating');
  const skipped = [3, 7, STYLE.items.length];
  const partial = Object.fromEntries(Object.entries(first).filter((_, i) => !skipped.includes(i + 1)));
  await fillIn(page, partial);
  expect(await submit(page)).toBe(400);
  await expect(page.getByRole('alert')).toHaveText(en['assessment.missing'].replace('{items}', skipped.join(', ')));
  await expect(page.locator('form.assessment-form li.missing')).toHaveCount(skipped.length);
  for (const n of skipped) await expect(page.locator('form.assessment-form > ol > li').nth(n - 1)).toHaveClass(/missing/);
  for (const [id, value] of Object.entries(partial)) await expect(page.locator(`input[name="${id}"][value="${value}"]`), id).toBeChecked();
  expect(await savedResults(page, STYLE.id)).toHaveLength(before);

  // Complete it.
  await fillIn(page, Object.fromEntries(Object.entries(first).filter(([id]) => !(id in partial))));
  expect(await submit(page)).toBe(303);
  const firstScores = score(STYLE, first);
  await expect(page.getByTestId('leading')).toHaveText(en['assessment.leading'].replace('{styles}', 'Collaborating'));
  await expectResults(page, STYLE, firstScores);
  expect((await savedResults(page, STYLE.id)).at(-1)?.scores).toEqual(firstScores);
  await expectNoAxeViolations(page);

  // Take it again with different answers: the new result, with the earlier one beside it.
  await page.getByRole('link', { name: en['assessment.retake'] }).click();
  await expect(page).toHaveURL(/\?take=1$/);
  const second = favouring(STYLE, 'competing');
  await fillIn(page, second);
  expect(await submit(page)).toBe(303);
  const secondScores = score(STYLE, second);
  expect(secondScores).not.toEqual(firstScores);
  await expect(page.getByTestId('leading')).toHaveText(en['assessment.leading'].replace('{styles}', 'Competing'));
  await expectResults(page, STYLE, secondScores);
  const table = await chartTable(page);
  for (const d of STYLE.dimensions) expect(table[d.label.en], d.id).toEqual([secondScores[d.id], firstScores[d.id]]);
  await expect(page.locator('figure.chart figcaption')).toContainText(/Hatched bars: your previous result \(.+\)\./);
  await expect(page.locator('figure.chart svg')).toContainText(`(${en['assessment.before']})`);
  const history = page.getByRole('heading', { name: en['assessment.history'] }).locator('xpath=following-sibling::div[1]//tbody/tr');
  await expect(history).toHaveCount(before + 2);
  const rowScores = (n: number) => history.nth(n).locator('td').allInnerTexts();
  expect(await rowScores(0)).toEqual(STYLE.dimensions.map((d) => String(secondScores[d.id])));
  expect(await rowScores(1)).toEqual(STYLE.dimensions.map((d) => String(firstScores[d.id])));
});

test('the emotion self-check reads as levels per facet', async ({ page }) => {
  await signIn(page, PEOPLE.repAssess.email);
  await page.goto('/en/assessments/emotion-check?take=1');
  await expect(page.getByTestId('privacy-notice')).toHaveText(en['assessment.privacy']);
  await expectNoAxeViolations(page);
  // One facet strong, one middling, the others weak.
  const values = [5, 3, 1, 2];
  const answers = Object.fromEntries(
    EMOTION.items.map((item) => {
      if (item.type !== 'scale') throw new Error('the emotion check is all statements');
      const v = values[EMOTION.dimensions.findIndex((d) => d.id === item.dimension)] ?? 3;
      return [item.id, String(item.reverse ? 6 - v : v)];
    }),
  );
  await fillIn(page, answers);
  expect(await submit(page)).toBe(303);
  const scores = score(EMOTION, answers);
  expect(Object.values(scores).map(levelKey)).toEqual(['high', 'middle', 'low', 'low']);
  await expectResults(page, EMOTION, scores);
  // Levels, not a leading style.
  await expect(page.getByTestId('leading')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

for (const id of [STYLE.id, EMOTION.id]) {
  test(`axe: the ${id} form and results in Chinese`, async ({ page }) => {
    const a = id === STYLE.id ? STYLE : EMOTION;
    await signIn(page, PEOPLE.repAssess.email, 'zh');
    await page.goto(`/zh/assessments/${a.id}?take=1`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('privacy-notice')).toHaveText(zh['assessment.privacy']);
    await expectNoAxeViolations(page);
    await expect(page.getByRole('button', { name: zh['assessment.submit'] })).toBeVisible();
    // The form itself is exercised in English above; here it only needs a result to show.
    const posted = await page.request.post(`/zh/assessments/${a.id}`, {
      form: favouring(a, a.dimensions[0]?.id ?? ''),
      headers: { origin: `http://localhost:${PORTS.seeded}` },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(303);
    await page.goto(`/zh/assessments/${a.id}`);
    await expect(page.locator('figure.chart')).toBeVisible();
    await expect(page.locator('#results section.card').first()).toContainText(a.dimensions[0]?.label.zh ?? '?');
    await expectNoAxeViolations(page);
  });
}
