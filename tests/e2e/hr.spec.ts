import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { contentIndex, PEOPLE } from '../support/fixtures.ts';
import { expectNoAxeViolations, signIn } from './helpers.ts';

// HR's records area, as HR (Helen): the dashboard, the people table, adding, moving, resetting and
// deactivating people, assignments, roster import, the audit log and the two exports.
// The tests run in order in one worker on a fresh data folder; each creates the people it changes.

const RUN = 'hr1';
const NEW_PASSWORD = 'Fresh-start-42';
/** Teams this file creates; the last test expects them on the dashboard. */
const NORTH = `North ${RUN}`;
const HARBOUR = `Harbour ${RUN}`;
const MODULES = (
  parseYaml(readFileSync(join(process.cwd(), 'content', 'course.yaml'), 'utf8')) as { modules: { id: string }[] }
).modules.map((m) => m.id);
const CONTENT = contentIndex();
const CSV_HEADER = [
  'name',
  'email',
  'team',
  'manager',
  'assigned',
  'due',
  'status',
  'module',
  'lessons_read',
  'lessons_total',
  'quiz_best_score',
  'quiz_passed_at',
  'roleplays_done',
  'roleplays_total',
  'module_completed_at',
  'course_completed_at',
];

interface Row {
  email: string;
  name: string;
  team: string;
  role: string;
  status: string;
  progress: number;
  due: string;
  inactive: boolean;
}

/** The parts of an xAPI statement the export test reads; anything may be missing or wrong. */
interface XapiActivity {
  objectType?: string;
  id: string;
  definition?: { type?: string; name?: Record<string, string> };
}
interface XapiStatement {
  id: string;
  version: string;
  actor: { objectType?: string; name?: string; account: { homePage: string; name: string } } & Record<string, unknown>;
  verb: { id: string; display: Record<string, string> };
  object: XapiActivity;
  result?: {
    score?: { scaled?: number; raw?: number; min?: number; max?: number };
    success?: unknown;
    completion?: unknown;
    extensions?: Record<string, unknown>;
  } & Record<string, unknown>;
  context?: { contextActivities?: { parent?: XapiActivity[] }; language?: string };
  timestamp: string;
}

/** The rows of the people table as plain data. */
async function peopleRows(page: Page): Promise<Row[]> {
  return page
    .getByTestId('people-table')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
        return {
          email: tr.getAttribute('data-person') ?? '',
          name: tr.querySelector('th a')?.textContent?.trim() ?? '',
          team: cells[0] ?? '',
          role: cells[1] ?? '',
          status: cells[2] ?? '',
          progress: Number.parseInt(cells[3] ?? '', 10),
          due: cells[4] ?? '',
          inactive: !!tr.querySelector('th .badge'),
        };
      }),
    );
}

/** How many people the people table lists (read without leaving the current page). */
async function peopleCount(page: Page): Promise<number> {
  const html = await (await page.request.get('/en/hr/people')).text();
  const match = /data-testid="people-count">(\d+) people</.exec(html);
  expect(match, 'people count on /en/hr/people').not.toBeNull();
  return Number(match?.[1]);
}

/** HR's person record, found through the people table's search. */
async function openRecord(page: Page, email: string, lang: 'en' | 'zh' = 'en') {
  await page.goto(`/${lang}/hr/people?q=${encodeURIComponent(email)}`);
  await page.locator(`tr[data-person="${email}"] th a`).click();
  await expect(page).toHaveURL(new RegExp(`/${lang}/hr/people/[A-Za-z0-9_-]+$`));
}

/** Adds a person through HR's form and returns the temporary password shown once. */
async function addPerson(page: Page, p: { name: string; email: string; team: string; role?: 'Sales rep' | 'Manager' | 'HR' }) {
  await page.goto('/en/hr/people/new');
  await page.getByLabel('Name', { exact: true }).fill(p.name);
  await page.getByLabel('Email', { exact: true }).fill(p.email);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: p.role ?? 'Sales rep' });
  await page.getByLabel('Team', { exact: true }).selectOption({ label: p.team });
  await page.getByRole('button', { name: 'Add a person' }).click();
  const created = page.getByTestId('created');
  await expect(created).toContainText(`Account created for ${p.name} (${p.email})`);
  const password = ((await created.getByTestId('temp-password').textContent()) ?? '').trim();
  expect(password.length).toBeGreaterThanOrEqual(10);
  return password;
}

