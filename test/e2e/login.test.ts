import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshotPath } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, PHONE } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { renewalUrl } from '../support/policy-urls.js';

// Wednesday 2026-11-25 10:00 in Japan; C123456789 (満期日 2026-12-27) is in its renewal
// window, C123456790 (満期日 2027-03-01) is not yet.
const FIRST_LOGIN = new Date('2026-11-25T01:00:00Z');

let t: TestApp;
let browser: Browser;
const clock = new ManualClock(FIRST_LOGIN);

before(async () => {
  t = await startTestApp({ clock, env: { MAINTENANCE_WINDOWS: 'Mon 02:00-04:00' } });
  await insertPolicy(t.deps.db);
  await insertPolicy(t.deps.db, { policy_number: 'C123456790', start_date: '2026-03-01', end_date: '2027-03-01', vehicle_model: 'N-BOX' });
  await insertCustomer(t.deps.db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789', 'C123456790'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  return context.newPage();
}


async function logIn(page: Page, userId: string, password: string): Promise<void> {
  await page.getByLabel('ユーザーID', { exact: true }).fill(userId);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

it('a customer logs in, sees home and 契約の継続手続, logs out, and next time sees 前回ログイン日時', async () => {
  const page = await phonePage();
  await page.goto(`${t.baseUrl}/mypage`);
  await page.waitForURL(/\/login\?next=%2Fmypage$/);
  assert.equal(await page.locator('h1').textContent(), 'お客さまWebサービス ログイン');
  assert.match((await page.locator('.notice').textContent()) ?? '', /ご利用可能時間は毎週月曜日 2:00～4:00を除く全日です。推奨環境はこちら/);
  assert.equal(await page.getByRole('link', { name: '初めてご利用いただく方はこちら' }).getAttribute('href'), '/register');
  assert.equal(await page.getByRole('link', { name: 'ユーザーID・パスワードをお忘れの方はこちら' }).getAttribute('href'), '/recovery');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.screenshot({ path: screenshotPath('02-login'), fullPage: true });

  await logIn(page, 'ＡＢＣ＠example.com', 'Abc12345');
  await page.waitForURL(`${t.baseUrl}/mypage`);
  assert.equal(await page.locator('h1').textContent(), '三住 太郎 様');
  assert.match((await page.locator('.previous-login').textContent()) ?? '', /前回ログイン日時\s*初めてのログインです/);
  assert.match((await page.locator('.policy-list').textContent()) ?? '', /満期日 2026年12月27日/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.screenshot({ path: screenshotPath('11-home'), fullPage: true });

  await page.getByRole('link', { name: '契約の継続手続', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}/mypage/renewals`);
  assert.equal(await page.getByRole('link', { name: '契約の継続手続', exact: true }).getAttribute('aria-current'), 'page');
  await page.getByText('継続手続を行うご契約の「継続手続」ボタンを押してください。手続画面へ進みます。').waitFor();
  await page.getByText('契約中の保険が表示されていない方').waitFor();
  const inWindow = page.locator('tbody tr').filter({ hasText: 'C123456789' });
  const notYet = page.locator('tbody tr').filter({ hasText: 'C123456790' });
  assert.match((await inWindow.textContent()) ?? '', /2025年12月27日.*2026年12月27日.*みらい保険サービス有限会社/);
  assert.equal(await inWindow.getByRole('link', { name: '継続手続', exact: true }).count(), 1);
  assert.equal(await notYet.getByRole('link', { name: '継続手続', exact: true }).count(), 0);
  assert.match((await notYet.textContent()) ?? '', /2027年1月1日から受付/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.screenshot({ path: screenshotPath('11-home-renewals'), fullPage: true });

  await inWindow.getByRole('link', { name: '継続手続', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}${renewalUrl(t, 'C123456789')}`);
  assert.equal(await page.locator('h1').textContent(), '自動車保険の継続手続');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByText('STEP 1 ご契約内容の確認', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}/logout`);
  assert.equal(await page.locator('h1').textContent(), 'ログアウトしました');
  await page.screenshot({ path: screenshotPath('12-logout'), fullPage: true });
  await page.goBack();
  await page.goto(`${t.baseUrl}/mypage`);
  await page.waitForURL(/\/login\?next=%2Fmypage$/);

  clock.advance(90 * 60_000);
  await page.goto(`${t.baseUrl}/logout`);
  await page.getByRole('link', { name: 'ログインページへ' }).click();
  await page.waitForURL(`${t.baseUrl}/login`);
  await logIn(page, 'abc@example.com', 'Abc12345');
  await page.waitForURL(`${t.baseUrl}/mypage`);
  assert.match((await page.locator('.previous-login').textContent()) ?? '', /前回ログイン日時\s*2026年11月25日 10時00分/);
  await page.context().close();
});

it('a wrong password gets the one generic message, and repeated failures the lock message', async () => {
  const page = await phonePage();
  await page.goto(`${t.baseUrl}/login`);
  await logIn(page, 'abc@example.com', 'Wrong1234');
  const problem = page.locator('#login-problem');
  await problem.waitFor();
  assert.equal((await problem.textContent())?.trim(), 'ユーザーIDまたはパスワードが正しくありません。入力内容をご確認のうえ、もう一度お試しください。');
  assert.equal(await page.getByLabel('ユーザーID', { exact: true }).inputValue(), 'abc@example.com', 'the ID is kept');
  assert.equal(await page.getByLabel('パスワード', { exact: true }).inputValue(), '', 'the password is not');

  for (let attempt = 2; attempt <= 5; attempt++) {
    await page.getByLabel('パスワード', { exact: true }).fill(`Wrong${attempt}x`);
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/login'));
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    assert.equal((await answered).status(), attempt < 5 ? 401 : 429);
  }
  await page.getByText('このユーザーIDでのログインを一時的に停止しています。').waitFor();
  const text = (await problem.textContent()) ?? '';
  assert.match(text, /30分ほど時間をおいてから、もう一度お試しください。/);
  assert.match(text, /「ユーザーID・パスワードをお忘れの方はこちら」から再設定いただくか、インターネットデスク（0120-000-000）までお電話ください。/);

  await page.getByLabel('パスワード', { exact: true }).fill('Abc12345');
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.getByText('このユーザーIDでのログインを一時的に停止しています。').waitFor();
  assert.match(page.url(), /\/login$/, 'the right password does not open a locked ID');
  await page.context().close();
});

it("strangers' wrong guesses lock the user ID, yet the owner's own phone, which logged in before, still logs in", async () => {
  await insertCustomer(t.deps.db, { userId: 'owner@example.com', password: 'Own12345', familyName: '持主', givenName: '花子' });
  const owners = await phonePage();
  await owners.goto(`${t.baseUrl}/login`);
  await logIn(owners, 'owner@example.com', 'Own12345');
  await owners.waitForURL(`${t.baseUrl}/mypage`);
  await owners.getByRole('button', { name: 'ログアウト' }).click();
  await owners.waitForURL(/\/logout$/);

  // Somewhere else, someone tries passwords for the owner's ID until it locks.
  const stranger = await phonePage();
  await stranger.goto(`${t.baseUrl}/login`);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await logIn(stranger, 'owner@example.com', `Guess${attempt}x`);
    await stranger.locator('#login-problem').waitFor();
  }
  await stranger.getByText('このユーザーIDでのログインを一時的に停止しています。').waitFor();
  await stranger.getByLabel('パスワード', { exact: true }).fill('Own12345');
  await stranger.getByRole('button', { name: 'ログイン', exact: true }).click();
  await stranger.getByText('このユーザーIDでのログインを一時的に停止しています。').waitFor();
  assert.match(stranger.url(), /\/login$/, 'a new browser does not get in, even with the right password');

  // The owner's phone knows the ID: its own count, not the strangers'.
  await owners.goto(`${t.baseUrl}/login`);
  await logIn(owners, 'owner@example.com', 'Own12345');
  await owners.waitForURL(`${t.baseUrl}/mypage`);
  assert.equal(await owners.locator('h1').textContent(), '持主 花子 様');
});
