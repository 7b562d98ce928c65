import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { formatDateTime } from '../../src/platform/ui/i18n/format.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, logIn, pageWithAuthenticator, PHONE } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';

// Issue 12: the passkey pages, the step-up (ご本人確認) and the passkey script's own messages in English.
const PASSWORD = 'Mt4sQx9v';
const USER_ID = 'pk-en@example.com';
const START = new Date('2026-11-25T10:00:00+09:00');
const clock = new ManualClock(START);
let t: TestApp;
let browser: Browser;

before(async () => {
  t = await startTestApp({ clock, host: 'localhost' });
  await insertPolicy(t.deps.db);
  await insertCustomer(t.deps.db, { userId: USER_ID, password: PASSWORD, policies: ['C123456789'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** A phone with a Chromium virtual authenticator (CDP WebAuthn), as in test/e2e/passkeys.test.ts. */
async function phoneWithAuthenticator(): Promise<Page> {
  return pageWithAuthenticator(await browser.newContext({ viewport: PHONE }));
}

it('a customer switches to English, registers a passkey after confirming it is them, and logs in with it', async () => {
  const page = await phoneWithAuthenticator();
  await logIn(page, t.baseUrl, USER_ID, PASSWORD);
  await page.getByRole('link', { name: 'Switch to English' }).click();
  await page.waitForURL(/\/mypage$/);

  clock.advance(11 * 60_000);
  await page.getByRole('link', { name: 'Changes', exact: true }).click();
  await page.getByRole('link', { name: 'Change login methods' }).click();
  assert.match(await page.locator('main').innerText(), /You have no passkeys registered\./);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole('link', { name: 'Register a passkey' }).click();

  await page.waitForURL(/\/reauth\?next=/);
  assert.match(await page.locator('h1').innerText(), /Confirm it is you/);
  await page.getByLabel('Password', { exact: true }).fill('wrong-password1');
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  assert.match(await page.locator('#f-password-error').innerText(), /The password is not correct\./);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();

  await page.waitForURL(/\/mypage\/changes\/login-methods\/register$/);
  // The script says what is missing in the page's language (the name is suggested from the browser: emptied here).
  await page.getByLabel('Passkey name', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Register a passkey' }).click();
  assert.match(await page.locator('.webauthn-error').innerText(), /Please enter a name for the passkey\./);
  await page.getByLabel('Passkey name', { exact: true }).fill('My phone');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole('button', { name: 'Register a passkey' }).click();
  await page.waitForURL(/\/mypage\/changes\/login-methods\?done=registered$/);
  assert.match(await page.locator('main').innerText(), /Your passkey is registered\./);
  assert.match(await page.locator('table.passkeys tbody tr').innerText(), new RegExp(`My phone\\s+${formatDateTime('en', clock.now()).replace(/[()]/g, '\\$&')}\\s+Not used yet`));

  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.waitForURL(/\/logout$/);
  await page.goto(`${t.baseUrl}/login`);
  assert.match(await page.locator('main').innerText(), /Have a passkey\?/);
  await page.getByRole('button', { name: 'Log in with a passkey' }).click();
  await page.waitForURL(/\/mypage$/);
  assert.match(await page.locator('html').getAttribute('lang') ?? '', /^en$/);
});