async function addTeam(page: Page, name: string) {
  await page.goto('/en/hr/people/new');
  await page.getByLabel('Team name').fill(name);
  await page.getByRole('button', { name: 'Add a team' }).click();
  await expect(page.getByRole('status')).toHaveText(`Team “${name}” added.`);
}

/** Signs in in a fresh browser context (another person on another computer). */
async function asSomeoneElse(browser: Browser, email: string, password: string, lang: 'en' | 'zh' = 'en') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, lang, password);
  return { context, page };
}

/** The audit log rows as [who, what, whom, detail]. */
async function auditRows(page: Page) {
  await page.goto('/en/hr/audit');
  return page
    .getByTestId('audit-log')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent?.trim() ?? '')));
}

/** A chart's data table (the table beside the SVG) as label -> shown value. */
async function chartTable(page: Page, caption: string) {
  const table = page.locator('.chart-pair table', { has: page.locator('caption', { hasText: caption }) });
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent?.trim() ?? '', tr.querySelector('td')?.textContent?.trim() ?? ''] as const),
    );
  return new Map(rows);
}

test.beforeEach(async ({ page }) => {
  await signIn(page, PEOPLE.hr.email);
  await expect(page).toHaveURL(/\/en\/$/);
});

test('the dashboard counts learners by status and team, as charts with tables', async ({ page }) => {
  // What the people table says, to check the dashboard against.
  await page.goto('/en/hr/people');
  const learners = (await peopleRows(page)).filter((r) => r.role !== 'HR' && !r.inactive);
  const east = learners.filter((r) => r.team === 'East');

  await page.goto('/en/hr/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  const stats = page.getByTestId('stats');
  await expect(stats).toContainText(`Learners${learners.length}`);
  const byStatus: Record<string, number> = {};
  for (const s of ['not-started', 'in-progress', 'completed', 'overdue'])
    byStatus[s] = Number(await stats.locator(`[data-status="${s}"]`).textContent());
  expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(learners.length);
  expect(byStatus.completed).toBeGreaterThanOrEqual(1); // 钱完成 finished the course
  await expect(page.getByTestId('completion-rate')).toHaveText(`${Math.round(((byStatus.completed ?? 0) / learners.length) * 100)}%`);

  // Each chart is an SVG image with a title, paired with a table of the same figures.
  const statusTable = await chartTable(page, 'By status');
  expect(Object.fromEntries(statusTable)).toEqual({
    'Not started': String(byStatus['not-started']),
    'In progress': String(byStatus['in-progress']),
    Completed: String(byStatus.completed),
    Overdue: String(byStatus.overdue),
  });
  const statusSvg = page.getByRole('img', { name: 'By status' });
  await expect(statusSvg).toBeVisible();
  await expect(statusSvg.locator('rect.bar')).toHaveCount(4);

  const teamTable = await chartTable(page, 'Completion by team');
  const eastCompleted = east.filter((r) => r.status === 'Completed').length;
  expect(teamTable.get('East')).toBe(`${Math.round((eastCompleted / east.length) * 100)}% (${eastCompleted}/${east.length})`);
  expect(teamTable.has('West')).toBe(true);
  const teamSvg = page.getByRole('img', { name: 'Completion by team' });
  await expect(teamSvg.locator('text')).toContainText([teamTable.get('East') as string]);

  const moduleTable = page.locator('table', { has: page.locator('caption', { hasText: 'Progress by module' }) });
  await expect(moduleTable.locator('tbody tr')).toHaveCount(MODULES.length);
  await expect(page.getByRole('img', { name: 'People who completed each module' }).locator('rect.bar')).toHaveCount(MODULES.length);
  await expectNoAxeViolations(page);
});

test('the dashboard in Chinese', async ({ page }) => {
  await page.goto('/zh/hr/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('总览');
  await expect(page.getByRole('img', { name: '按状态' })).toBeVisible();
  await expect(page.getByRole('img', { name: '各团队完成率' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the people table filters by team, status and text, and sorts', async ({ page }) => {
  await page.goto('/en/hr/people');
  const filters = page.getByRole('search', { name: 'Filter people' });
  await filters.getByLabel('Team', { exact: true }).selectOption({ label: 'West' });
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/team=team-west/);
  let rows = await peopleRows(page);
  expect(rows.map((r) => r.team)).toEqual(rows.map(() => 'West'));
  expect(rows.map((r) => r.email)).toEqual(expect.arrayContaining([PEOPLE.repWest.email, PEOPLE.repGuard.email, PEOPLE.managerWest.email]));
  await expect(page.getByTestId('people-count')).toHaveText(`${rows.length} people`);

  await page.getByRole('link', { name: 'Clear filters' }).click();
  await filters.getByLabel('Status', { exact: true }).selectOption({ label: 'Completed' });
  await filters.getByRole('button', { name: 'Filter' }).click();
  rows = await peopleRows(page);
  expect(rows.map((r) => r.email)).toContain(PEOPLE.repCert.email);
  expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'Completed'));

  await page.getByRole('link', { name: 'Clear filters' }).click();
  await filters.getByLabel('Name, email or team').fill('QUINN');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('people-count')).toHaveText('1 people');
  expect((await peopleRows(page)).map((r) => r.name)).toEqual([PEOPLE.repQuiz.name]);

  // Sorting: by name by default, then by progress (twice for descending).
  await page.getByRole('link', { name: 'Clear filters' }).click();
  const table = page.getByTestId('people-table');
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  const names = (await peopleRows(page)).map((r) => r.name);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  await table.getByRole('link', { name: 'Course progress' }).click();
  await expect(table.getByRole('columnheader', { name: 'Course progress' })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('link', { name: 'Course progress' }).click();
  await expect(table.getByRole('columnheader', { name: 'Course progress' })).toHaveAttribute('aria-sort', 'descending');
  const progress = (await peopleRows(page)).map((r) => r.progress);
  expect(progress).toEqual([...progress].sort((a, b) => b - a));
  expect((await peopleRows(page))[0]?.progress).toBe(100);
  await expectNoAxeViolations(page);
});

test('a person’s record lists the lessons read, quiz attempts and role-plays', async ({ page }) => {
  // The record of the person who finished: every lesson, every quiz passed, every role-play.
  await page.goto('/en/hr/people?sort=progress&dir=desc');
  await page.locator(`tr[data-person="${PEOPLE.repCert.email}"] th a`).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PEOPLE.repCert.name);
  await expect(page.getByTestId('person-status')).toHaveText('Completed');
  await expect(page.locator('h2:has-text("Lessons read") + ul > li')).toHaveCount(CONTENT.lessons.length);
  const attempts = page.getByTestId('quiz-attempts').locator('tbody tr');
  await expect(attempts).toHaveCount(CONTENT.quizzes.length);
  await expect(attempts.locator('td:nth-child(4)')).toHaveText(CONTENT.quizzes.map(() => 'Passed'));
  await expect(attempts.locator('td:nth-child(3)')).toHaveText(CONTENT.quizzes.map(() => '100%'));
  await expect(page.locator('h2:has-text("Role-plays completed") + ul > li')).toHaveCount(CONTENT.scenarios.length);
  await expectNoAxeViolations(page);
});

test('HR adds a person to a new team and assigns the course; the person replaces the temporary password and sees the due date', async ({
  page,
  browser,
}) => {
  test.slow(); // several people signed in at once, on a 2-core machine
  const email = `nora.${RUN}@fairplay.test`;
  await addTeam(page, NORTH);
  await expectNoAxeViolations(page);
  const temporary = await addPerson(page, { name: 'Nora North', email, team: NORTH });

  // Assign the course to the new team, due in 30 days.
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const dueShown = (locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(`${due}T12:00:00+08:00`));
  await page.goto('/en/hr/assignments');
  await page.getByLabel('Assigned to').selectOption({ label: NORTH });
  await page.getByLabel('Due').fill(due);
  await page.getByRole('button', { name: 'Assign the course' }).click();
  await expect(page.getByRole('status')).toHaveText('Course assigned.');
  await page.goto('/en/hr/assignments');
  const assignment = page.getByTestId('assignments').locator('tbody tr', { hasText: `Team: ${NORTH}` });
  await expect(assignment).toContainText(dueShown('en-GB'));
  await expect(assignment).toContainText('Once');

  // The new person signs in with the temporary password and must choose their own first.
  const nora = await asSomeoneElse(browser, email, temporary);
  await expect(nora.page).toHaveURL(/\/en\/account\/password$/);
  await expect(nora.page.getByText('HR set your password. Please choose a new one that only you know.')).toBeVisible();
  await nora.page.goto('/en/');
  await expect(nora.page).toHaveURL(/\/en\/account\/password$/);
  await nora.page.getByLabel('Current password').fill(temporary);
  await nora.page.getByLabel('New password').fill(NEW_PASSWORD);
  await nora.page.getByLabel('Password again').fill(NEW_PASSWORD);
  await nora.page.getByRole('button', { name: 'Save new password' }).click();
  await expect(nora.page.getByRole('status')).toHaveText('Your password has been changed.');
  await nora.page.goto('/en/');
  await expect(nora.page.getByRole('heading', { level: 1 })).toHaveText('Hello, Nora North');
  await expect(nora.page.getByTestId('due-date')).toHaveText(`Due ${dueShown('en-GB')}`);
  await nora.page.goto('/zh/');
  await expect(nora.page.getByTestId('due-date')).toHaveText(`截止日期：${dueShown('zh-CN')}`);
  await nora.context.close();

  // The temporary password no longer works; the new one does.
  const again = await browser.newContext();
  const retry = await again.newPage();
  await signIn(retry, email, 'en', temporary);
  await expect(retry.getByRole('alert')).toContainText('That email and password do not match.');
  await signIn(retry, email, 'en', NEW_PASSWORD);
  await expect(retry).toHaveURL(/\/en\/$/);
  await again.close();

  // HR's table shows the due date; the audit log says who did what.
  await page.goto(`/en/hr/people?q=${encodeURIComponent(email)}`);
  const [row] = await peopleRows(page);
  expect(row).toMatchObject({ name: 'Nora North', team: NORTH, role: 'Sales rep', status: 'Not started', due: dueShown('en-GB') });
  const audit = await auditRows(page);
  expect(audit).toContainEqual(['Helen HR', 'Team added', NORTH, '']);
  expect(audit).toContainEqual(['Helen HR', 'Person added', email, expect.stringContaining('rep')]);
  expect(audit).toContainEqual(['Helen HR', 'Course assigned', expect.stringMatching(/^team:/), `due ${due}`]);
  await page.goto('/zh/hr/assignments');
  await expectNoAxeViolations(page);
});

test('HR moves a person to another team, resets their password, then deactivates them', async ({ page, browser }) => {
  test.slow(); // several people signed in at once, on a 2-core machine
  const email = `tom.${RUN}@fairplay.test`;
  await addPerson(page, { name: 'Tom Transfer', email, team: 'West' });

  // Move from West to East.
  await openRecord(page, email);
  const edit = page.locator('section.panel form', { has: page.getByRole('button', { name: 'Save' }) });
  await edit.getByLabel('Team', { exact: true }).selectOption({ label: 'East' });
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await page.goto(page.url());
  await expect(page.locator('dl.stat-row')).toContainText('TeamEast');
  await page.goto('/en/hr/people?team=team-east');
  expect((await peopleRows(page)).map((r) => r.email)).toContain(email);

  // Reset the password: the new temporary one signs in (straight to the change-password page).
  await openRecord(page, email);
  await page.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByRole('status')).toContainText('Password reset for Tom Transfer. Temporary password:');
  const temporary = ((await page.getByTestId('temp-password').textContent()) ?? '').trim();
  const tom = await asSomeoneElse(browser, email, temporary);
  await expect(tom.page).toHaveURL(/\/en\/account\/password$/);

  // Deactivate: Tom is signed out everywhere and cannot sign in again; his record stays.
  await openRecord(page, email);
  await page.getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByRole('status')).toHaveText('Account deactivated; their records are kept.');
  await expect(page.getByRole('button', { name: 'Reactivate' })).toBeVisible();
  await tom.page.goto('/en/account/password');
  await expect(tom.page).toHaveURL(/\/en\/login\?next=/);
  await signIn(tom.page, email, 'en', temporary);
  await expect(tom.page.getByRole('alert')).toContainText('That email and password do not match.');
  await expect(tom.page).toHaveURL(/\/en\/login/);
  await tom.context.close();

  await page.goto(`/en/hr/people?q=${encodeURIComponent(email)}`);
  const [row] = await peopleRows(page);
  expect(row).toMatchObject({ email, team: 'East', inactive: true });
  await expect(page.locator(`tr[data-person="${email}"] .badge`).first()).toHaveText('Deactivated');

  const audit = await auditRows(page);
  expect(audit).toContainEqual(['Helen HR', 'Team changed', email, 'team-west → team-east']);
  expect(audit).toContainEqual(['Helen HR', 'Password reset', email, '']);
  expect(audit).toContainEqual(['Helen HR', 'Deactivated', email, '']);
});

