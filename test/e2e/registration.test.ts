import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { formatDateTimeJa, ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { accessibilityViolations, fillLogin, logIn, phoneBrowser, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { MailCatcher } from '../support/mail-catcher.js';
import { linkOn, showMail } from '../support/mail-page.js';


const phonePage = phoneBrowser();

interface Step1 {
  email: string;
  keyword: string;
}

/** Screen 3's entries for 三住 太郎, kana typed in hiragana as on a phone. */
async function fillStep1(page: Page, input: Step1): Promise<void> {
  await page.getByLabel('姓', { exact: true }).fill('三住');
  await page.getByLabel('名', { exact: true }).fill('太郎');
  await page.getByLabel('セイ', { exact: true }).fill('みつすみ');
  await page.getByLabel('メイ', { exact: true }).fill('タロウ');
  await page.getByLabel('生年月日', { exact: true }).fill('1975-01-01');
  await page.getByLabel('メールアドレス', { exact: true }).fill(input.email);
  await page.getByLabel('キーワード', { exact: true }).fill(input.keyword);
  await page.getByLabel('証券番号', { exact: true }).fill('C123456789');
  await page.getByLabel('利用規約に同意します。', { exact: true }).check();
}

async function requestMail(t: TestApp, page: Page, input: Step1): Promise<string> {
  const seen = t.mail.messages.length;
  await page.goto(`${t.baseUrl}/register`);
  await fillStep1(page, input);
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/register\/confirm$/);
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/register\/sent$/);
  const mail = await t.mail.waitFor(input.email, (m) => t.mail.messages.indexOf(m) >= seen);
  return linkOn(t.baseUrl, MailCatcher.firstUrl(mail));
}

async function setCredentials(page: Page, userId: string, password: string): Promise<void> {
  await page.getByLabel('メールアドレス（ユーザーID）', { exact: true }).fill(userId);
  await page.getByLabel('メールアドレス（確認用）', { exact: true }).fill(userId);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByLabel('パスワード（確認用）', { exact: true }).fill(password);
  await page.getByLabel('利用規約に同意します。', { exact: true }).check();
}

