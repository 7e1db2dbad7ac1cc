import { type APIRequestContext, expect, test } from '@playwright/test';
import { PEOPLE } from '../support/fixtures.ts';
import { TEST_PASSWORD } from '../support/ports.ts';
import { expectNoAxeViolations, signIn } from './helpers.ts';

// 钱完成 (seeded with the whole course complete) gets a certificate whose code anyone can check
// on the public verification page, which shows the holder and the course and nothing else.

const COURSE = { zh: '同事抢客户：冲突处理与职业规范', en: 'When a colleague competes for your customer' };
const CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

/** 钱完成's certificate code, read from the certificate page with her session. */
async function certificateCode(request: APIRequestContext, baseURL: string | undefined): Promise<string> {
  const response = await request.post('/en/login', {
    form: { email: PEOPLE.repCert.email, password: TEST_PASSWORD },
    headers: { origin: new URL(baseURL as string).origin },
  });
  expect(response.url()).toMatch(/\/en\/$/);
  const html = await (await request.get('/en/certificate')).text();
  const code = /data-testid="cert-code">([^<]+)</.exec(html)?.[1] ?? '';
  expect(code).toMatch(CODE);
  return code;
}

test('a person who finished the course opens the certificate in both languages, with the same code every time', async ({ page }) => {
  await signIn(page, PEOPLE.repCert.email, 'en');
  await expect(page).toHaveURL(/\/en\/$/);
  await expect(page.getByText('You have completed the whole course.')).toBeVisible();
  await page.getByRole('link', { name: 'View your certificate' }).click();
  await expect(page).toHaveURL(/\/en\/certificate$/);

  const certificate = page.getByTestId('certificate');
  await expect(certificate.getByRole('heading', { level: 1 })).toHaveText('Certificate of completion');
  await expect(certificate).toContainText(PEOPLE.repCert.name);
  await expect(certificate.getByRole('heading', { level: 2 })).toHaveText(COURSE.en);
  const code = ((await page.getByTestId('cert-code').textContent()) ?? '').trim();
  expect(code).toMatch(CODE);
  await expect(certificate).toContainText(`/verify/${code}`);
  await expectNoAxeViolations(page);

  // The same certificate in Chinese, and on a later visit.
  await page.goto('/zh/certificate');
  await expect(page.getByTestId('certificate').getByRole('heading', { level: 1 })).toHaveText('结业证书');
  await expect(page.getByTestId('certificate').getByRole('heading', { level: 2 })).toHaveText(COURSE.zh);
  await expect(page.getByTestId('cert-code')).toHaveText(code);
  await expectNoAxeViolations(page);
  await page.goto('/en/');
  await page.goto('/en/certificate');
  await expect(page.getByTestId('cert-code')).toHaveText(code);
  // The page links to the public check.
  await page.getByRole('link', { name: 'Open the public verification page' }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${code}$`));
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true');
});

for (const [locale, lang] of [
  ['en-GB', 'en'],
  ['zh-CN', 'zh'],
] as const) {
  test(`anyone can verify the code (${lang}): genuine, whose and which course, and nothing else`, async ({ browser, request, baseURL }) => {
    const code = await certificateCode(request, baseURL);
    // Someone else, not signed in, on another computer.
    const context = await browser.newContext({ locale });
    const verifier = await context.newPage();
    const response = await verifier.goto(`/verify/${code}`);
    expect(response?.status()).toBe(200);
    const result = verifier.getByTestId('verify-result');
    await expect(result).toHaveAttribute('data-valid', 'true');
    await expect(result).toContainText(lang === 'en' ? 'This certificate is genuine.' : '这是一份有效的证书。');
    await expect(result).toContainText(
      lang === 'en' ? `Holder: ${PEOPLE.repCert.name}. Course: ${COURSE.en}.` : `持有人：${PEOPLE.repCert.name}；课程：${COURSE.zh}`,
    );
    await expect(result.locator('p')).toHaveCount(3); // verdict, holder and course, date
    const main = (await verifier.locator('main').textContent()) ?? '';
    for (const secret of [PEOPLE.repCert.email, '@', 'East', '东', 'fairplay.test'])
      expect(main, `verify page shows ${secret}`).not.toContain(secret);
    expect(await verifier.content()).not.toContain(PEOPLE.repCert.email);
    await expectNoAxeViolations(verifier);
    // Codes are read from paper: lower case works too.
    await verifier.goto(`/verify/${code.toLowerCase()}`);
    await expect(verifier.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true');
    await context.close();
  });
}

test('HR sees the same certificate code on the person’s record', async ({ page, request, baseURL }) => {
  const code = await certificateCode(request, baseURL);
  await signIn(page, PEOPLE.hr.email);
  await page.goto(`/en/hr/people?q=${encodeURIComponent(PEOPLE.repCert.email)}`);
  await page.locator(`tr[data-person="${PEOPLE.repCert.email}"] th a`).click();
  await expect(page.getByRole('link', { name: code })).toHaveAttribute('href', `/verify/${code}`);
});

test('a made-up certificate code is not found', async ({ page }) => {
  for (const made of ['ABCD-EFGH-JKLM', 'not-a-code', '2222-3333-4444']) {
    const response = await page.goto(`/verify/${made}`);
    expect(response?.status(), made).toBe(404);
    const result = page.getByTestId('verify-result');
    await expect(result).toHaveAttribute('data-valid', 'false');
    await expect(result).toContainText(/No certificate has this code|找不到这个编号的证书/);
  }
  await expectNoAxeViolations(page);
});

test('someone who has not finished sees how far they are instead of a certificate', async ({ page }) => {
  await signIn(page, PEOPLE.repGuard.email, 'en');
  await page.goto('/en/certificate');
  await expect(page.getByTestId('certificate')).toHaveCount(0);
  await expect(page.getByTestId('cert-code')).toHaveCount(0);
  await expect(page.getByText(/You get the certificate when every module is complete\. So far: \d+ of \d+ modules\./)).toBeVisible();
});