test('roster import: a file with bad rows shows each problem and writes nothing; a clean file imports on confirm', async ({ page }) => {
  const before = await peopleCount(page);
  const bad = [
    'name,email,team,role',
    `Olive Okay,olive.${RUN}@import.test,${HARBOUR},rep`,
    `,nameless.${RUN}@import.test,${HARBOUR},rep`,
    `Bea Bademail,not-an-email,${HARBOUR},rep`,
    `Dot Dupe,dup.${RUN}@import.test,${HARBOUR},rep`,
    `Dan Dupe,dup.${RUN}@import.test,${HARBOUR},manager`,
    `Ron Role,ron.${RUN}@import.test,${HARBOUR},wizard`,
    `Eve Again,${PEOPLE.repEast.email},East,rep`,
  ].join('\n');
  await page.goto('/en/hr/import');
  await page.getByLabel('CSV file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByTestId('import-error')).toHaveText(
    '5 of 7 rows have problems. Fix the file and upload it again; nothing has been written.',
  );
  const preview = page.getByTestId('import-preview');
  const problems = async (line: number) => (await preview.locator(`tr[data-line="${line}"] td`).last().textContent())?.trim();
  expect(await problems(2)).toBe('✓');
  expect(await problems(3)).toBe('name missing');
  expect(await problems(4)).toBe('not a valid email');
  expect(await problems(5)).toBe('✓');
  expect(await problems(6)).toBe('duplicate in this file');
  expect(await problems(7)).toBe('unknown role');
  expect(await problems(8)).toBe('already has an account');
  await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Nothing was written: same number of people, the good row is not there, no new team.
  expect(await peopleCount(page)).toBe(before);
  await page.goto(`/en/hr/people?q=${encodeURIComponent(`olive.${RUN}`)}`);
  await expect(page.getByTestId('people-count')).toHaveText('0 people');
  await expect(page.getByRole('search').getByLabel('Team', { exact: true }).locator('option', { hasText: HARBOUR })).toHaveCount(0);

  // A clean file (with a byte-order mark and a Chinese name): preview, then import on confirm.
  const clean = `\uFEFFname,email,team,role\r\n孙导入,sun.${RUN}@import.test,${HARBOUR},rep\r\nIvy Import,ivy.${RUN}@import.test,${HARBOUR},manager\r\n`;
  await page.goto('/en/hr/import');
  await page.getByLabel('CSV file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(clean) });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByText('All 2 rows are valid. Nothing is imported until you confirm.')).toBeVisible();
  expect(await peopleCount(page)).toBe(before); // previewing writes nothing
  await page.getByRole('button', { name: 'Import 2 people' }).click();
  const done = page.getByTestId('import-done');
  await expect(done).toContainText('2 people imported.');
  await expect(done.locator('tbody tr')).toHaveCount(2);
  for (const cell of await done.locator('tbody td code').allTextContents()) expect(cell.length).toBeGreaterThanOrEqual(10);

  expect(await peopleCount(page)).toBe(before + 2);
  await page.goto(`/en/hr/people?q=${encodeURIComponent(HARBOUR)}`);
  const rows = await peopleRows(page);
  expect(rows.map((r) => [r.name, r.email, r.team, r.role]).sort()).toEqual(
    [
      ['Ivy Import', `ivy.${RUN}@import.test`, HARBOUR, 'Manager'],
      ['孙导入', `sun.${RUN}@import.test`, HARBOUR, 'Sales rep'],
    ].sort(),
  );
  const audit = await auditRows(page);
  expect(audit).toContainEqual(['Helen HR', 'Person imported', `sun.${RUN}@import.test`, 'rep']);
  expect(audit).toContainEqual(['Helen HR', 'Person imported', `ivy.${RUN}@import.test`, 'manager']);
  expect(audit).toContainEqual(['Helen HR', 'Team added', HARBOUR, '']);
  expect(audit.filter((r) => r[2]?.startsWith(`olive.${RUN}`))).toEqual([]);
  await page.goto('/zh/hr/audit');
  await expect(page.getByTestId('audit-log')).toContainText('导入人员');
  await expectNoAxeViolations(page);
});

test('the completion CSV: BOM, header, one row per person and module, formulas neutralised', async ({ page }) => {
  const formulaEmail = `formula.${RUN}@fairplay.test`;
  await addPerson(page, { name: '=SUM(1+1)', email: formulaEmail, team: 'West' });
  const total = await peopleCount(page);

  await page.goto('/en/hr/');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export completion records (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^fairplay-completions-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path()) as string);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

  const records = parse(bytes, { bom: true }) as string[][];
  const [header, ...rows] = records;
  expect(header).toEqual(CSV_HEADER);
  const col = (name: string) => CSV_HEADER.indexOf(name);
  const byEmail = new Map<string, string[][]>();
  for (const r of rows) byEmail.set(r[col('email')] as string, [...(byEmail.get(r[col('email')] as string) ?? []), r]);
  expect(byEmail.size).toBe(total);
  for (const [email, list] of byEmail)
    expect(
      list.map((r) => r[col('module')]),
      email,
    ).toEqual(MODULES);
  expect(rows.length).toBe(total * MODULES.length);

  // A name that looks like a formula is written as text.
  const formulaRows = byEmail.get(formulaEmail) ?? [];
  expect(formulaRows.map((r) => r[col('name')])).toEqual(MODULES.map(() => "'=SUM(1+1)"));
  expect(formulaRows[0]?.[col('team')]).toBe('West');
  // The person who finished: every module complete, with dates.
  const done = byEmail.get(PEOPLE.repCert.email) ?? [];
  expect(done.map((r) => r[col('name')])).toEqual(MODULES.map(() => PEOPLE.repCert.name));
  for (const r of done) {
    expect(r[col('status')]).toBe('completed');
    expect(r[col('lessons_read')]).toBe(r[col('lessons_total')]);
    expect(r[col('module_completed_at')]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(r[col('course_completed_at')]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  }
  expect(byEmail.get(PEOPLE.repEast.email)?.[0]?.[col('manager')]).toBe(PEOPLE.managerEast.name);
});

test('the xAPI export: every statement follows the xAPI 1.0.3 rules, with stable ids', async ({ page, baseURL }) => {
  const origin = (baseURL as string).replace(/\/$/, '');
  const response = await page.request.get('/api/hr/xapi.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  const statements = (await response.json()) as XapiStatement[];
  expect(statements.length).toBeGreaterThan(0);

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
  const isAbsoluteIri = (s: unknown) => typeof s === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(s);
  const expectLanguageMap = (map: unknown, where: string) => {
    expect(map, where).toBeInstanceOf(Object);
    const entries = Object.entries(map as Record<string, unknown>);
    expect(entries.length, where).toBeGreaterThan(0);
    for (const [tag, text] of entries) {
      expect(tag, where).toMatch(LANG);
      expect(typeof text === 'string' && text.length > 0, `${where} ${tag}`).toBe(true);
    }
  };
  const expectActivity = (a: XapiActivity, where: string) => {
    if ('objectType' in a) expect(a.objectType, where).toBe('Activity');
    expect(isAbsoluteIri(a.id), `${where} id ${a.id}`).toBe(true);
    expect(a.id.startsWith(`${origin}/`), `${where} id under the portal: ${a.id}`).toBe(true);
    expect(isAbsoluteIri(a.definition?.type), `${where} type`).toBe(true);
    expectLanguageMap(a.definition?.name, `${where} name`);
  };
  const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];
  const ids = new Set<string>();
  for (const s of statements) {
    const where = `statement ${s.id}`;
    expect(
      Object.keys(s).every((k) =>
        ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments'].includes(k),
      ),
      `${where} keys ${Object.keys(s)}`,
    ).toBe(true);
    expect(s.id, where).toMatch(UUID);
    expect(ids.has(s.id), `${where} is unique`).toBe(false);
    ids.add(s.id);
    expect(s.version, where).toBe('1.0.3');
    // Actor: an Agent with exactly one identifier, an account with homePage and name.
    expect(s.actor.objectType ?? 'Agent', where).toBe('Agent');
    expect(
      IFIS.filter((k) => k in s.actor),
      where,
    ).toEqual(['account']);
    expect(isAbsoluteIri(s.actor.account.homePage), `${where} homePage`).toBe(true);
    expect(typeof s.actor.account.name === 'string' && s.actor.account.name.length > 0, `${where} account name`).toBe(true);
    // Verb: an ADL verb IRI, with a language map.
    expect(s.verb.id, where).toMatch(/^http:\/\/adlnet\.gov\/expapi\/verbs\/[a-z-]+$/);
    expectLanguageMap(s.verb.display, `${where} verb display`);
    // Object: an activity under the portal's URL.
    expectActivity(s.object, `${where} object`);
    // Result: scores in range.
    if (s.result) {
      const score = s.result.score;
      if (score) {
        if (score.scaled !== undefined) {
          expect(score.scaled, where).toBeGreaterThanOrEqual(-1);
          expect(score.scaled, where).toBeLessThanOrEqual(1);
        }
        if (score.min !== undefined && score.max !== undefined) expect(score.min, where).toBeLessThan(score.max);
        if (score.raw !== undefined) {
          if (score.min !== undefined) expect(score.raw, where).toBeGreaterThanOrEqual(score.min);
          if (score.max !== undefined) expect(score.raw, where).toBeLessThanOrEqual(score.max);
        }
      }
      for (const key of ['success', 'completion'] as const)
        if (key in s.result) expect(typeof s.result[key], `${where} ${key}`).toBe('boolean');
      for (const key of Object.keys(s.result.extensions ?? {})) expect(isAbsoluteIri(key), `${where} extension ${key}`).toBe(true);
    }
    if (s.context) {
      for (const parent of s.context.contextActivities?.parent ?? []) expectActivity(parent, `${where} parent`);
      if (s.context.language) expect(s.context.language, where).toMatch(LANG);
    }
    expect(s.timestamp, where).toMatch(ISO);
    expect(Number.isNaN(Date.parse(s.timestamp)), where).toBe(false);
  }

  // The person who finished has a "completed" statement for the whole course.
  const courseIri = `${origin}/xapi/activities/courses/customer-conflicts`;
  expect(
    statements.some((s) => s.actor.name === PEOPLE.repCert.name && s.verb.id.endsWith('/completed') && s.object.id === courseIri),
  ).toBe(true);
  expect(
    statements.some((s) => s.actor.name === PEOPLE.repCert.name && s.verb.id.endsWith('/passed') && s.result?.score?.scaled === 1),
  ).toBe(true);

  // A second export repeats the same ids (an LRS can deduplicate).
  const second = (await (await page.request.get('/api/hr/xapi.json')).json()) as { id: string }[];
  const secondIds = new Set(second.map((s) => s.id));
  for (const id of ids) expect(secondIds.has(id), id).toBe(true);
});

test('role-play maps: the list and a map, in both languages', async ({ page }) => {
  await page.goto('/en/hr/scenarios/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Role-play maps');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'A colleague is working your registered lead' }).click();
  await expect(page).toHaveURL(/\/en\/hr\/scenarios\/registered-lead$/);
  await expect(page.getByRole('img', { name: 'Structure of “A colleague is working your registered lead”' })).toBeVisible();
  await page.goto('/zh/hr/scenarios/registered-lead');
  await expect(page.getByRole('region', { name: '情景结构图，可滚动' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('after the changes, the dashboard shows the new teams, and its charts stay accessible in Chinese', async ({ page }) => {
  await page.goto('/en/hr/');
  const teams = await chartTable(page, 'Completion by team');
  expect([...teams.keys()]).toEqual(expect.arrayContaining(['East', 'West', NORTH, HARBOUR]));
  expect(teams.get(HARBOUR)).toBe('0% (0/2)');

  // In Chinese, with as many teams as statuses (four), each chart must still be named by its own
  // title: the title ids are built from the title's ASCII letters and the row count only.
  await page.goto('/zh/hr/');
  await expect(
    page.locator('.chart-pair table', { has: page.locator('caption', { hasText: '各团队完成率' }) }).locator('tbody tr'),
  ).toHaveCount(4);
  for (const name of ['按状态', '各团队完成率', '各模块完成人数'])
    await expect.soft(page.getByRole('img', { name, exact: true })).toHaveCount(1);
  const ids = await page.locator('svg.chart title').evaluateAll((titles) => titles.map((t) => t.id));
  expect.soft(new Set(ids).size, `chart title ids: ${ids.join(', ')}`).toBe(ids.length);
  await expectNoAxeViolations(page);
});
