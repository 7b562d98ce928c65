import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, fillLogin, logIn, phoneBrowser, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { MailCatcher } from '../support/mail-catcher.js';
import { linkOn, showMail } from '../support/mail-page.js';

const PASSWORD = 'Mt4sQx9v';

const phonePage = phoneBrowser();

async function loginRefused(page: Page, baseUrl: string, userId: string, password: string): Promise<void> {
  await fillLogin(page, baseUrl, userId, password);
  await page.waitForURL(/\/login$/);
  assert.match(await page.locator('#login-problem').innerText(), /ユーザーIDまたはパスワードが正しくありません。/);
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  await page.waitForURL(/\/logout$/);
}

async function openTab(page: Page, label: '各種変更の手続き' | 'その他の手続'): Promise<void> {
  await page.getByRole('link', { name: label, exact: true }).click();
  await page.waitForURL(label === '各種変更の手続き' ? /\/mypage\/changes$/ : /\/mypage\/other$/);
}

describe('各種変更の手続き and その他の手続 in the browser', () => {
  let t: TestApp;
  let seq = 0;

  /** A customer with a policy of their own (三住 太郎). */
  async function customer(): Promise<string> {
    seq += 1;
    const policyNumber = `C70000000${seq}`;
    await insertPolicy(t.deps.db, { policy_number: policyNumber });
    const userId = `taro${seq}@example.com`;
    await insertCustomer(t.deps.db, { userId, password: PASSWORD, policies: [policyNumber] });
    return userId;
  }

  before(async () => {
    // Wednesday 2026-11-25 10:00 in Japan.
    t = await startTestApp({ clock: new ManualClock(new Date('2026-11-25T10:00:00+09:00')) });
  });
  after(async () => t.close());

  it('a customer files an address change and sees it pending on the tab', async () => {
    const userId = await customer();
    const page = await phonePage();
    await logIn(page, t.baseUrl, userId, PASSWORD);
    await openTab(page, '各種変更の手続き');
    await page.getByRole('link', { name: '住所・電話番号を変更する' }).click();
    await page.waitForURL(/\/mypage\/changes\/address$/);
    assert.equal(await page.getByLabel('郵便番号', { exact: true }).inputValue(), '100-0005', 'starts from the contact on file');
    await page.getByLabel('郵便番号', { exact: true }).fill('５３００００１');
    await page.getByLabel('住所', { exact: true }).fill('大阪府大阪市北区梅田３－３－３');
    await page.getByLabel('電話番号', { exact: true }).fill('abc');
    await page.getByRole('button', { name: '変更を申し込む' }).click();
    assert.match(await page.locator('#f-phone-error').innerText(), /電話番号は数字とハイフンで入力してください/);
    assert.equal(await page.getByLabel('住所', { exact: true }).inputValue(), '大阪府大阪市北区梅田３－３－３');
    await page.getByLabel('電話番号', { exact: true }).fill('06-9876-5432');
    await page.getByRole('button', { name: '変更を申し込む' }).click();
    await page.waitForURL(/\/mypage\/changes\/address\/complete$/);
    assert.equal(await page.locator('p.lead').textContent(), '住所・電話番号の変更のお申し出を受け付けました。');
    await page.getByRole('link', { name: '「各種変更の手続き」へ戻る' }).click();
    await page.waitForURL(/\/mypage\/changes$/);
    const pending = await page.locator('.change-requests li').innerText();
    assert.match(pending, /受付済（保険会社で手続中）/);
    assert.match(pending, /2026年11月25日 10時00分 受付/);
    assert.match(pending, /〒530-0001 大阪府大阪市北区梅田3-3-3 電話番号 06-9876-5432/);
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, 's-03-changes');
    await t.mail.waitFor(userId, (m) => m.subject === '【みらい損保】住所・電話番号変更のお申し出受付のお知らせ');
  });

  it('a customer turns 満期案内メール off and on again', async () => {
    const userId = await customer();
    const page = await phonePage();
    await logIn(page, t.baseUrl, userId, PASSWORD);
    await openTab(page, '各種変更の手続き');
    const section = page.locator('section.change-item', { has: page.getByRole('heading', { name: '満期案内メール', exact: true }) });
    assert.match(await section.innerText(), /現在の設定\s+受け取る/);
    await page.getByRole('link', { name: '満期案内メールの設定を変更する' }).click();
    await page.waitForURL(/\/mypage\/changes\/reminders$/);
    const group = page.getByRole('group', { name: '満期案内メール' });
    assert.equal(await group.getByLabel('受け取る', { exact: true }).isChecked(), true, 'receive by default');
    await group.getByLabel('受け取らない', { exact: true }).check();
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, 's-07-reminder-setting');
    await page.getByRole('button', { name: '設定する' }).click();
    await page.waitForURL(/\/mypage\/changes\/reminders\/complete$/);
    assert.equal(await page.locator('p.lead').textContent(), '満期案内メールの設定を変更しました。');
    assert.match(await page.locator('dl.entries').innerText(), /満期案内メール\s+受け取らない/);
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole('link', { name: '「各種変更の手続き」へ戻る' }).click();
    await page.waitForURL(/\/mypage\/changes$/);
    assert.match(await section.innerText(), /現在の設定\s+受け取らない/);
    await page.getByRole('link', { name: '満期案内メールの設定を変更する' }).click();
    assert.equal(await group.getByLabel('受け取らない', { exact: true }).isChecked(), true, 'the form shows the choice made');
    await group.getByLabel('受け取る', { exact: true }).check();
    await page.getByRole('button', { name: '設定する' }).click();
    await page.waitForURL(/\/mypage\/changes\/reminders\/complete$/);
    assert.match(await page.locator('dl.entries').innerText(), /満期案内メール\s+受け取る/);
  });

  it('a customer changes the password and logs in with the new one', async () => {
    const userId = await customer();
    const page = await phonePage();
    await logIn(page, t.baseUrl, userId, PASSWORD);
    await openTab(page, '各種変更の手続き');
    await page.getByRole('link', { name: 'パスワードを変更する' }).click();
    await page.waitForURL(/\/mypage\/changes\/password$/);
    await page.getByLabel('現在のパスワード', { exact: true }).fill(PASSWORD);
    await page.getByLabel('新しいパスワード', { exact: true }).fill('Kz7pWq2x');
    await page.getByLabel('新しいパスワード（確認用）', { exact: true }).fill('Kz7pWq2x');
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, 's-05-password-change');
    await page.getByRole('button', { name: '変更する' }).click();
    await page.waitForURL(/\/mypage\/changes\/password\/complete$/);
    assert.equal(await page.locator('p.lead').textContent(), 'パスワードを変更しました。');
    const notice = await t.mail.waitFor(userId, (m) => m.subject === '【みらい損保】パスワード変更のお知らせ');
    assert.doesNotMatch(notice.text, /Kz7pWq2x/);
    await logOut(page);
    await loginRefused(page, t.baseUrl, userId, PASSWORD);
    await logIn(page, t.baseUrl, userId, 'Kz7pWq2x');
    assert.match(await page.locator('h1').innerText(), /三住 太郎 様/);
  });

  it('a customer changes the e-mail address through the mail link and logs in with the new ID; the old address is told', async () => {
    const userId = await customer();
    const page = await phonePage();
    await logIn(page, t.baseUrl, userId, PASSWORD);
    await openTab(page, '各種変更の手続き');
    await page.getByRole('link', { name: 'メールアドレスを変更する' }).click();
    await page.waitForURL(/\/mypage\/changes\/email$/);
    await page.getByLabel('新しいメールアドレス（ユーザーID）', { exact: true }).fill('taro.new@example.com');
    await page.getByLabel('新しいメールアドレス（確認用）', { exact: true }).fill('taro.new@example.com');
    await page.getByLabel('現在のパスワード', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '確認メールを送信する' }).click();
    await page.waitForURL(/\/mypage\/changes\/email\/sent$/);
    assert.match(await page.locator('main').innerText(), /新しいメールアドレス（taro\.new@example\.com）宛てに、「メールアドレス変更のご確認」メールを送信しました。/);

    const mail = await t.mail.waitFor('taro.new@example.com', (m) => m.subject === '【みらい損保】メールアドレス変更のご確認');
    const mailView = await phonePage();
    await showMail(mailView, mail);
    await shot(mailView, 's-04-email-change-mail');

    await page.goto(linkOn(t.baseUrl, MailCatcher.firstUrl(mail)));
    assert.match(await page.locator('dl.entries').innerText(), /新しいメールアドレス（ユーザーID）\s+taro\.new@example\.com/);
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole('button', { name: '変更する' }).click();
    await page.waitForURL(/\/mypage\/changes\/email\/complete$/);
    assert.equal(await page.locator('p.lead').textContent(), 'メールアドレス（ユーザーID）を変更しました。');

    const notice = await t.mail.waitFor(userId, (m) => m.subject === '【みらい損保】メールアドレス変更のお知らせ');
    assert.match(notice.text, /メールアドレス（ユーザーID）が変更されました。/);
    await logOut(page);
    await loginRefused(page, t.baseUrl, userId, PASSWORD);
    await logIn(page, t.baseUrl, 'taro.new@example.com', PASSWORD);
    await openTab(page, '各種変更の手続き');
    assert.match(await page.locator('main').innerText(), /現在のメールアドレス（ユーザーID）\s+taro\.new@example\.com/);
  });

  it('a customer stops using the service; the policies stay, login is refused', async () => {
    const userId = await customer();
    const page = await phonePage();
    await logIn(page, t.baseUrl, userId, PASSWORD);
    await openTab(page, 'その他の手続');
    await page.getByRole('link', { name: '利用停止のお手続きへ' }).click();
    await page.waitForURL(/\/mypage\/other\/stop$/);
    assert.match(await page.locator('main').innerText(), /ご契約（保険）の内容や補償には影響ありません。/);
    await page.getByLabel('パスワード', { exact: true }).fill('Wrong1234');
    await page.getByRole('button', { name: '利用を停止する' }).click();
    assert.equal(await page.locator('#f-password-error').innerText(), 'パスワードが正しくありません。');
    await page.getByRole('link', { name: '戻る', exact: true }).click();
    await page.waitForURL(/\/mypage\/other$/);
    await page.getByRole('link', { name: '利用停止のお手続きへ' }).click();
    await page.waitForURL(/\/mypage\/other\/stop$/);
    await page.getByLabel('パスワード', { exact: true }).fill(PASSWORD);
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, 's-06-stop-service');
    await page.getByRole('button', { name: '利用を停止する' }).click();
    await page.waitForURL(/\/mypage\/other\/stop\/complete$/);
    assert.equal(await page.locator('h1').textContent(), 'ご利用停止を受け付けました');
    assert.equal(await page.getByRole('button', { name: 'ログアウト' }).count(), 0, 'no longer logged in');
    await t.mail.waitFor(userId, (m) => m.subject === '【みらい損保】お客さまWebサービス利用停止のお知らせ');
    await loginRefused(page, t.baseUrl, userId, PASSWORD);
    await page.goto(`${t.baseUrl}/mypage`);
    await page.waitForURL(/\/login\?next=/);
  });
});
