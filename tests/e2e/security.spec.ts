import { type APIRequestContext, expect, request as playwrightRequest, test } from '@playwright/test';
import { PEOPLE } from '../support/fixtures.ts';
import { TEST_PASSWORD } from '../support/ports.ts';

// Who may reach what: every records page, export and HR action, tried anonymously and as a rep
// (Gus Guard, who is also the target of the attempted changes); the actions' input checks; the
// origin check on forms; and the personal data export.

const LANGS = ['zh', 'en'] as const;
const HR_ONLY = ['/hr/people/new', '/hr/import', '/hr/assignments', '/hr/audit', '/hr/scenarios/', '/hr/scenarios/registered-lead'];
const RECORDS = ['/hr/', '/hr/people'];
const APIS = ['/api/hr/completions.csv', '/api/hr/xapi.json'];

let baseURL = '';
/** Gus Guard's id and record path, read by HR before the tests. */
let guardId = '';

/** An API client signed in through the real login form (with a same-origin Origin header). */
async function client(email?: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  if (email) {
    const response = await context.post('/en/login', { form: { email, password: TEST_PASSWORD }, headers: { origin: baseURL } });
    expect(response.url(), `${email} signed in`).toMatch(/\/en\/$/);
  }
  return context;
}

/** The pages of the records area, with a real person's record among them. */
const pages = () => [...RECORDS, `/hr/people/${guardId}`, ...HR_ONLY];

interface Attempt {
  path: string;
  form?: Record<string, string>;
  multipart?: Record<string, string>;
}

/** Every change HR can make through a form, aimed at Gus Guard or at new names nobody else uses. */
const attempts = (): Attempt[] => [
  { path: '/hr/people/new', form: { intent: 'person', name: 'Mallory Sneak', email: 'mallory.sneak@evil.example', role: 'hr', team: '' } },
  { path: '/hr/people/new', form: { intent: 'team', teamName: 'Evil Team' } },
  {
    path: '/hr/import',
    multipart: { intent: 'confirm', csv: 'name,email,team,role\nMallory Import,mallory.import@evil.example,Evil Import,hr\n' },
  },
  { path: '/hr/assignments', form: { intent: 'add', target: `person:${guardId}`, due: '2020-01-01', recur: '' } },
  { path: `/hr/people/${guardId}`, form: { intent: 'update', name: 'Pwned Guard', email: PEOPLE.repGuard.email, role: 'hr', team: '' } },
  { path: `/hr/people/${guardId}`, form: { intent: 'reset' } },
  { path: `/hr/people/${guardId}`, form: { intent: 'deactivate' } },
  { path: '/hr/', form: { intent: 'person', name: 'Mallory Sneak', email: 'mallory.sneak@evil.example', role: 'hr', team: '' } },
];

