import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, phoneBrowser, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { phoneProblems } from '../support/phone-check.js';

// Wednesday 2026-11-25 10:00 in Japan: outside the Monday maintenance window.
const BASE = new Date('2026-11-25T01:00:00Z');
const USER_ID = 'visitor@example.com';
const PASSWORD = 'Vis12345';

let t: TestApp;
const clock = new ManualClock(BASE);
const phonePage = phoneBrowser();

before(async () => {
  t = await startTestApp({ clock, env: { MAINTENANCE_WINDOWS: 'Mon 02:00-04:00' } });
  await insertPolicy(t.deps.db); // and its agency, D0001 みらい保険サービス有限会社
  await insertCustomer(t.deps.db, { userId: USER_ID, password: PASSWORD, policies: ['C123456789'] });
});
after(async () => t.close());

/** What a person reading the page in English should find: lang="en", axe clean, nothing cramped on the phone. */
async function englishPage(page: Page, heading: string): Promise<void> {
  await page.locator('h1', { hasText: heading }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal((await page.locator('h1').textContent())?.trim(), heading);
  assert.deepEqual(await accessibilityViolations(page), [], `axe on ${page.url()}`);
  assert.deepEqual(await phoneProblems(page), [], `phone on ${page.url()}`);
}

async function fillEnglishLogin(page: Page, userId: string, password: string): Promise<number> {
  await page.getByLabel('User ID', { exact: true }).fill(userId);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/login'));
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  const status = (await answered).status();
  await page.waitForLoadState('domcontentloaded');
  return status;
}

it('a visitor on a phone switches to English, fails to log in, is locked, later logs in and out, all in English', async () => {
  const page = await phonePage();
  await page.goto(`${t.baseUrl}/`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  assert.match((await page.locator('h1').textContent()) ?? '', /お客さまWebサービス$/);

  await page.getByRole('link', { name: 'Switch to English' }).click();
  await page.waitForURL(`${t.baseUrl}/`);
  const topHeading = ((await page.locator('h1').textContent()) ?? '').trim();
  assert.match(topHeading, /Customer Web Service$/);
  await englishPage(page, topHeading);
  await page.getByText('renew your auto insurance (自動車保険)').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Our agencies' }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'みらい保険サービス有限会社' }).getAttribute('href'), '/agency/D0001');
  assert.equal(await page.getByRole('link', { name: '日本語で表示する' }).count(), 1, 'the way back to Japanese');
  await shot(page, '00-top-en');

  await page.getByRole('link', { name: 'Log in', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}/login`);
  await englishPage(page, 'Log in to the Customer Web Service');
  assert.match((await page.locator('.notice').textContent()) ?? '', /available at all times except Mondays 2:00–4:00 \(Japan time\)\. ?Supported browsers/);
  assert.equal(await page.getByRole('link', { name: 'First time here? Register' }).getAttribute('href'), '/register');
  assert.equal(await page.getByRole('link', { name: 'Forgot your user ID or password?' }).getAttribute('href'), '/recovery');
  await shot(page, '02-login-en');

  // An empty form: the English messages at the fields.
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.getByText('Please enter your user ID.').first().waitFor();
  await page.getByText('Please enter your password.').first().waitFor();
  await englishPage(page, 'Log in to the Customer Web Service');

  assert.equal(await fillEnglishLogin(page, USER_ID, 'Wrong1234'), 401);
  const problem = page.locator('#login-problem');
  assert.equal((await problem.textContent())?.trim(), 'The user ID or password is not correct. Please check what you entered and try again.');
  assert.equal(await page.getByLabel('User ID', { exact: true }).inputValue(), USER_ID, 'the ID is kept');
  await englishPage(page, 'Log in to the Customer Web Service');

  for (let attempt = 2; attempt <= 5; attempt++) assert.equal(await fillEnglishLogin(page, USER_ID, `Wrong${attempt}x`), attempt < 5 ? 401 : 429);
  await page.getByText('Logging in with this user ID is paused for now, because of repeated failed attempts.').waitFor();
  const lock = (await problem.textContent()) ?? '';
  assert.match(lock, /Please wait about 30 minutes and try again\./);
  assert.match(lock, /reset it with "Forgot your user ID or password\?", or call the .+ \(0120-000-000\)\./);
  await englishPage(page, 'Log in to the Customer Web Service');
  await shot(page, '02b-login-locked-en');

  // Half an hour later the lock is over and the right password logs in.
  clock.advance(30 * 60_000);
  assert.equal(await fillEnglishLogin(page, USER_ID, PASSWORD), 303);
  await page.waitForURL(`${t.baseUrl}/mypage`);
  // Home's body is translated by its own feature: here only the frame is held to English.
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.getByRole('button', { name: 'Log out', exact: true }).count(), 1);
  assert.equal(await page.getByRole('heading', { name: 'Contact us' }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Terms of use' }).getAttribute('href'), '/terms');

  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}/logout`);
  await englishPage(page, 'You have logged out');
  await page.getByText('If you are using a shared computer, please close the browser.').waitFor();
  await shot(page, '12-logout-en');

  // The footer's pages read in English too.
  await page.getByRole('link', { name: 'Terms of use' }).click();
  await page.waitForURL(`${t.baseUrl}/terms`);
  await englishPage(page, 'Customer Web Service: terms of use');
  await page.getByRole('heading', { name: 'Article 3 (User ID and password)' }).waitFor();
  await page.getByRole('link', { name: 'Supported browsers' }).click();
  await page.waitForURL(`${t.baseUrl}/environment`);
  await englishPage(page, 'Supported browsers');

  await page.getByRole('link', { name: '日本語で表示する' }).click();
  await page.waitForURL(`${t.baseUrl}/environment`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  assert.equal((await page.locator('h1').textContent())?.trim(), '推奨環境');
  await page.context().close();
});
