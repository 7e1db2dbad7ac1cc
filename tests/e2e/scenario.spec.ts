import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'yaml';
import en from '../../src/i18n/en.ts';
import {
  applyChoice,
  availableChoices,
  debrief,
  type EngineScenario,
  endingOf,
  initialState,
  type RunState,
} from '../../src/lib/scenario-engine.ts';
import { PEOPLE } from '../support/fixtures.ts';
import { expectNoAxeViolations, measureScripts, signIn, waitForIslands } from './helpers.ts';

/** The role-play as written; the tests plan their routes through it with the engine's rules. */
type L = { zh: string; en: string };
interface RawChoice {
  id: string;
  text: L;
  style: string;
  effects?: Record<string, number>;
  sets?: string[];
  when?: EngineScenario['nodes'][number]['choices'][number]['when'];
  next: string;
  branches?: { when: NonNullable<RawChoice['when']>; next: string }[];
}
interface RawScenario {
  id: string;
  start: string;
  lessons: string[];
  measures: { id: string; initial?: number }[];
  nodes: { id: string; coaching?: L; ending?: { kind: 'good' | 'mixed' | 'bad'; title: L }; choices?: RawChoice[] }[];
}
const RAW = parse(readFileSync(join(process.cwd(), 'content', 'scenarios', 'registered-lead.yaml'), 'utf8')) as RawScenario;
const SCENARIO: EngineScenario = {
  start: RAW.start,
  measures: RAW.measures.map((m) => ({ id: m.id, initial: m.initial ?? 0 })),
  nodes: RAW.nodes.map((n) => ({
    id: n.id,
    ...(n.ending ? { ending: { kind: n.ending.kind } } : {}),
    choices: (n.choices ?? []).map((c) => ({
      id: c.id,
      style: c.style,
      effects: c.effects ?? {},
      sets: c.sets ?? [],
      when: c.when,
      next: c.next,
      branches: c.branches ?? [],
    })),
  })),
};
const URL_EN = `/en/scenarios/${RAW.id}`;
const choiceText = (node: string, choice: string) =>
  RAW.nodes.find((n) => n.id === node)?.choices?.find((c) => c.id === choice)?.text.en ?? `?${node}/${choice}`;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The shortest route to an ending of the given kind (breadth-first over the engine's states). */
function routeTo(kind: 'good' | 'bad', minLength = 1): RunState['path'] {
  const queue: RunState[] = [initialState(SCENARIO)];
  while (queue.length) {
    const state = queue.shift() as RunState;
    const ending = endingOf(SCENARIO, state);
    if (ending) {
      if (ending.kind === kind && state.path.length >= minLength) return state.path;
      continue;
    }
    if (state.path.length > 20) continue;
    for (const c of availableChoices(SCENARIO, state)) queue.push(applyChoice(SCENARIO, state, c.id));
  }
  throw new Error(`no route to a ${kind} ending`);
}

/** Presses Tab until the given choice button has focus. */
async function tabToChoice(page: Page, choice: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-choice') === id, choice)) return;
  }
  throw new Error(`Tab never reached the choice "${choice}"`);
}

type Run = { id: string; scenarioId: string; choices: { node: string; choice: string }[]; finishedAt?: string; ending?: { kind: string } };
const runs = async (page: Page) =>
  ((await (await page.request.get('/api/me/export.json')).json()) as { scenarioRuns: Run[] }).scenarioRuns.filter(
    (r) => r.scenarioId === RAW.id,
  );

const turnHeading = (page: Page) => page.locator('#turn-title');
const transcriptTurns = (page: Page) => page.locator('ol.transcript > li.turn');

