// A renewal in English on a phone (issue 12): log in, switch with the header's English link,
// renew step by step, download the 申込内容確認書 and read the mail, axe clean on every page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshotPath } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, PHONE } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { renewalUrl } from '../support/policy-urls.js';

// Wednesday 2026-11-25 10:00 in Japan: C123456789 (満期日 2026-12-27) is inside its renewal window.
const TODAY = new Date('2026-11-25T01:00:00Z');
const USER = { userId: 'abc@example.com', password: 'Abc12345' };

let t: TestApp;
let browser: Browser;

before(async () => {
  t = await startTestApp({ clock: new ManualClock(TODAY) });
  await insertPolicy(t.deps.db);
  await insertCustomer(t.deps.db, { ...USER, policies: ['C123456789'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

/** An English page: lang="en", no WCAG A/AA problem; then the guide's screenshot. */
async function check(page: Page, name: string): Promise<void> {
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', name);
  assert.deepEqual(await accessibilityViolations(page), [], name);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

const stepHeading = (page: Page) => page.locator('h2.step-heading').textContent();
const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true }).click();

it('renews a policy in English on a phone, from the English link to the PDF and the mail', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${t.baseUrl}/mypage`);
  await page.getByLabel('ユーザーID', { exact: true }).fill(USER.userId);
  await page.getByLabel('パスワード', { exact: true }).fill(USER.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}/mypage`);
  await page.goto(`${t.baseUrl}${renewalUrl(t, 'C123456789')}`);
  assert.equal(await stepHeading(page), 'STEP 1 ご契約内容の確認');

  // The header's English link: the same page, in English.
  await page.getByRole('link', { name: 'Switch to English' }).click();
  await page.waitForURL(`${t.baseUrl}${renewalUrl(t, 'C123456789')}`);
  assert.equal(await page.locator('h1').textContent(), 'Auto insurance renewal');
  assert.equal(await stepHeading(page), 'Step 1: Your policy');
  assert.equal(await page.locator('.steps li[aria-current=step]').textContent(), '1. Your policy');
  const details = (await page.locator('.contract-details').textContent()) ?? '';
  for (const text of ['Private passenger car (自家用普通乗用車)', 'General (一般型) ¥2,200,000', 'Grade 14', '¥58,200', 'Bank account transfer (口座振替)']) assert.ok(details.includes(text), text);
  await next(page);
  await page.locator('p.error').getByText('Please answer "Is it still the same car?" with "Yes" or "No".').waitFor();
  assert.deepEqual(await accessibilityViolations(page), [], 'step 1 with its messages');
  await page.goto(`${t.baseUrl}${renewalUrl(t, 'C123456789')}`);
  await page.getByRole('radio', { name: 'Yes (same car)' }).check();
  await page.getByRole('radio', { name: 'Yes (same main driver)' }).check();
  await check(page, 'r-01-contract-en');
  await next(page);
  await page.waitForURL(/\/plans$/);

  assert.equal(await stepHeading(page), 'Step 2: Choose your cover');
  const cards = page.locator('.plan-card');
  assert.match((await cards.nth(0).textContent()) ?? '', /Same as this year.*Annual premium ¥54,850.*−¥3,350 compared with this year/);
  assert.match((await cards.nth(1).textContent()) ?? '', /Recommended plan.*¥56,420/);
  assert.match((await cards.nth(2).textContent()) ?? '', /Lower premium plan.*¥41,670/);
  await check(page, 'r-02-plans-en');
  const form = page.locator('section.custom-plan');
  await form.getByLabel('Vehicle damage amount (in 万円, units of ¥10,000)').fill('900');
  await form.getByRole('button', { name: 'Get a quote' }).click();
  await page.locator('p.error').getByText('Please enter a vehicle damage amount from ¥500,000 to ¥8,000,000, in steps of ¥100,000.').waitFor();
  assert.deepEqual(await accessibilityViolations(page), [], 'step 2 with a message');
  await page.getByRole('button', { name: 'Continue with: Same as this year' }).click();
  await page.waitForURL(/\/premium$/);

  assert.equal(await stepHeading(page), 'Step 3: Premium');
  const summary = (await page.locator('.premium-summary').textContent()) ?? '';
  assert.match(summary, /Annual premium after renewal¥54,850/);
  assert.match(summary, /Difference from this year−¥3,350/);
  assert.match(summary, /Grade 15 \(now grade 14\)/);
  await page.getByText('See how it is calculated').click();
  assert.match((await page.locator('table.breakdown').textContent()) ?? '', /Base premium: Private passenger car.*¥128,000.*Driver age condition: 35 and over \(35歳以上\).*Legal expenses \(弁護士費用特約\)/);
  await check(page, 'r-03-premium-en');
  await next(page);
  await page.waitForURL(/\/important-matters$/);

  assert.equal(await stepHeading(page), 'Step 4: Important matters');
  await page.locator('.important-matters').getByText('Policy summary (契約概要)').waitFor();
  await check(page, 'r-04-important-matters-en');
  await page.getByLabel('I have checked that the cover and premium I chose are what I want.').check();
  await next(page);
  await page.locator('p.error').getByText('Please read the important matters (重要事項) and tick the box.').waitFor();
  assert.deepEqual(await accessibilityViolations(page), [], 'step 4 with its messages');
  await page.getByLabel('I have checked that the driver age condition and who may drive match the people who actually drive the car.').check();
  await page.getByLabel('I have checked that the use of the car matches how the car is actually used.').check();
  await page.getByLabel('I have read the important matters (重要事項: policy summary and points to note).').check();
  await next(page);
  await page.waitForURL(/\/payment$/);

  assert.equal(await stepHeading(page), 'Step 5: Payment');
  assert.equal(await page.getByRole('radio', { name: 'Keep the current method (Bank account transfer (口座振替))' }).isChecked(), true);
  await page.getByRole('radio', { name: 'Once a year: ¥54,850' }).check();
  await check(page, 'r-05-payment-en');
  await next(page);
  await page.waitForURL(/\/review$/);

  assert.equal(await stepHeading(page), 'Step 6: Review');
  assert.equal(await page.getByRole('link', { name: /^Change/ }).count(), 5);
  const review = (await page.locator('main').textContent()) ?? '';
  for (const text of ['Same as this year', '27 December 2026 – 27 December 2027', '¥54,850', 'Grade 15', 'Bank account transfer (口座振替) (as now)', 'Once a year']) assert.ok(review.includes(text), text);
  await check(page, 'r-06-review-en');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.waitForURL(/\/complete$/);

  assert.equal(await stepHeading(page), 'Step 7: Done');
  const completeText = (await page.locator('main').textContent()) ?? '';
  const number = /Reference number \(受付番号\)(R20261125-[0-9A-Z]{8})/.exec(completeText)?.[1];
  assert.ok(number, completeText);
  await page.getByText('We have sent a confirmation e-mail to your registered address (abc@example.com).').waitFor();
  await check(page, 'r-07-complete-en');

  const mail = await t.mail.waitFor(USER.userId, (m) => m.text.includes(number));
  assert.match(mail.subject, /We have received your auto insurance renewal$/);
  assert.match(mail.text, new RegExp(`Reference number \\(受付番号\\): ${number}`));
  assert.match(mail.text, /Policy period after renewal: 27 December 2026 – 27 December 2027/);
  assert.doesNotMatch(mail.text, /三住|C123456789|54,850/);

  const downloadStarted = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the application summary (PDF)' }).click();
  const download = await downloadStarted;
  assert.equal(download.suggestedFilename(), `renewal-${number}.pdf`);
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-e2e-pdf-'));
  try {
    const file = join(dir, 'application.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Application summary \(申込内容確認書\)/);
    assert.ok(text.includes(number), text);
    assert.match(text, /¥54,850/);
    assert.match(text, /Policyholder/);
    assert.match(text, /Confirmed 25 November 2026/);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, screenshotPath('r-08-application-pdf-en').replace(/\.png$/, '')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await context.close();
});