async function post(api: APIRequestContext, path: string, a: Attempt) {
  return api.post(path, {
    ...(a.form ? { form: a.form } : { multipart: a.multipart as Record<string, string> }),
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
}

/** HR checks that none of the attempted changes happened. */
async function expectNothingChanged() {
  const hr = await client(PEOPLE.hr.email);
  for (const q of ['mallory', 'evil.example', 'Pwned']) {
    const html = await (await hr.get(`/en/hr/people?q=${q}`)).text();
    expect(html, `people matching ${q}`).toContain('data-testid="people-count">0 people<');
  }
  const people = await (await hr.get('/en/hr/people')).text();
  expect(people).not.toContain('Evil');
  const record = await (await hr.get(`/en/hr/people/${guardId}`)).text();
  expect(record).toContain(`<h1>${PEOPLE.repGuard.name}</h1>`);
  expect(record).toContain('<dt>Team</dt><dd>West</dd>');
  expect(record).toContain('<dt>Role</dt><dd>Sales rep</dd>');
  expect(record).not.toContain('Deactivated');
  expect(record).toMatch(/<button[^>]*>Deactivate</);
  const assignments = await (await hr.get('/en/hr/assignments')).text();
  expect(assignments).not.toMatch(new RegExp(`<td>[^<]*${PEOPLE.repGuard.name}[^<]*</td>`));
  const audit = await (await hr.get('/en/hr/audit')).text();
  for (const target of [PEOPLE.repGuard.email, 'evil.example', 'Evil']) expect(audit, `audit mentions ${target}`).not.toContain(target);
  await hr.dispose();
  // Gus still signs in with his own password, straight to the home page.
  const gus = await client(PEOPLE.repGuard.email);
  await gus.dispose();
}

test.beforeAll(async ({ baseURL: url }) => {
  baseURL = (url as string).replace(/\/$/, '');
  const hr = await client(PEOPLE.hr.email);
  const html = await (await hr.get(`/en/hr/people?q=${encodeURIComponent(PEOPLE.repGuard.email)}`)).text();
  const row = html.slice(html.indexOf(`data-person="${PEOPLE.repGuard.email}"`));
  guardId = /href="\/en\/hr\/people\/([A-Za-z0-9_-]+)"/.exec(row)?.[1] ?? '';
  expect(guardId).not.toBe('');
  await hr.dispose();
});

test('anonymous visitors are sent to sign in from every records page, get 401 from the exports, and cannot change anything', async () => {
  const anon = await client();
  for (const lang of LANGS) {
    for (const page of pages()) {
      const path = `/${lang}${page}`;
      const response = await anon.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(302);
      expect(response.headers().location, path).toBe(`/${lang}/login?next=${encodeURIComponent(path)}`);
    }
  }
  for (const path of APIS) {
    const response = await anon.get(path);
    expect(response.status(), path).toBe(401);
    expect((await response.json()).error, path).toBeTruthy();
  }
  for (const lang of LANGS) {
    for (const a of attempts()) {
      const path = `/${lang}${a.path}`;
      const response = await post(anon, path, a);
      expect(response.status(), `POST ${path}`).toBe(302);
      expect(response.headers().location, `POST ${path}`).toMatch(new RegExp(`^/${lang}/login\\?next=`));
    }
  }
  await anon.dispose();
  await expectNothingChanged();
});

test('a rep gets 403 from every records page, export and HR action, and changes nothing', async () => {
  const rep = await client(PEOPLE.repGuard.email);
  for (const lang of LANGS) {
    for (const page of pages()) {
      const path = `/${lang}${page}`;
      const response = await rep.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(403);
      expect(await response.text(), path).not.toContain(PEOPLE.repWest.email);
    }
  }
  for (const path of APIS) {
    const response = await rep.get(path);
    expect(response.status(), path).toBe(403);
    expect((await response.json()).error, path).toBeTruthy();
  }
  for (const lang of LANGS) {
    for (const a of attempts()) {
      const path = `/${lang}${a.path}`;
      const response = await post(rep, path, a);
      expect(response.status(), `POST ${path}`).toBe(403);
    }
  }
  await rep.dispose();
  await expectNothingChanged();
});

test('a deep link to the records area comes back after signing in', async ({ page }) => {
  await page.goto('/zh/hr/people?status=completed');
  await expect(page).toHaveURL(/\/zh\/login\?next=%2Fzh%2Fhr%2Fpeople%3Fstatus%3Dcompleted$/);
  await page.getByLabel('邮箱').fill(PEOPLE.hr.email);
  await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/zh\/hr\/people\?status=completed$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('人员');
});

test('signing in never sends you to another site', async () => {
  for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example/']) {
    const api = await client();
    const response = await api.post(`/en/login?next=${encodeURIComponent(next)}`, {
      form: { email: PEOPLE.repGuard.email, password: TEST_PASSWORD, next },
      headers: { origin: baseURL },
      maxRedirects: 0,
    });
    expect(response.status(), next).toBe(303);
    expect(response.headers().location, next).toBe('/en/');
    await api.dispose();
  }
});

test('a cross-site form POST to the sign-in page is refused by the origin check', async () => {
  const api = await client();
  const response = await api.post('/en/login', {
    form: { email: PEOPLE.repGuard.email, password: TEST_PASSWORD },
    headers: { origin: 'http://evil.example' },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toMatch(/cross-site/i);
  // Not signed in by it.
  expect((await api.get('/api/me/export.json')).status()).toBe(401);
  // The same form from the portal's own origin works.
  const ok = await api.post('/en/login', {
    form: { email: PEOPLE.repGuard.email, password: TEST_PASSWORD },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  expect(ok.status()).toBe(303);
  expect((await api.get('/api/me/export.json')).status()).toBe(200);
  await api.dispose();
});

test('the personal data export: 401 anonymous; signed in, your own data and no password hash', async () => {
  const anon = await client();
  const refused = await anon.get('/api/me/export.json');
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toBeTruthy();
  await anon.dispose();

  const gus = await client(PEOPLE.repGuard.email);
  const response = await gus.get('/api/me/export.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
  const text = await response.text();
  expect(text).not.toMatch(/passwordHash|\$argon2/);
  const data = JSON.parse(text);
  expect(data.profile).toMatchObject({
    email: PEOPLE.repGuard.email,
    name: PEOPLE.repGuard.name,
    role: 'rep',
    teamName: 'West',
    active: true,
  });
  expect(data.profile.id).toBe(guardId);
  for (const key of ['lessons', 'quizAttempts', 'scenarioRuns', 'assessments', 'reviewCards']) expect(data, key).toHaveProperty(key);
  expect(text).not.toContain(PEOPLE.repWest.email);
  await gus.dispose();
});

test.describe('the actions behind quizzes and role-plays', () => {
  const validQuiz = { quizId: 'communication', attemptId: 'guard-attempt-1', locale: 'en', answers: {} };
  const validRun = { scenarioId: 'registered-lead', runId: 'guard-run-0001', choices: [] };

  async function action(api: APIRequestContext, name: string, body: unknown) {
    // A Buffer is sent byte for byte (Playwright would JSON-encode a string that is not JSON).
    return api.post(`/_actions/${name}`, {
      headers: { 'content-type': 'application/json' },
      data: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    });
  }
  /** Gus's stored data, without the export time. */
  async function myData(api: APIRequestContext) {
    const { exportedAt: _at, ...data } = await (await api.get('/api/me/export.json')).json();
    return data;
  }
  /** A 4xx answer that says what is wrong. */
  async function expectRefused(response: Awaited<ReturnType<typeof action>>, what: string) {
    expect.soft(response.status(), what).toBeGreaterThanOrEqual(400);
    expect.soft(response.status(), what).toBeLessThan(500);
    const text = await response.text();
    let body: { message?: string; issues?: { message?: string }[] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: fall through to the message check.
    }
    const message = body.message ?? body.issues?.map((i) => i.message).join('; ') ?? '';
    expect.soft(message, `${what}: a message saying why (got ${text.slice(0, 120)})`).not.toBe('');
  }

  test('anonymous calls are refused with 401', async () => {
    const anon = await client();
    for (const [name, body] of [
      ['submitQuiz', validQuiz],
      ['saveScenarioRun', validRun],
    ] as const) {
      const response = await action(anon, name, body);
      expect(response.status(), name).toBe(401);
      expect((await response.json()).message, name).toBeTruthy();
    }
    await anon.dispose();
  });

  test('malformed and hostile input is refused with a message and changes nothing', async () => {
    const gus = await client(PEOPLE.repGuard.email);
    const before = await myData(gus);
    const huge = 'x'.repeat(100_000);
    const cases: [string, string, unknown][] = [
      ['quiz id of the wrong type', 'submitQuiz', { ...validQuiz, quizId: 42 }],
      ['answers as a list', 'submitQuiz', { ...validQuiz, answers: ['a', 'b'] }],
      ['answers as a string', 'submitQuiz', { ...validQuiz, answers: 'all of them' }],
      ['locale outside zh/en', 'submitQuiz', { ...validQuiz, locale: 'fr' }],
      ['missing attempt id', 'submitQuiz', { quizId: 'communication', locale: 'en', answers: {} }],
      ['huge quiz id', 'submitQuiz', { ...validQuiz, quizId: huge }],
      ['huge answer', 'submitQuiz', { ...validQuiz, answers: { 'pick-the-moment': huge } }],
      ['huge answer list', 'submitQuiz', { ...validQuiz, answers: { 'pick-the-moment': Array.from({ length: 1000 }, () => 'a') } }],
      ['answer key with odd characters', 'submitQuiz', { ...validQuiz, answers: { '../../etc': 'a' } }],
      ['unknown quiz', 'submitQuiz', { ...validQuiz, quizId: 'no-such-quiz' }],
      ['extra top-level key', 'submitQuiz', { ...validQuiz, role: 'hr' }],
      [
        'constructor key at the top',
        'submitQuiz',
        JSON.parse(
          `{"quizId":"communication","attemptId":"guard-attempt-2","locale":"en","answers":{},"constructor":{"prototype":{"polluted":true}}}`,
        ),
      ],
      ['a list instead of an object', 'submitQuiz', [validQuiz]],
      ['null body', 'submitQuiz', null],
      ['unknown role-play', 'saveScenarioRun', { ...validRun, scenarioId: 'no-such-role-play' }],
      ['a choice that does not exist', 'saveScenarioRun', { ...validRun, choices: [{ node: 'start', choice: 'no-such-choice' }] }],
      ['choices as a string', 'saveScenarioRun', { ...validRun, choices: 'all' }],
      ['run id too short', 'saveScenarioRun', { ...validRun, runId: 'x' }],
      ['too many choices', 'saveScenarioRun', { ...validRun, choices: Array.from({ length: 201 }, () => ({ node: 'a', choice: 'b' })) }],
      ['huge node name', 'saveScenarioRun', { ...validRun, choices: [{ node: huge, choice: 'b' }] }],
      [
        '__proto__ at the top',
        'saveScenarioRun',
        `{"scenarioId":"registered-lead","runId":"guard-run-0002","choices":[],"__proto__":{"role":"hr"}}`,
      ],
      [
        '__proto__ inside a choice',
        'saveScenarioRun',
        `{"scenarioId":"registered-lead","runId":"guard-run-0003","choices":[{"node":"a","choice":"b","__proto__":{"x":1}}]}`,
      ],
    ];
    for (const [what, name, body] of cases) await expectRefused(await action(gus, name, body), what);
    // Nothing was saved, and nothing got polluted.
    expect(await myData(gus)).toEqual(before);
    // A request body over the size limit is refused too.
    const tooBig = await action(gus, 'submitQuiz', `{"quizId":"${'a'.repeat(3 * 1024 * 1024)}"}`);
    expect(tooBig.status()).toBe(413);
    expect(await myData(gus)).toEqual(before);
    await gus.dispose();
  });

  test('a __proto__ key in the quiz answers is refused, and no attempt is saved', async () => {
    const gus = await client(PEOPLE.repGuard.email);
    const before = await myData(gus);
    for (const answers of ['{"__proto__":"a"}', '{"__proto__":{"pick-the-moment":"a"}}']) {
      const response = await action(
        gus,
        'submitQuiz',
        `{"quizId":"communication","attemptId":"guard-proto-${answers.length}","locale":"en","answers":${answers}}`,
      );
      await expectRefused(response, `answers ${answers}`);
    }
    expect(await myData(gus)).toEqual(before);
    await gus.dispose();
  });

  test('a body that is not JSON is refused with 400, not a server error', async () => {
    const gus = await client(PEOPLE.repGuard.email);
    const before = await myData(gus);
    for (const body of ['not json', '{"quizId":"communication"', '{"quizId":"communication",}'])
      await expectRefused(await action(gus, 'submitQuiz', body), `body ${body}`);
    await expectRefused(await action(gus, 'saveScenarioRun', '{"scenarioId":'), 'truncated role-play body');
    expect(await myData(gus)).toEqual(before);
    await gus.dispose();
  });
});
