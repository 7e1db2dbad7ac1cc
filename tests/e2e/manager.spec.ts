import { type Browser, expect, type Page, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { PEOPLE } from '../support/fixtures.ts';
import { expectNoAxeViolations, signIn } from './helpers.ts';

// Managers see the records of the teams they manage, and nothing else: not in the people table,
// the dashboard, a record's URL, or either export; and no HR-only page.

const fixtures = Object.values(PEOPLE);
const TEAM = {
  east: { name: 'East', id: 'team-east', manager: PEOPLE.managerEast, other: 'west' },
  west: { name: 'West', id: 'team-west', manager: PEOPLE.managerWest, other: 'east' },
} as const;
const membersOf = (team: 'east' | 'west') => fixtures.filter((p) => p.team === team);

async function signedIn(browser: Browser, email: string, lang: 'en' | 'zh' = 'en') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, lang);
  await expect(page).toHaveURL(new RegExp(`/${lang}/$`));
  return { context, page };
}

async function tableEmails(page: Page) {
  return page
    .getByTestId('people-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-person') ?? ''));
}

/** The record URL of each person of a team, as that team's manager sees them. */
async function recordUrls(page: Page) {
  await page.goto('/en/hr/people');
  return page
    .getByTestId('people-table')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-person') ?? '', tr.querySelector('th a')?.getAttribute('href') ?? ''])),
    );
}

for (const key of ['east', 'west'] as const) {
  const team = TEAM[key];
  const mine = membersOf(key);
  const others = membersOf(team.other);

  test(`${team.manager.name} sees only the ${team.name} team: people, dashboard and exports`, async ({ browser }) => {
    test.slow(); // two pages under axe and both exports
    const { context, page } = await signedIn(browser, team.manager.email, key === 'east' ? 'en' : 'zh');
    const lang = key === 'east' ? 'en' : 'zh';

    // The people table: every fixture person of the team, and only people of the team.
    await page.goto(`/${lang}/hr/people`);
    const emails = await tableEmails(page);
    expect(emails).toEqual(expect.arrayContaining(mine.map((p) => p.email)));
    for (const p of others) expect(emails).not.toContain(p.email);
    const teams = await page.getByTestId('people-table').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(teams).toEqual(teams.map(() => team.name));
    // The team filter offers only the managed team; asking for the other team by URL changes nothing.
    const filters = page.getByRole('search');
    await expect(filters.locator('select#team option')).toHaveText([lang === 'en' ? 'All' : '全部', team.name]);
    await page.goto(`/${lang}/hr/people?team=${TEAM[team.other].id}`);
    for (const p of others) expect(await tableEmails(page)).not.toContain(p.email);
    // Searching for someone of the other team finds nobody.
    await page.goto(`/${lang}/hr/people?q=${encodeURIComponent(others[0]?.name ?? '')}`);
    expect(await tableEmails(page)).toEqual([]);
    await page.goto(`/${lang}/hr/people?q=${encodeURIComponent(TEAM[team.other].name)}`);
    expect(await tableEmails(page)).toEqual([]);
    await page.goto(`/${lang}/hr/people`);
    for (const p of others) await expect(page.locator('main')).not.toContainText(p.name);
    if (key === 'east') await expectNoAxeViolations(page);

    // The dashboard: the scope notice, one team, and nobody from the other team.
    await page.goto(`/${lang}/hr/`);
    await expect(page.getByText(lang === 'en' ? 'You are seeing the teams you manage.' : '你看到的是你所管理团队的记录。')).toBeVisible();
    const teamTable = page.locator('.chart-pair table', {
      has: page.locator('caption', { hasText: lang === 'en' ? 'Completion by team' : '各团队完成率' }),
    });
    await expect(teamTable.locator('tbody th')).toHaveText([team.name]);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain(TEAM[team.other].name);
    for (const p of others) expect(main).not.toContain(p.email);
    // (Axe on the manager's view of each page once: the people table in English, the dashboard in Chinese.)
    if (key === 'west') await expectNoAxeViolations(page);

    // The CSV: only the team's people, and all of the team's fixture people.
    const csvResponse = await page.request.get('/api/hr/completions.csv');
    expect(csvResponse.status()).toBe(200);
    const csv = await csvResponse.text();
    for (const p of others) expect(csv).not.toContain(p.email);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r.team))).toEqual(new Set([team.name]));
    expect([...new Set(rows.map((r) => r.email))]).toEqual(expect.arrayContaining(mine.map((p) => p.email)));

    // The xAPI export: statements only about the team's people.
    const xapiResponse = await page.request.get('/api/hr/xapi.json');
    expect(xapiResponse.status()).toBe(200);
    const raw = await xapiResponse.text();
    for (const p of others) {
      expect(raw).not.toContain(p.email);
      expect(raw).not.toContain(p.name);
    }
    const statements = JSON.parse(raw) as { actor: { name: string } }[];
    // (The CSV writes a formula-like name with a leading apostrophe.)
    const visibleNames = new Set(rows.map((r) => r.name?.replace(/^'(?=[=+\-@])/, '')));
    for (const s of statements) expect(visibleNames.has(s.actor.name), s.actor.name).toBe(true);
    if (key === 'east') expect(statements.some((s) => s.actor.name === PEOPLE.repEast.name)).toBe(true);
    else expect(statements.some((s) => s.actor.name === PEOPLE.repWest.name)).toBe(true);
    await context.close();
  });
}

