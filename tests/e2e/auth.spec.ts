import http from 'node:http';
import { expect, type Page, test } from '@playwright/test';
import en from '../../src/i18n/en.ts';
import { PEOPLE } from '../support/fixtures.ts';
import { PORTS, TEST_PASSWORD } from '../support/ports.ts';
import { signIn } from './helpers.ts';

const RULES = en['auth.rules'].replace('{min}', '10');

/** Clicks a form's submit button and returns the response to the form's POST. */
async function submit(page: Page, button: string) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.getByRole('button', { name: button }).click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

test.describe('first-run setup on an empty server', () => {
  test.use({ baseURL: `http://localhost:${PORTS.empty}`, locale: 'en-GB' });

  test('every page leads to setup; bad input creates nothing; the first HR account signs in; setup is then gone', async ({
    page,
    browser,
  }) => {
    for (const path of ['/', '/zh/courses/customer-conflicts/', '/zh/login', '/en/hr/', '/en/account', '/en/']) {
      await page.goto(path);
      await expect(page, `${path} should lead to setup`).toHaveURL(/\/setup$/);
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['setup.title']);
    // The password rules are on the form, tied to the password field.
    await expect(page.getByText(RULES)).toBeVisible();
    await expect(page.getByLabel(en['auth.password'], { exact: true })).toHaveAccessibleDescription(RULES);

    const fill = async (name: string, email: string, password: string, repeat: string) => {
      await page.getByLabel(en['auth.name']).fill(name);
      await page.getByLabel(en['auth.email']).fill(email);
      await page.getByLabel(en['auth.password'], { exact: true }).fill(password);
      await page.getByLabel(en['auth.passwordRepeat']).fill(repeat);
      return submit(page, en['setup.submit']);
    };
    const bad = [
      {
        email: 'hana@first.test',
        password: 'Strong-start-42',
        repeat: 'Strong-start-43',
        field: en['auth.passwordRepeat'],
        message: en['auth.problem.mismatch'],
      },
      {
        email: 'hana@first.test',
        password: 'Ab-1',
        repeat: 'Ab-1',
        field: en['auth.password'],
        message: en['auth.problem.too-short'].replace('{min}', '10'),
      },
      {
        email: 'not-an-email',
        password: 'Strong-start-42',
        repeat: 'Strong-start-42',
        field: en['auth.email'],
        message: en['form.badEmail'],
      },
    ];
    for (const attempt of bad) {
      const response = await fill('Hana Admin', attempt.email, attempt.password, attempt.repeat);
      expect(response.status(), attempt.message).toBe(400);
      await expect(page.getByRole('alert')).toContainText(attempt.message);
      const field = page.getByLabel(attempt.field, { exact: true });
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(new RegExp(attempt.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      // What was typed (except passwords) is kept.
      await expect(page.getByLabel(en['auth.name'])).toHaveValue('Hana Admin');
    }
    // Nothing was created: every page still leads to setup.
    await page.goto('/en/login');
    await expect(page).toHaveURL(/\/setup$/);

    const response = await fill('Hana Admin', 'hana@first.test', 'Strong-start-42', 'Strong-start-42');
    expect(response.status()).toBe(303);
    await expect(page).toHaveURL(/\/en\/login\?setup=1$/);
    await expect(page.getByRole('status')).toHaveText(en['setup.done']);

    await signIn(page, 'hana@first.test', 'en', 'Strong-start-42');
    await expect(page).toHaveURL(/\/en\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['home.welcome'].replace('{name}', 'Hana Admin'));
    await expect(page.getByRole('link', { name: en['nav.hr'] })).toBeVisible();

    // Setup is gone, and cannot be used to create a second administrator.
    const gone = await page.goto('/setup');
    expect(gone?.status()).toBe(404);
    const again = await page.request.post('/setup', {
      headers: { origin: `http://localhost:${PORTS.empty}` },
      form: { name: 'Second Admin', email: 'second@first.test', password: 'Strong-start-42', repeat: 'Strong-start-42' },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(404);
    const context = await browser.newContext({ baseURL: `http://localhost:${PORTS.empty}` });
    const other = await context.newPage();
    await signIn(other, 'second@first.test', 'en', 'Strong-start-42');
    await expect(other).toHaveURL(/\/en\/login$/);
    await expect(other.getByRole('alert')).toHaveText(en['auth.badCredentials']);
    await context.close();
  });
});

test('sign in without JavaScript, then sign out ends the session', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/account');
  await expect(page).toHaveURL(/\/en\/login\?next=%2Fen%2Faccount$/);
  await page.getByLabel(en['auth.email']).fill(PEOPLE.repThrottle.email);
  await page.getByLabel(en['auth.password'], { exact: true }).fill(TEST_PASSWORD);
  const response = await submit(page, en['auth.submitLogin']);
  expect(response.status()).toBe(303);
  // Back to the page that asked for a sign-in.
  await expect(page).toHaveURL(/\/en\/account$/);
  await expect(page.getByText(PEOPLE.repThrottle.email)).toBeVisible();
  const session = await context.storageState();

  // Opening the sign-out page does not sign anyone out; its form does.
  await page.getByRole('link', { name: en['nav.logout'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['auth.logoutTitle']);
  await page.goto('/en/account');
  await expect(page).toHaveURL(/\/en\/account$/);
  await page.goto('/en/logout');
  await submit(page, en['auth.submitLogout']);
  await expect(page).toHaveURL(/\/en\/login\?out=1$/);
  await expect(page.getByRole('status')).toHaveText(en['auth.loggedOut']);
  await page.goto('/en/account');
  await expect(page).toHaveURL(/\/en\/login\?next=/);

  // The old session cookie is dead on the server, not just dropped by this browser.
  const replay = await browser.newContext({ javaScriptEnabled: false, storageState: session });
  const replayPage = await replay.newPage();
  await replayPage.goto('/en/account');
  await expect(replayPage).toHaveURL(/\/en\/login\?next=/);
  await replay.close();
  await context.close();
});

test('a wrong password and an unknown email get the same answer', async ({ page }) => {
  const answers: { status: number; text: string }[] = [];
  for (const [email, password] of [
    [PEOPLE.repThrottle.email, 'Not-the-password-1'],
    ['nobody.here@fairplay.test', TEST_PASSWORD],
  ] as const) {
    await page.goto('/en/login');
    await page.getByLabel(en['auth.email']).fill(email);
    await page.getByLabel(en['auth.password'], { exact: true }).fill(password);
    const response = await submit(page, en['auth.submitLogin']);
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible();
    answers.push({ status: response.status(), text: (await alert.textContent())?.trim() ?? '' });
    // Not signed in.
    await expect(page.getByRole('link', { name: en['nav.logout'] })).toHaveCount(0);
  }
  expect(answers[0]).toEqual({ status: 401, text: en['auth.badCredentials'] });
  expect(answers[1]).toEqual(answers[0]);
});

/**
 * A sign-in POST sent from another loopback address, so the per-address throttle this test
 * trips does not also lock out the other journeys signing in from 127.0.0.1 meanwhile.
 */
function signInFrom(
  localAddress: string,
  email: string,
  password: string,
): Promise<{ status: number; body: string; retryAfter: string | undefined }> {
  const body = new URLSearchParams({ email, password }).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORTS.seeded,
        path: '/en/login',
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: `http://127.0.0.1:${PORTS.seeded}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, retryAfter: res.headers['retry-after'] }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // Only Linux routes all of 127/8 to loopback; elsewhere, send from the usual address.
      if (error.code === 'EADDRNOTAVAIL' && localAddress !== '127.0.0.1') signInFrom('127.0.0.1', email, password).then(resolve, reject);
      else reject(error);
    });
    req.end(body);
  });
}

test('five wrong passwords lock the account for a while, even against the right password', async ({ page }) => {
  // A successful sign-in first: the count starts from zero.
  await signIn(page, PEOPLE.repThrottle.email);
  await expect(page).toHaveURL(/\/en\/$/);
  await page.context().clearCookies();

  for (let i = 1; i <= 5; i++) {
    const wrong = await signInFrom('127.0.0.2', PEOPLE.repThrottle.email, `Wrong-guess-${i}x`);
    expect(wrong.status, `wrong password #${i}`).toBe(401);
    expect(wrong.body).toContain(en['auth.badCredentials']);
  }
  // Locked for two seconds after the fifth failure, so these go straight in. The right password,
  // even from another address, is refused: the lock is on the account.
  const throttled = /<div class="notice bad" role="alert"><p>Too many attempts\. Please try again in \d+ seconds\.<\/p><\/div>/;
  const [sixth, right] = await Promise.all([
    signInFrom('127.0.0.2', PEOPLE.repThrottle.email, 'Wrong-guess-6x'),
    signInFrom('127.0.0.3', PEOPLE.repThrottle.email, TEST_PASSWORD),
  ]);
  for (const answer of [sixth, right]) {
    expect(answer.status).toBe(429);
    expect(answer.body).toMatch(throttled);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  }

  // Once the wait is over, the right password works again, in the browser.
  await expect(async () => {
    await page.goto('/en/login');
    await page.getByLabel(en['auth.email']).fill(PEOPLE.repThrottle.email);
    await page.getByLabel(en['auth.password'], { exact: true }).fill(TEST_PASSWORD);
    await submit(page, en['auth.submitLogin']);
    await expect(page).toHaveURL(/\/en\/$/, { timeout: 1000 });
  }).toPass({ intervals: [500, 1000], timeout: 15_000 });
});

test('a password set by HR must be replaced before anything else; anyone can change their own password', async ({ page }) => {
  const person = PEOPLE.repNewPassword;
  const first = 'Only-mine-2024!';
  const second = 'Changed-again-77';
  await signIn(page, person.email);
  await expect(page).toHaveURL(/\/en\/account\/password$/);
  await expect(page.getByText(en['auth.mustChange'])).toBeVisible();
  await expect(page.getByText(RULES)).toBeVisible();

  // Nothing else is reachable yet, pages or data.
  for (const path of ['/en/', '/en/courses/customer-conflicts/', '/en/quizzes/communication', '/zh/review', '/en/account']) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/(en|zh)\/account\/password$/);
  }
  const api = await page.request.get('/api/me/export.json');
  expect(api.status()).toBe(403);

  const change = async (current: string, password: string, repeat = password) => {
    await page.goto('/en/account/password');
    await page.getByLabel(en['auth.currentPassword']).fill(current);
    await page.getByLabel(en['auth.newPassword']).fill(password);
    await page.getByLabel(en['auth.passwordRepeat']).fill(repeat);
    return submit(page, en['auth.submitChange']);
  };
  const refused = [
    { current: 'Not-my-password-1', password: first, repeat: first, message: en['auth.wrongCurrent'] },
    { current: TEST_PASSWORD, password: 'Short-1', repeat: 'Short-1', message: en['auth.problem.too-short'].replace('{min}', '10') },
    { current: TEST_PASSWORD, password: 'aaaaaaaaaaaaaa', repeat: 'aaaaaaaaaaaaaa', message: en['auth.problem.too-simple'] },
    { current: TEST_PASSWORD, password: first, repeat: 'Only-mine-2025!', message: en['auth.problem.mismatch'] },
  ];
  for (const attempt of refused) {
    const response = await change(attempt.current, attempt.password, attempt.repeat);
    expect(response.status(), attempt.message).toBe(400);
    await expect(page.getByRole('alert')).toContainText(attempt.message);
  }
  // Still held at the password page.
  await page.goto('/en/');
  await expect(page).toHaveURL(/\/en\/account\/password$/);

  expect((await change(TEST_PASSWORD, first)).status()).toBe(303);
  await expect(page).toHaveURL(/\/en\/account\?changed=1$/);
  await expect(page.getByRole('status')).toHaveText(en['auth.changed']);
  await page.goto('/en/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['home.welcome'].replace('{name}', person.name));
  expect((await page.request.get('/api/me/export.json')).status()).toBe(200);

  // The old password no longer works; the new one does, straight to the home page.
  await page.context().clearCookies();
  await signIn(page, person.email, 'en', TEST_PASSWORD);
  await expect(page.getByRole('alert')).toHaveText(en['auth.badCredentials']);
  await signIn(page, person.email, 'en', first);
  await expect(page).toHaveURL(/\/en\/$/);

  // An ordinary change of password, from the account page.
  await page.goto('/en/account');
  await page.getByRole('link', { name: en['auth.changeTitle'] }).click();
  await expect(page).toHaveURL(/\/en\/account\/password$/);
  await expect(page.getByText(en['auth.mustChange'])).toHaveCount(0);
  expect((await change(first, second)).status()).toBe(303);
  await expect(page.getByRole('status')).toHaveText(en['auth.changed']);
  await page.context().clearCookies();
  await signIn(page, person.email, 'en', second);
  await expect(page).toHaveURL(/\/en\/$/);
});
