import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { PHONE, accessibilityViolations, logIn, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { showMail } from '../support/mail-page.js';

const PASSWORD = 'Mt4sQx9v';
const USER_ID = 'taro.history@example.com';
// Two devices of one customer, as their browsers name themselves.
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('ログイン履歴 and ログインのお知らせ in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  const device = async (userAgent: string): Promise<Page> => (await browser.newContext({ viewport: PHONE, locale: 'ja-JP', userAgent })).newPage();

  before(async () => {
    // Wednesday 2026-11-25 10:00 in Japan.
    t = await startTestApp({ clock: new ManualClock(new Date('2026-11-25T10:00:00+09:00')) });
    browser = await launchBrowser();
    await insertPolicy(t.deps.db, { policy_number: 'C800000001' });
    await insertCustomer(t.deps.db, { userId: USER_ID, password: PASSWORD, policies: ['C800000001'] });
  });
  after(async () => {
    await browser.close();
    await t.close();
  });

  it('a second browser gets a notice mail; the first sees both sessions and logs the other out', async () => {
    const phone = await device(IPHONE_SAFARI);
    await logIn(phone, t.baseUrl, USER_ID, PASSWORD);
    await t.mail.waitFor(USER_ID, (m) => m.text.includes('Safari / iPhone (iOS 18)'));

    const pc = await device(WINDOWS_CHROME);
    await logIn(pc, t.baseUrl, USER_ID, PASSWORD);
    const notice = await t.mail.waitFor(USER_ID, (m) => m.text.includes('Chrome 131 / Windows 10'));
    assert.equal(notice.subject, '【みらい損保】ログインのお知らせ');
    assert.match(notice.text, /ログイン日時:2026年11月25日 10時00分（日本時間）/);
    assert.match(notice.text, /インターネットデスク（TEL:/);
    const mailView = await device(IPHONE_SAFARI);
    await showMail(mailView, notice);
    await shot(mailView, 's-11-login-notice-mail');

    await phone.getByRole('link', { name: '各種変更の手続き', exact: true }).click();
    await phone.waitForURL(/\/mypage\/changes$/);
    await phone.getByRole('link', { name: 'ログイン履歴を確認する' }).click();
    await phone.waitForURL(/\/mypage\/changes\/login-history$/);
    const sessions = phone.locator('table.login-sessions tbody tr');
    assert.equal(await sessions.count(), 2);
    assert.match(await sessions.nth(0).innerText(), /Safari \/ iPhone \(iOS 18\)\s*このブラウザ/);
    assert.match(await sessions.nth(1).innerText(), /Chrome 131 \/ Windows 10/);
    const attempts = await phone.locator('table.login-attempts tbody').innerText();
    assert.match(attempts, /2026年11月25日 10時00分\s+Chrome 131 \/ Windows 10\s+パスワード\s+成功/);
    assert.match(attempts, /Safari \/ iPhone \(iOS 18\)\s+パスワード\s+成功/);
    assert.deepEqual(await accessibilityViolations(phone), []);
    await shot(phone, 's-10-login-history');

    await sessions.nth(1).getByRole('button', { name: 'ログアウトさせる' }).click();
    await phone.waitForURL(/\/mypage\/changes\/login-history\?ended=one$/);
    assert.match(await phone.getByRole('status').innerText(), /選択した端末をログアウトさせました。/);
    assert.equal(await phone.locator('table.login-sessions tbody tr').count(), 1);

    await pc.reload();
    await pc.waitForURL(/\/login\?next=%2Fmypage$/);
    assert.equal(await pc.getByLabel('ユーザーID', { exact: true }).count(), 1, 'the other browser is at the login page');
  });
});
