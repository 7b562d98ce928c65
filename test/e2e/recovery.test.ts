import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { fillLogin, phoneBrowser, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { MailCatcher } from '../support/mail-catcher.js';
import { linkOn, showMail } from '../support/mail-page.js';

const OLD_PASSWORD = 'Old4pass9';

const phonePage = phoneBrowser();
let t: TestApp;
before(async () => {
  t = await startTestApp();
  await insertPolicy(t.deps.db);
  await insertCustomer(t.deps.db, { userId: 'taro@example.com', password: OLD_PASSWORD, policies: ['C123456789'] });
});
after(async () => t.close());

/** Submits the login form; the test checks where it leads. */
const logIn = (page: Page, userId: string, password: string) => fillLogin(page, t.baseUrl, userId, password);

async function askForKeyword(page: Page, email: string): Promise<string> {
  await page.getByLabel('生年月日', { exact: true }).fill('1975-01-01');
  await page.getByLabel('メールアドレス', { exact: true }).fill(email);
  return email;
}

it('a customer who forgot the password sets new credentials through the mail and lands on home; old sessions end', async () => {
  const earlier = await phonePage();
  await logIn(earlier, 'taro@example.com', OLD_PASSWORD);
  await earlier.waitForURL(/\/mypage$/);

  const page = await phonePage();
  await page.goto(`${t.baseUrl}/login`);
  await page.getByRole('link', { name: 'ユーザーID・パスワードをお忘れの方はこちら' }).click();
  await page.waitForURL(/\/recovery$/);
  assert.match(await page.locator('main').innerText(), /ご登録メールアドレスが使用できなくなっている場合は、本サービスを利用できません。/);
  assert.equal(await page.getByRole('link', { name: '初めてご利用いただく方はこちら' }).getAttribute('href'), '/register');
  await askForKeyword(page, 'taro@example.com');
  await shot(page, 'r1-recovery-input');
  const seen = t.mail.messages.length;
  await page.getByRole('button', { name: '次へ' }).click();

  await page.waitForURL(/\/recovery\/sent$/);
  const keyword = (await page.locator('.keyword').textContent()) ?? '';
  assert.match(keyword, /^[A-Za-z2-9]{6}$/);
  assert.match(await page.locator('main').innerText(), /メールには、キーワードをご案内していません。/);
  await shot(page, 'r2-recovery-keyword');

  const mail = await t.mail.waitFor('taro@example.com', (m) => t.mail.messages.indexOf(m) >= seen);
  assert.equal(mail.subject, '【みらい損保】ユーザーID・パスワード再登録に関するご案内');
  assert.ok(!mail.text.includes(keyword));
  const mailView = await phonePage();
  await showMail(mailView, mail);
  await shot(mailView, 'r3-recovery-mail');

  const phone = await phonePage();
  await phone.goto(linkOn(t.baseUrl, MailCatcher.firstUrl(mail)));
  assert.equal(await phone.locator('h1').textContent(), 'ユーザーID・パスワードの再登録');
  await phone.getByLabel('キーワード', { exact: true }).fill(keyword);
  await shot(phone, 'r4-recovery-keyword-entry');
  await phone.getByRole('button', { name: '次へ' }).click();

  await phone.waitForURL(/\/recovery\/credentials$/);
  // The registered address the mail reached is the user ID, already filled in twice.
  const userId = phone.getByLabel('メールアドレス（ユーザーID）', { exact: true });
  const userIdConfirm = phone.getByLabel('メールアドレス（確認用）', { exact: true });
  assert.equal(await userId.inputValue(), 'taro@example.com');
  assert.equal(await userIdConfirm.inputValue(), 'taro@example.com');
  assert.match(await phone.locator('main').innerText(), /ご案内メールを受信したメールアドレスがユーザーIDになります。/);
  const fillPasswords = async () => {
    await phone.getByLabel('パスワード', { exact: true }).fill('Nw5rTq8m');
    await phone.getByLabel('パスワード（確認用）', { exact: true }).fill('Nw5rTq8m');
    await phone.getByLabel('利用規約に同意します。', { exact: true }).check();
  };
  await fillPasswords();
  await shot(phone, 'r5-recovery-credentials');

  // Another address is refused next to the field, as typed; the mailed one goes through.
  await userId.fill('taro.new@example.com');
  await userIdConfirm.fill('taro.new@example.com');
  await phone.getByRole('button', { name: '次へ' }).click();
  await phone.locator('#f-user_id-error').waitFor();
  assert.equal(await phone.locator('#f-user_id-error').textContent(), 'ユーザーIDには、ご案内メールを受信したメールアドレスをご指定ください。');
  assert.equal(await userId.inputValue(), 'taro.new@example.com');
  await userId.fill('taro@example.com');
  await userIdConfirm.fill('taro@example.com');
  await fillPasswords();
  await phone.getByRole('button', { name: '次へ' }).click();

  await phone.waitForURL(/\/recovery\/credentials\/confirm$/);
  assert.match(await phone.locator('dl.entries').innerText(), /taro@example\.com[\s\S]*●●●●●●●●/);
  await phone.getByRole('button', { name: '次へ' }).click();
  await phone.waitForURL(/\/recovery\/complete$/);
  assert.equal(await phone.locator('p.lead').textContent(), '設定が完了しました。');
  await shot(phone, 'r6-recovery-complete');
  await phone.getByRole('link', { name: 'ホームへ' }).click();
  await phone.waitForURL(/\/mypage$/);
  assert.match(await phone.locator('main').innerText(), /三住 太郎 様/);

  await earlier.goto(`${t.baseUrl}/mypage`);
  await earlier.waitForURL(/\/login/);
  const other = await phonePage();
  await logIn(other, 'taro@example.com', OLD_PASSWORD);
  await other.waitForURL(/\/login$/);
  assert.match(await other.locator('main').innerText(), /ユーザーIDまたはパスワードが正しくありません。/);
  await logIn(other, 'taro@example.com', 'Nw5rTq8m');
  await other.waitForURL(/\/mypage$/);
});

it('an address that is not registered gets the same keyword screen, and no mail goes out', async () => {
  const outboxBefore = (await t.deps.db.selectFrom('outbox').select('id').execute()).length;
  const page = await phonePage();
  await page.goto(`${t.baseUrl}/recovery`);
  await askForKeyword(page, 'nobody@example.com');
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/recovery\/sent$/);
  assert.match((await page.locator('.keyword').textContent()) ?? '', /^[A-Za-z2-9]{6}$/);
  assert.match(await page.locator('main').innerText(), /ご入力いただいたメールアドレスと生年月日がご登録内容と一致する場合は/);
  assert.equal((await t.deps.db.selectFrom('outbox').select('id').execute()).length, outboxBefore);
});
