import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { checked, consoleLogIn, officePage } from '../support/console-e2e.js';
import { PHONE, fillLogin } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';

// The internet desk in a browser: a customer locks themselves out, the desk finds them by kana,
// opens their details, unlocks with a reason, and the customer logs in from their own browser.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STAFF_PASSWORD = 'Desk-Console-2026';
const CUSTOMER_PASSWORD = 'Abc12345';

let t: TestApp;
let browser: Browser;
const clock = new ManualClock(new Date());

before(async () => {
  t = await startTestApp({ clock });
  await insertPolicy(t.deps.db, { end_date: nextMonthEnd() });
  await insertCustomer(t.deps.db, { userId: 'abc@example.com', password: CUSTOMER_PASSWORD, policies: ['C123456789'], lastLoginAt: new Date(Date.now() - 86_400_000).toISOString() });
  await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [{ login: 'desk.suzuki', name: '鈴木 窓口', role: 'desk', agencyCode: null, password: STAFF_PASSWORD, totpSecret: SECRET }]);
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

/** 満期日 about a month ahead, so the policy is in its renewal window on the screenshots. */
function nextMonthEnd(): string {
  const at = new Date(Date.now() + 35 * 86_400_000);
  return at.toISOString().slice(0, 10);
}

it('the desk finds a locked-out customer by kana, unlocks them with a reason, and the customer logs in again', async () => {
  // The customer, on their phone, types a wrong password five times: the user ID is locked.
  const customer = await (await browser.newContext({ viewport: PHONE, locale: 'ja-JP' })).newPage();
  // The clock moves a second a step, so the account history lists the steps in their order.
  for (let i = 0; i < 5; i++) {
    clock.advance(1000);
    await fillLogin(customer, t.baseUrl, 'abc@example.com', 'Wrong9999');
    await customer.locator('.error-summary').waitFor();
  }
  clock.advance(1000);
  await fillLogin(customer, t.baseUrl, 'abc@example.com', CUSTOMER_PASSWORD);
  await customer.getByText('一時的').first().waitFor();
  clock.advance(60_000);

  // The desk: password, then the authenticator's code.
  const desk = await officePage(browser);
  await consoleLogIn(desk, t.baseUrl, { login: 'desk.suzuki', password: STAFF_PASSWORD, secret: SECRET }, clock.now());

  await desk.getByRole('link', { name: 'お客さま検索' }).click();
  await desk.waitForURL(`${t.baseUrl}/console/customers`);
  await desk.getByLabel('氏名（漢字・カナ）').check();
  await desk.getByLabel('検索する内容').fill('ﾐﾂｽﾐ');
  await desk.getByRole('button', { name: '検索', exact: true }).click();
  await desk.getByRole('heading', { name: '検索結果 1件' }).waitFor();
  assert.match(new URL(desk.url()).search, /^\?s=[\w-]+$/, 'what was typed is not in the URL (decision 0030)');
  const row = desk.locator('.desk-table tbody tr').first();
  assert.match((await row.textContent()) ?? '', /三住 太郎.*ミツスミ タロウ.*1975年01月01日.*登録済・ロック中.*1件/);
  await checked(desk, 'c-10-desk-search');

  clock.advance(1000);
  await row.getByRole('link', { name: '三住 太郎 さんの詳細' }).click();
  await desk.getByRole('heading', { name: 'お客さま詳細' }).waitFor();
  assert.match((await desk.locator('.account-summary').textContent()) ?? '', /ロック中（/);
  await desk.getByLabel('ロック解除の理由').fill('お客さまから電話。生年月日と証券番号で本人確認済み');
  await checked(desk, 'c-11-desk-details');
  clock.advance(60_000);
  await desk.getByRole('button', { name: 'ロック解除', exact: true }).click();
  await desk.waitForURL(/\?done=unlocked$/);
  await desk.getByRole('status').getByText('ロックを解除しました。').waitFor();
  assert.match((await desk.locator('.account-summary').textContent()) ?? '', /なし（失敗回数 0回）/);
  assert.match((await desk.locator('#history-heading + table').textContent()) ?? '', /ロック解除（デスク）.*鈴木 窓口（desk\.suzuki）.*本人確認済み/);
  await checked(desk, 'c-12-desk-unlocked');

  // The customer, in their own browser, logs in.
  const again = await (await browser.newContext({ viewport: PHONE, locale: 'ja-JP' })).newPage();
  await fillLogin(again, t.baseUrl, 'abc@example.com', CUSTOMER_PASSWORD);
  await again.waitForURL(/\/mypage$/);
});

it('the customer has forgotten the password: the desk issues a temporary password shown once, the customer logs in with it on the phone and must set a new one first', async () => {
  clock.advance(60_000);
  const desk = await officePage(browser);
  await consoleLogIn(desk, t.baseUrl, { login: 'desk.suzuki', password: STAFF_PASSWORD, secret: SECRET }, clock.now());
  await desk.goto(`${t.baseUrl}/console/customers?by=email&q=abc%40example.com`);
  await desk.getByRole('link', { name: '三住 太郎 さんの詳細' }).click();
  await desk.getByRole('heading', { name: 'お客さま詳細' }).waitFor();
  await desk.getByLabel('画面に表示（お電話でお伝えする）').check();
  await desk.getByLabel('仮パスワードの発行の理由').fill('パスワード失念のお電話。生年月日と証券番号で本人確認済み');
  await desk.locator('#h-temporary-password').scrollIntoViewIfNeeded();
  await checked(desk, 'c-13-desk-temporary-password-issue');
  clock.advance(1000);
  await desk.getByRole('button', { name: '仮パスワードを発行' }).click();
  await desk.waitForURL(/\/temporary-password$/);
  const password = ((await desk.locator('.temporary-password code').textContent()) ?? '').trim();
  assert.match(password, /^[a-hjkmnp-z2-9]{10}$/);
  await checked(desk, 'c-13-desk-temporary-password-shown');
  await desk.reload();
  await desk.getByText('すでに表示したため、もう表示できません').waitFor();
  assert.equal(await desk.getByText(password).count(), 0, 'a reload does not show it again');

  // The customer types what the desk read out, on their phone.
  const phone = await (await browser.newContext({ viewport: PHONE, locale: 'ja-JP' })).newPage();
  clock.advance(60_000);
  await fillLogin(phone, t.baseUrl, 'abc@example.com', password);
  await phone.waitForURL(/\/mypage\/new-password$/);
  await checked(phone, 's-08-new-password');
  await phone.goto(`${t.baseUrl}/mypage/changes`);
  await phone.waitForURL(/\/mypage\/new-password$/);
  await phone.getByLabel('新しいパスワード', { exact: true }).fill('Kamome2026x');
  await phone.getByLabel('新しいパスワード（確認用）').fill('Kamome2026y');
  await phone.getByRole('button', { name: '設定する' }).click();
  await phone.getByText('新しいパスワード（確認用）が新しいパスワードと一致しません。').first().waitFor();
  await phone.getByLabel('新しいパスワード', { exact: true }).fill('Kamome2026x');
  await phone.getByLabel('新しいパスワード（確認用）').fill('Kamome2026x');
  await phone.getByRole('button', { name: '設定する' }).click();
  await phone.waitForURL(/\/mypage\/new-password\/complete$/);
  await checked(phone, 's-09-new-password-complete');
  await phone.getByRole('link', { name: 'ホームへ' }).click();
  await phone.waitForURL(/\/mypage$/);
  await t.mail.waitFor('abc@example.com', (m) => /パスワード変更のお知らせ/.test(m.subject));

  await phone.getByRole('button', { name: 'ログアウト' }).click();
  await phone.waitForURL(/\/logout$/);
  await fillLogin(phone, t.baseUrl, 'abc@example.com', 'Kamome2026x');
  await phone.waitForURL(/\/mypage$/);
});

it('利用停止 ends the customer\'s open session and refuses their login; 再送 delivers a bounced mail; 利用再開 lets them in again', async () => {
  // A notice that bounced (the customer's mailbox was full): the dispatcher gave up on it.
  const bounced = randomUUID();
  const at = clock.now().toISOString();
  await t.deps.db
    .insertInto('outbox')
    .values({ id: bounced, to_address: 'abc@example.com', subject: '【三住海上】お手続きのご案内', text_body: 'お手続きのご案内です。', secrets_sealed: null, status: 'failed', attempts: 8, next_attempt_at: at, last_error: '552 mailbox full', created_at: at, sent_at: null })
    .execute();

  // The customer is logged in on their phone.
  const phone = await (await browser.newContext({ viewport: PHONE, locale: 'ja-JP' })).newPage();
  await fillLogin(phone, t.baseUrl, 'abc@example.com', 'Kamome2026x');
  await phone.waitForURL(/\/mypage$/);

  clock.advance(60_000);
  const desk = await officePage(browser);
  await consoleLogIn(desk, t.baseUrl, { login: 'desk.suzuki', password: STAFF_PASSWORD, secret: SECRET }, clock.now());
  await desk.goto(`${t.baseUrl}/console/customers?by=email&q=abc%40example.com`);
  await desk.getByRole('link', { name: '三住 太郎 さんの詳細' }).click();
  await desk.getByRole('heading', { name: 'お客さま詳細' }).waitFor();

  // 利用停止 without a reason is refused next to the field; with one, it is done.
  await desk.getByRole('button', { name: '利用停止', exact: true }).click();
  await desk.getByLabel('利用停止の理由').waitFor();
  assert.match((await desk.locator('#reason-suspend-error').textContent()) ?? '', /理由/);
  await desk.getByLabel('利用停止の理由').fill('不正利用の疑い。お客さまから電話で依頼');
  clock.advance(1000);
  await desk.getByRole('button', { name: '利用停止', exact: true }).click();
  await desk.waitForURL(/\?done=suspended$/);
  await desk.getByRole('status').getByText('利用を停止しました。ログイン中のセッションも終了しました。').waitFor();
  assert.match((await desk.locator('.account-summary').textContent()) ?? '', /利用停止中（/);

  // The phone's session has ended; logging in again gets the one generic answer.
  await phone.goto(`${t.baseUrl}/mypage`);
  await phone.waitForURL(/\/login\?next=%2Fmypage$/);
  await fillLogin(phone, t.baseUrl, 'abc@example.com', 'Kamome2026x');
  await phone.getByText('ユーザーIDまたはパスワードが正しくありません。').first().waitFor();

  // 再送: the bounced notice goes out again and arrives.
  const mailRow = desk.locator('.desk-table tr', { hasText: '【三住海上】お手続きのご案内' });
  assert.match((await mailRow.textContent()) ?? '', /送信失敗.*552 mailbox full/);
  await mailRow.getByLabel('再送の理由').fill('お客さまが受信設定を変更済み');
  clock.advance(1000);
  await mailRow.getByRole('button', { name: '再送', exact: true }).click();
  await desk.waitForURL(/\?done=resent$/);
  await desk.getByRole('status').getByText('メールを再送の待ち行列に戻しました。').waitFor();
  const delivered = await t.mail.waitFor('abc@example.com', (m) => m.subject === '【三住海上】お手続きのご案内');
  assert.match(delivered.text, /お手続きのご案内です。/);

  // 利用再開: the customer logs in with the password they had.
  await desk.getByLabel('利用再開の理由').fill('本人確認のうえ再開のご依頼');
  clock.advance(1000);
  await desk.getByRole('button', { name: '利用再開', exact: true }).click();
  await desk.waitForURL(/\?done=resumed$/);
  await desk.getByRole('status').getByText('利用を再開しました。').waitFor();
  assert.match((await desk.locator('#history-heading + table').textContent()) ?? '', /利用再開.*鈴木 窓口（desk\.suzuki）.*本人確認のうえ再開のご依頼/);
  await fillLogin(phone, t.baseUrl, 'abc@example.com', 'Kamome2026x');
  await phone.waitForURL(/\/mypage$/);
});