test('a manager cannot open the record of someone in a team they do not manage', async ({ browser }) => {
  const east = await signedIn(browser, PEOPLE.managerEast.email);
  const west = await signedIn(browser, PEOPLE.managerWest.email);
  const eastUrls = await recordUrls(east.page);
  const westUrls = await recordUrls(west.page);
  const eveUrl = eastUrls[PEOPLE.repEast.email] as string;
  const wuUrl = westUrls[PEOPLE.repWest.email] as string;
  expect(eveUrl).toMatch(/^\/en\/hr\/people\/[A-Za-z0-9_-]+$/);
  expect(wuUrl).toMatch(/^\/en\/hr\/people\/[A-Za-z0-9_-]+$/);

  // Each manager opens their own people's records...
  await east.page.goto(eveUrl);
  await expect(east.page.getByRole('heading', { level: 1 })).toHaveText(PEOPLE.repEast.name);
  // ...read-only: no edit form or account actions for a manager.
  await expect(east.page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(east.page.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);
  await expectNoAxeViolations(east.page);
  // Posting the HR forms by hand is refused too, and changes nothing.
  const forms: Record<string, string>[] = [
    { intent: 'deactivate' },
    { intent: 'reset' },
    { intent: 'update', name: 'Renamed', email: PEOPLE.repEast.email, role: 'manager', team: 'team-east' },
  ];
  for (const form of forms) {
    const response = await east.page.request.post(eveUrl, { form, headers: { origin: new URL(east.page.url()).origin }, maxRedirects: 0 });
    expect(response.status(), form.intent).toBe(403);
  }
  await east.page.goto(eveUrl);
  await expect(east.page.getByRole('heading', { level: 1 })).toHaveText(PEOPLE.repEast.name);
  await expect(east.page.locator('dl.stat-row')).toContainText('RoleSales rep');
  await expect(east.page.locator('dl.stat-row')).not.toContainText('Deactivated');
  await west.page.goto(wuUrl);
  await expect(west.page.getByRole('heading', { level: 1 })).toHaveText(PEOPLE.repWest.name);

  // ...but not the other team's, in either language.
  for (const [who, url, name] of [
    [east, wuUrl, PEOPLE.repWest.name],
    [west, eveUrl, PEOPLE.repEast.name],
  ] as const) {
    for (const target of [url, url.replace('/en/', '/zh/')]) {
      const response = await who.page.goto(target);
      expect([403, 404], target).toContain(response?.status());
      await expect(who.page.locator('body')).not.toContainText(name);
    }
  }
  await east.context.close();
  await west.context.close();
});

test('a manager gets 403 on the HR-only pages, and the records menu does not offer them', async ({ browser }) => {
  const { context, page } = await signedIn(browser, PEOPLE.managerWest.email);
  await page.goto('/en/hr/');
  const nav = page.getByRole('navigation', { name: 'Records navigation' });
  await expect(nav.getByRole('link')).toHaveText(['Overview', 'People']);
  await expect(page.getByRole('link', { name: 'Add a person' })).toHaveCount(0);
  for (const lang of ['en', 'zh'] as const) {
    for (const path of [
      '/hr/assignments',
      '/hr/import',
      '/hr/audit',
      '/hr/scenarios/',
      '/hr/scenarios/registered-lead',
      '/hr/people/new',
    ]) {
      const response = await page.goto(`/${lang}${path}`);
      expect(response?.status(), `${lang}${path}`).toBe(403);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('403');
      await expect(page.locator('main')).toContainText(lang === 'en' ? 'You do not have access to this page.' : '你没有权限查看这个页面。');
    }
  }
  await expectNoAxeViolations(page);
  await context.close();
});