test('play to a good ending by keyboard, then again to a bad ending; the debrief and history follow', async ({ page }) => {
  const good = routeTo('good');
  const bad = routeTo('bad');
  await signIn(page, PEOPLE.repScenario.email);
  const finishedBefore = (await runs(page)).filter((r) => r.finishedAt).length;
  await page.goto(`${URL_EN}?new=1`);
  await waitForIslands(page);
  await expect(turnHeading(page)).toHaveText(en['scenario.turn'].replace('{n}', '1'));

  // Keyboard only: Tab to the reply, Enter; focus lands on the new turn's heading.
  for (const [i, step] of good.entries()) {
    await tabToChoice(page, step.choice);
    await page.keyboard.press('Enter');
    await expect(turnHeading(page)).toBeFocused();
    await expect(turnHeading(page)).toHaveText(
      i === good.length - 1 ? en['scenario.ending'] : en['scenario.turn'].replace('{n}', String(i + 2)),
    );
    await expect(transcriptTurns(page)).toHaveCount(i + 1);
    await expect(transcriptTurns(page).nth(i)).toContainText(squash(choiceText(step.node, step.choice)));
  }
  await expect(page.getByTestId('ending')).toHaveAttribute('data-ending', 'good');
  await expect(page.getByTestId('ending')).toContainText(en['scenario.ending.good']);
  const debriefPanel = page.locator('section.debrief');
  const pathSteps = debriefPanel.locator('h3', { hasText: en['scenario.pathTaken'] }).locator('xpath=following-sibling::ol[1]/li');
  await expect(debriefPanel.getByRole('heading', { name: en['scenario.pathTaken'] })).toBeVisible();
  await expect(pathSteps).toHaveCount(good.length);
  await expect.poll(async () => (await runs(page)).filter((r) => r.finishedAt).length).toBe(finishedBefore + 1);
  await expectNoAxeViolations(page);

  // Play again: a fresh run from the first turn.
  await page.getByRole('link', { name: en['scenario.playAgain'] }).click();
  await expect(page).toHaveURL(new RegExp(`${URL_EN}\\?new=1$`));
  await waitForIslands(page);
  await expect(transcriptTurns(page)).toHaveCount(0);
  for (const step of bad) await page.locator(`button[data-choice="${step.choice}"]`).click();
  await expect(page.getByTestId('ending')).toHaveAttribute('data-ending', 'bad');
  await expect(page.getByTestId('ending')).toContainText(en['scenario.ending.bad']);

  // The debrief: every step, the costliest choice with a better one, and the lessons.
  await expect(pathSteps).toHaveCount(bad.length);
  for (const [i, step] of bad.entries()) await expect(pathSteps.nth(i)).toContainText(squash(choiceText(step.node, step.choice)));
  const report = debrief(SCENARIO, bad);
  const worst = report.worst;
  if (!worst?.better) throw new Error('the bad route should have a costliest choice');
  const costliest = debriefPanel.locator('h3', { hasText: en['scenario.worstChoice'] }).locator('xpath=following-sibling::div[1]');
  await expect(costliest).toContainText(squash(choiceText(worst.step.node, worst.step.choice)));
  await expect(costliest).toContainText(`${en['scenario.betterMove']} ${squash(choiceText(worst.step.node, worst.better.id))}`);
  const coaching = RAW.nodes.find((n) => n.id === worst.step.node)?.coaching?.en;
  if (coaching) await expect(costliest).toContainText(squash(coaching));
  const lessonLinks = debriefPanel.locator('h3', { hasText: en['scenario.lessons'] }).locator('xpath=following-sibling::ul[1]//a');
  expect(await lessonLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(
    RAW.lessons.map((k) => `/en/courses/customer-conflicts/${k}`),
  );
  await expect.poll(async () => (await runs(page)).filter((r) => r.finishedAt).length).toBe(finishedBefore + 2);
  await expectNoAxeViolations(page);

  // Both runs are in the history, newest first, with their endings.
  await page.goto(URL_EN);
  const rows = page.getByTestId('run-history').locator('tbody tr');
  await expect(rows).toHaveCount(finishedBefore + 2);
  await expect(rows.nth(0).locator('td').nth(1)).toHaveText(en['scenario.ending.bad']);
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText(String(bad.length));
  await expect(rows.nth(1).locator('td').nth(1)).toHaveText(en['scenario.ending.good']);
  await expect(rows.nth(1).locator('td').nth(2)).toHaveText(String(good.length));
  // A finished run is not resumed: the page starts a new one.
  await waitForIslands(page);
  await expect(transcriptTurns(page)).toHaveCount(0);
  await expect(page.getByText(en['scenario.resumed'])).toHaveCount(0);
});

test('leave mid-run and pick up where you left off; step back one choice', async ({ page }) => {
  const route = routeTo('good', 3);
  const [first, second, third] = route;
  if (!first || !second || !third) throw new Error('route too short');
  await signIn(page, PEOPLE.repScenario.email);
  await page.goto(`${URL_EN}?new=1`);
  await waitForIslands(page);
  await page.locator(`button[data-choice="${first.choice}"]`).click();
  await expect(turnHeading(page)).toHaveText(en['scenario.turn'].replace('{n}', '2'));
  await page.locator(`button[data-choice="${second.choice}"]`).click();
  await expect(turnHeading(page)).toHaveText(en['scenario.turn'].replace('{n}', '3'));
  // Saved on the server before we walk away.
  await expect.poll(async () => (await runs(page)).find((r) => !r.finishedAt)?.choices.length).toBe(2);
  await expectNoAxeViolations(page);

  await page.goto('/en/');
  await page.goto(URL_EN);
  await waitForIslands(page);
  await expect(page.getByText(en['scenario.resumed'])).toBeVisible();
  await expect(transcriptTurns(page)).toHaveCount(2);
  await expect(transcriptTurns(page).nth(0)).toContainText(`${en['scenario.yourReply']} ${squash(choiceText(first.node, first.choice))}`);
  await expect(transcriptTurns(page).nth(1)).toContainText(`${en['scenario.yourReply']} ${squash(choiceText(second.node, second.choice))}`);
  await expect(turnHeading(page)).toHaveText(en['scenario.turn'].replace('{n}', '3'));
  await expect(page.locator(`button[data-choice="${third.choice}"]`)).toBeVisible();

  // Step back: the second choice is undone, and that is saved too.
  await page.getByRole('button', { name: en['scenario.stepBack'] }).click();
  await expect(turnHeading(page)).toBeFocused();
  await expect(turnHeading(page)).toHaveText(en['scenario.turn'].replace('{n}', '2'));
  await expect(transcriptTurns(page)).toHaveCount(1);
  await expect(page.locator(`button[data-choice="${second.choice}"]`)).toBeVisible();
  await expect.poll(async () => (await runs(page)).find((r) => !r.finishedAt)?.choices.length).toBe(1);
  await page.reload();
  await waitForIslands(page);
  await expect(transcriptTurns(page)).toHaveCount(1);

  // And on to the end from there.
  for (const step of route.slice(1)) await page.locator(`button[data-choice="${step.choice}"]`).click();
  await expect(page.getByTestId('ending')).toHaveAttribute('data-ending', 'good');
  await expect.poll(async () => (await runs(page)).filter((r) => !r.finishedAt).length).toBe(0);
});

test('the role-play page ships under 90 KB of JavaScript (gzip)', async ({ page }) => {
  await signIn(page, PEOPLE.repScenario.email);
  const { files, total } = await measureScripts(page, URL_EN, 'role-play page');
  expect(files).toBeGreaterThan(0);
  expect(total).toBeLessThan(90 * 1024);
});