describe('registration in the browser', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await insertPolicy(t.deps.db);
  });
  after(async () => t.close());

  let usedLink = '';

  it('a policyholder registers from the login page, through the mail and keyword, and lands on home logged in', async () => {
    const page = await phonePage();
    await page.goto(`${t.baseUrl}/login`);
    await page.getByRole('link', { name: '初めてご利用いただく方はこちら' }).click();
    await page.waitForURL(/\/register$/);
    assert.equal(await page.locator('h1').textContent(), '新規利用登録');
    assert.deepEqual(await page.locator('ol.steps li').allTextContents(), ['1. お客さま情報の入力', '2. 入力内容の確認', '3. メールの送信、キーワード表示', '4. ID・パスワードの入力', '5. ID・パスワードの確認', '6. 完了']);
    assert.equal(await page.getByRole('link', { name: '利用規約' }).first().getAttribute('href'), '/terms');
    assert.deepEqual(await accessibilityViolations(page), []);
    await fillStep1(page, { email: 'taro@example.com', keyword: 'Abc123' });
    await shot(page, '03-register-input');
    await page.getByRole('button', { name: '次へ' }).click();

    await page.waitForURL(/\/register\/confirm$/);
    const entries = await page.locator('dl.entries').innerText();
    for (const shown of ['三住 太郎', 'ミツスミ タロウ', '1975年01月01日', 'taro@example.com', 'Abc123', 'C123456789']) assert.ok(entries.includes(shown), shown);
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, '04-register-confirm');
    const seen = t.mail.messages.length;
    await page.getByRole('button', { name: '次へ' }).click();

    await page.waitForURL(/\/register\/sent$/);
    assert.equal(await page.locator('.keyword').textContent(), 'Abc123');
    assert.match(await page.locator('main').innerText(), /taro@example\.com）宛てに、初回利用登録のご案内メールを送信しました。/);
    await shot(page, '05-register-keyword');

    const mail = await t.mail.waitFor('taro@example.com', (m) => t.mail.messages.indexOf(m) >= seen);
    assert.equal(mail.subject, '【みらい損保】初回利用登録に関するご案内');
    assert.ok(!mail.text.includes('Abc123'), 'the mail never carries the keyword');
    const mailView = await phonePage();
    await showMail(mailView, mail);
    assert.equal(await mailView.locator('#subject').textContent(), '【みらい損保】初回利用登録に関するご案内');
    await shot(mailView, '06-register-mail');

    // The link opens on the phone's mail app: another browser than the one that started.
    usedLink = linkOn(t.baseUrl, MailCatcher.firstUrl(mail));
    const phone = await phonePage();
    await phone.goto(usedLink);
    assert.equal(await phone.locator('h1').textContent(), '新規利用登録');
    assert.match(await phone.locator('main').innerText(), /新規利用登録のお申し込み時に入力いただいたキーワードを入力して/);
    await phone.getByLabel('キーワード', { exact: true }).fill('Abc123');
    assert.deepEqual(await accessibilityViolations(phone), []);
    await shot(phone, '07-register-keyword-entry');
    await phone.getByRole('button', { name: '次へ' }).click();

    await phone.waitForURL(/\/register\/credentials$/);
    // The indicator goes on counting through the whole registration: the ID/password screen is 4 of 6.
    assert.deepEqual(await phone.locator('ol.steps li').allTextContents(), ['1. お客さま情報の入力', '2. 入力内容の確認', '3. メールの送信、キーワード表示', '4. ID・パスワードの入力', '5. ID・パスワードの確認', '6. 完了']);
    assert.equal(await phone.locator('ol.steps li[aria-current=step]').textContent(), '4. ID・パスワードの入力');
    // The address the mail reached is the user ID, already filled in twice.
    assert.equal(await phone.getByLabel('メールアドレス（ユーザーID）', { exact: true }).inputValue(), 'taro@example.com');
    assert.equal(await phone.getByLabel('メールアドレス（確認用）', { exact: true }).inputValue(), 'taro@example.com');
    assert.match(await phone.locator('main').innerText(), /ご案内メールを受信したメールアドレスがユーザーIDになります。別のメールアドレスをご利用になる場合は、登録完了後に「各種変更の手続き」から変更できます。/);
    await setCredentials(phone, 'taro@example.com', 'Kz7pWq2x');
    assert.deepEqual(await accessibilityViolations(phone), []);
    await shot(phone, '08-register-credentials');
    await phone.getByRole('button', { name: '次へ' }).click();

    await phone.waitForURL(/\/register\/credentials\/confirm$/);
    const confirm = await phone.locator('dl.entries').innerText();
    assert.match(confirm, /メールアドレス（ユーザーID）\s+taro@example\.com/);
    assert.match(confirm, /パスワード\s+●●●●●●●●/);
    assert.ok(!(await phone.content()).includes('Kz7pWq2x'));
    assert.match(confirm, /契約者氏名\s+三住 太郎/);
    await shot(phone, '09-register-credentials-confirm');
    await phone.getByRole('button', { name: '次へ' }).click();

    await phone.waitForURL(/\/register\/complete$/);
    assert.equal(await phone.locator('p.lead').textContent(), 'ご登録ありがとうございます。');
    assert.deepEqual(await accessibilityViolations(phone), []);
    await shot(phone, '10-register-complete');
    await phone.getByRole('link', { name: 'ホームへ' }).click();
    await phone.waitForURL(/\/mypage$/);
    assert.match(await phone.locator('main').innerText(), /三住 太郎 様/);

    // The starting browser, after the keyword was entered elsewhere, is told so.
    await page.reload();
    assert.equal(await page.locator('h1').textContent(), 'お手続きを続けられません');
  });

  it('the used link shows that it is no longer valid, with a way to start again', async () => {
    const page = await phonePage();
    await page.goto(usedLink);
    assert.equal(await page.locator('h1').textContent(), 'このURLは無効です');
    assert.match(await page.locator('main').innerText(), /このURLは既に使用されています。/);
    await page.getByRole('link', { name: '新規利用登録を最初からやり直す' }).click();
    await page.waitForURL(/\/register$/);
  });

  it('再登録 with the registered address replaces the old password at once: the old one no longer logs in, the new one does', async () => {
    const page = await phonePage();
    const link = await requestMail(t, page, { email: 'taro@example.com', keyword: 'Again789' });
    await page.goto(link);
    await page.getByLabel('キーワード', { exact: true }).fill('Again789');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.waitForURL(/\/register\/credentials$/);
    assert.equal(await page.getByLabel('メールアドレス（ユーザーID）', { exact: true }).inputValue(), 'taro@example.com');
    // Another address than the one the mail reached is refused next to the field, as typed.
    await setCredentials(page, 'someone.else@example.com', 'New4pass8');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.locator('#f-user_id-error').waitFor();
    assert.equal(await page.locator('#f-user_id-error').textContent(), 'ユーザーIDには、ご案内メールを受信したメールアドレスをご指定ください。');
    assert.equal(await page.getByLabel('メールアドレス（ユーザーID）', { exact: true }).inputValue(), 'someone.else@example.com');
    assert.equal(await page.getByLabel('パスワード', { exact: true }).inputValue(), '');
    assert.match(page.url(), /\/register\/credentials$/);
    await setCredentials(page, 'taro@example.com', 'New4pass8');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.waitForURL(/\/register\/credentials\/confirm$/);
    await page.getByRole('button', { name: '次へ' }).click();
    await page.waitForURL(/\/register\/complete$/);

    const other = await phonePage();
    await fillLogin(other, t.baseUrl, 'taro@example.com', 'Kz7pWq2x');
    await other.waitForURL(/\/login$/);
    assert.match(await other.locator('main').innerText(), /ユーザーIDまたはパスワードが正しくありません。/);
    await fillLogin(other, t.baseUrl, 'taro@example.com', 'New4pass8');
    await other.waitForURL(/\/mypage$/);
  });

  it('再登録 with another address is held: the page says from when, the owner’s mail carries 心当たりがない, and pressing it cancels', async () => {
    const page = await phonePage();
    const link = await requestMail(t, page, { email: 'taro.phone@example.com', keyword: 'Hold7890' });
    await page.goto(link);
    await page.getByLabel('キーワード', { exact: true }).fill('Hold7890');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.waitForURL(/\/register\/credentials$/);
    await setCredentials(page, 'taro.phone@example.com', 'Ph0nePass8');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.waitForURL(/\/register\/credentials\/confirm$/);
    const seen = t.mail.messages.length;
    await page.getByRole('button', { name: '次へ' }).click();

    // Not logged in: the page says from when the new ID and password work, and how to reach the desk.
    await page.waitForURL(/\/register\/held$/);
    const hold = await t.deps.db.selectFrom('reregistration_holds').select('effective_at').where('status', '=', 'pending').executeTakeFirstOrThrow();
    const effective = formatDateTimeJa(new Date(hold.effective_at));
    const held = await page.locator('main').innerText();
    assert.match(held, /再登録のお申し込みを受け付けました。/);
    assert.match(held, /これまでご登録のメールアドレスと異なるため、お客さまの安全のため、新しいユーザーID・パスワードはすぐには有効になりません。/);
    assert.match(await page.locator('dl.entries').innerText(), new RegExp(`有効になる日時\\s+${effective}`));
    assert.match(held, /みらい損保 インターネットデスク（0120-000-000、受付時間：\(月～金\) 9:00～17:30）までご連絡ください。/);
    assert.equal(await page.getByRole('button', { name: 'ログアウト' }).count(), 0);
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, '10b-register-held');

    // The owner's registered address gets the notice with the 心当たりがない link.
    const mail = await t.mail.waitFor('taro@example.com', (m) => t.mail.messages.indexOf(m) >= seen);
    assert.equal(mail.subject, '【みらい損保】お客さまWebサービス 再登録のお申し込みについて');
    assert.match(mail.text, new RegExp(`新しいユーザーID・パスワードは${effective}から有効になります。`));
    assert.match(mail.text, /【心当たりがない】\n\S+\/register\/cancel\?token=/);
    const mailView = await phonePage();
    await showMail(mailView, mail);
    await shot(mailView, '10c-register-hold-mail');

    // Opening the link only shows the button; pressing it cancels.
    const owner = await phonePage();
    const cancelLink = linkOn(t.baseUrl, MailCatcher.firstUrl(mail));
    await owner.goto(cancelLink);
    assert.equal(await owner.locator('h1').textContent(), '再登録のお申し込みの取消');
    assert.match(await owner.locator('dl.entries').innerText(), /t\*\*\*@example\.com/);
    assert.deepEqual(await accessibilityViolations(owner), []);
    await shot(owner, '10d-register-hold-cancel');
    await owner.getByRole('button', { name: '再登録を取り消す' }).click();
    await owner.locator('h1', { hasText: '再登録のお申し込みを取り消しました' }).waitFor();
    const cancelled = await owner.locator('main').innerText();
    assert.match(cancelled, /新しいユーザーID・パスワードは有効になりません。/);
    assert.match(cancelled, /「各種変更の手続き」からパスワードを変更してください。/);
    assert.deepEqual(await accessibilityViolations(owner), []);
    await shot(owner, '10e-register-hold-cancelled');
    await owner.goto(cancelLink);
    assert.equal(await owner.locator('h1').textContent(), 'このURLは無効です');

    // The owner's ID and password still work; the new ones never will.
    await logIn(owner, t.baseUrl, 'taro@example.com', 'New4pass8');
    const other = await phonePage();
    await fillLogin(other, t.baseUrl, 'taro.phone@example.com', 'Ph0nePass8');
    await other.waitForURL(/\/login$/);
    assert.match(await other.locator('main').innerText(), /ユーザーIDまたはパスワードが正しくありません。/);
  });

  it('five wrong keywords burn the link, as the customer sees it', async () => {
    const page = await phonePage();
    const link = await requestMail(t, page, { email: 'burn@example.com', keyword: 'Right123' });
    await page.goto(link);
    for (let i = 1; i <= 4; i += 1) {
      await page.getByLabel('キーワード', { exact: true }).fill(`Wrong${i}`);
      await page.getByRole('button', { name: '次へ' }).click();
      await page.locator('#f-keyword-error').waitFor();
      assert.equal(await page.locator('#f-keyword-error').textContent(), `キーワードが正しくありません。あと${5 - i}回誤ると、このURLは使用できなくなります。`);
    }
    await page.getByLabel('キーワード', { exact: true }).fill('Wrong5');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.locator('h1', { hasText: 'このURLは無効です' }).waitFor();
    assert.match(await page.locator('main').innerText(), /キーワードの入力誤りが所定の回数を超えたため、このURLは使用できなくなりました。/);
    await page.goto(link);
    assert.equal(await page.locator('h1').textContent(), 'このURLは無効です');
    assert.match(await page.locator('main').innerText(), /所定の回数を超えた/);
  });

  it('HTML typed into the form is shown back as text and never runs', async () => {
    const page = await phonePage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.goto(`${t.baseUrl}/register`);
    await fillStep1(page, { email: '<script>alert(1)</script>', keyword: 'Abc123' });
    await page.getByLabel('姓', { exact: true }).fill('<script>alert(1)</script>');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.locator('.error-summary').waitFor();
    assert.equal(await page.getByLabel('姓', { exact: true }).inputValue(), '<script>alert(1)</script>');
    assert.match(await page.locator('#f-email-error').innerText(), /メールアドレスを正しく入力してください/);
    assert.equal(dialogs, 0);
  });
});

describe('an expired registration link in the browser', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-11-25T01:00:00Z'));
  before(async () => {
    t = await startTestApp({ clock });
    await insertPolicy(t.deps.db);
  });
  after(async () => t.close());

  it('after 48 hours the link says it has expired', async () => {
    const page = await phonePage();
    const link = await requestMail(t, page, { email: 'late@example.com', keyword: 'Late1234' });
    clock.advance(48 * 3_600_000 + 1000);
    await page.goto(link);
    assert.equal(await page.locator('h1').textContent(), 'このURLは無効です');
    assert.match(await page.locator('main').innerText(), /このURLは有効期限が過ぎています。\s*URLの有効期限は、メール送信から48時間です。/);
    assert.equal(await page.getByRole('link', { name: '新規利用登録を最初からやり直す' }).getAttribute('href'), '/register');
  });
});
