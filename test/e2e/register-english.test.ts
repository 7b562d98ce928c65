import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { accessibilityViolations, phoneBrowser, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { MailCatcher, type CaughtMail } from '../support/mail-catcher.js';
import { linkOn } from '../support/mail-page.js';

const phonePage = phoneBrowser();

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A received English mail as a simple phone page (subject, from, to, text), for the guide's screenshot. */
async function showEnglishMail(page: Page, mail: CaughtMail): Promise<void> {
  await page.setContent(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(mail.subject)}</title>
<style>body{font-family:"Noto Sans CJK JP",sans-serif;margin:0;padding:1rem;line-height:1.6;color:#1f2933}
dl{margin:0 0 1rem;border-bottom:1px solid #d9dee4;padding-bottom:.5rem}dt{font-weight:700;font-size:.8rem;color:#52606d}dd{margin:0 0 .4rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit;margin:0}</style></head>
<body><main><dl><dt>Subject</dt><dd id="subject">${escapeHtml(mail.subject)}</dd><dt>From</dt><dd>${escapeHtml(mail.from)}</dd><dt>To</dt><dd>${escapeHtml(mail.to)}</dd></dl>
<pre id="text">${escapeHtml(mail.text)}</pre></main></body></html>`,
  );
}

/** Japanese a person reads on an English page, besides the terms in brackets and the holder's own name. */
function japaneseIn(text: string): string[] {
  const rest = text.replace(/\([^()]*\)/g, '').replace(/三住|太郎|ミツスミ|タロウ/g, '');
  return rest.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu) ?? [];
}

/** The page reads in English: its language, no Japanese in <main>, and axe finds nothing. */
async function assertEnglishPage(page: Page): Promise<void> {
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(japaneseIn(await page.locator('main').innerText()), [], page.url());
  assert.deepEqual(await accessibilityViolations(page), [], page.url());
}

const STEPS = ['1. Your details', '2. Check your details', '3. E-mail and keyword', '4. User ID and password', '5. Check user ID and password', '6. Done'];

describe('registration and recovery in English in the browser', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await insertPolicy(t.deps.db);
  });
  after(async () => t.close());

  it('a policyholder who reads English switches the page to English, registers through the mail and keyword, and lands on home logged in', async () => {
    const page = await phonePage();
    await page.goto(`${t.baseUrl}/register`);
    assert.equal(await page.locator('h1').textContent(), '新規利用登録');
    await page.getByRole('link', { name: 'Switch to English' }).click();
    await page.waitForURL(/\/register$/);
    assert.equal(await page.locator('h1').textContent(), 'Registration');
    assert.deepEqual(await page.locator('ol.steps li').allTextContents(), STEPS);
    await assertEnglishPage(page);

    // The name in katakana typed in letters, the terms not ticked: the messages say what to do, in English.
    const fillStep1 = async (familyKana: string) => {
      await page.getByLabel('Family name', { exact: true }).fill('三住');
      await page.getByLabel('Given name', { exact: true }).fill('太郎');
      await page.getByLabel('Family name in katakana', { exact: true }).fill(familyKana);
      await page.getByLabel('Given name in katakana', { exact: true }).fill('たろう');
      await page.getByLabel('Date of birth', { exact: true }).fill('1975-01-01');
      await page.getByLabel('E-mail address', { exact: true }).fill('taro@example.com');
      await page.getByLabel('Keyword', { exact: true }).fill('Abc123');
      await page.getByLabel('Policy number (証券番号)', { exact: true }).fill('C123456789');
    };
    await fillStep1('Mitsusumi');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('.error-summary').waitFor();
    assert.equal(await page.locator('#f-family_kana-error').textContent(), 'Family name in katakana: please enter it in katakana or hiragana, as on your policy.');
    assert.equal(await page.locator('#f-agree-error').textContent(), 'Please read the terms of use and tick "I agree to the terms of use."');
    assert.equal(await page.getByLabel('Family name in katakana', { exact: true }).inputValue(), 'Mitsusumi', 'kept as typed');
    await assertEnglishPage(page);

    // Starting the page again, as a person would after reading the messages.
    await page.goto(`${t.baseUrl}/register`);
    await fillStep1('みつすみ');
    await page.getByLabel('I agree to the terms of use.', { exact: true }).check();
    await shot(page, '03-register-input-en');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL(/\/register\/confirm$/);
    const entries = await page.locator('dl.entries').innerText();
    for (const shown of ['三住 太郎', 'ミツスミ タロウ', '1 January 1975', 'taro@example.com', 'Abc123', 'C123456789', "Policyholder's name (契約者氏名)"]) assert.ok(entries.includes(shown), shown);
    await assertEnglishPage(page);
    await shot(page, '04-register-confirm-en');
    const seen = t.mail.messages.length;
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL(/\/register\/sent$/);
    assert.equal(await page.locator('.keyword').textContent(), 'Abc123');
    assert.match(await page.locator('main').innerText(), /We have sent an e-mail about completing your registration to the address you entered \(taro@example\.com\)\./);
    await assertEnglishPage(page);
    await shot(page, '05-register-keyword-en');

    const mail = await t.mail.waitFor('taro@example.com', (m) => t.mail.messages.indexOf(m) >= seen);
    assert.equal(mail.subject, '[Mirai Sonpo] Completing your registration');
    assert.match(mail.text, /To complete your registration, please open the link below\./);
    assert.ok(!mail.text.includes('Abc123'), 'the mail never carries the keyword');
    const mailView = await phonePage();
    await showEnglishMail(mailView, mail);
    assert.deepEqual(japaneseIn(await mailView.locator('#text').innerText()), []);
    await shot(mailView, '06-register-mail-en');

    // The link opened in the same browser: it still reads English.
    await page.goto(linkOn(t.baseUrl, MailCatcher.firstUrl(mail)));
    assert.equal(await page.locator('h1').textContent(), 'Registration');
    assert.match(await page.locator('main').innerText(), /Enter the keyword you chose when you applied for registration, and press "Next"\./);
    await page.getByLabel('Keyword', { exact: true }).fill('Abc123');
    await assertEnglishPage(page);
    await shot(page, '07-register-keyword-entry-en');
    // One slip of the finger first.
    await page.getByLabel('Keyword', { exact: true }).fill('Abc124');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#f-keyword-error').waitFor();
    assert.equal(await page.locator('#f-keyword-error').textContent(), 'The keyword is not correct. After 4 more wrong attempts, this link will stop working.');
    await assertEnglishPage(page);
    await page.getByLabel('Keyword', { exact: true }).fill('Abc123');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL(/\/register\/credentials$/);
    assert.deepEqual(await page.locator('ol.steps li').allTextContents(), STEPS);
    assert.equal(await page.locator('ol.steps li[aria-current=step]').textContent(), '4. User ID and password');
    assert.equal(await page.getByLabel('E-mail address (user ID)', { exact: true }).inputValue(), 'taro@example.com');
    assert.equal(await page.getByLabel('E-mail address (again)', { exact: true }).inputValue(), 'taro@example.com');
    const fillPasswords = async (password: string) => {
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByLabel('Password (again)', { exact: true }).fill(password);
      await page.getByLabel('I agree to the terms of use.', { exact: true }).check();
    };
    await fillPasswords('Kz7pWq2x');
    await assertEnglishPage(page);
    await shot(page, '08-register-credentials-en');
    // A password without a digit first: the rule is said in English beside the field.
    await fillPasswords('onlyletters');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#f-password-error').waitFor();
    assert.equal(await page.locator('#f-password-error').textContent(), 'Please use both letters and digits.');
    await assertEnglishPage(page);
    await fillPasswords('Kz7pWq2x');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL(/\/register\/credentials\/confirm$/);
    const confirm = await page.locator('dl.entries').innerText();
    assert.match(confirm, /E-mail address \(user ID\)\s+taro@example\.com/);
    assert.match(confirm, /Password\s+●●●●●●●●/);
    assert.match(confirm, /Date of birth\s+1 January 1975/);
    await assertEnglishPage(page);
    await shot(page, '09-register-credentials-confirm-en');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL(/\/register\/complete$/);
    assert.equal(await page.locator('p.lead').textContent(), 'Thank you for registering.');
    await assertEnglishPage(page);
    await shot(page, '10-register-complete-en');
    await page.getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(/\/mypage$/);
    assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 1, 'logged in');
  });

  it('a customer who forgot the password, on a Japanese login page, switches to English and sets new credentials through the mail', async () => {
    const page = await phonePage();
    await page.goto(`${t.baseUrl}/login`);
    await page.getByRole('link', { name: 'Switch to English' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByRole('link', { name: 'Forgot your user ID or password?' }).click();
    await page.waitForURL(/\/recovery$/);
    assert.equal(await page.locator('h1').textContent(), 'Forgot your user ID or password?');
    assert.equal(await page.getByRole('link', { name: 'register again' }).getAttribute('href'), '/register');
    await assertEnglishPage(page);

    await page.getByLabel('E-mail address', { exact: true }).fill('taro@example.com');
    await page.getByLabel('Date of birth', { exact: true }).fill('1975-01-01');
    await shot(page, 'r1-recovery-input-en');
    // A date of birth in the future first.
    await page.getByLabel('Date of birth', { exact: true }).fill('2030-01-01');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#f-birth_date-error').waitFor();
    assert.equal(await page.locator('#f-birth_date-error').textContent(), 'Your date of birth cannot be in the future.');
    await assertEnglishPage(page);
    await page.getByLabel('Date of birth', { exact: true }).fill('1975-01-01');
    const seen = t.mail.messages.length;
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL(/\/recovery\/sent$/);
    const keyword = (await page.locator('.keyword').textContent()) ?? '';
    assert.match(keyword, /^[A-Za-z2-9]{6}$/);
    assert.match(await page.locator('main').innerText(), /The keyword is not in the e-mail\./);
    await assertEnglishPage(page);
    await shot(page, 'r2-recovery-keyword-en');

    const mail = await t.mail.waitFor('taro@example.com', (m) => t.mail.messages.indexOf(m) >= seen);
    assert.equal(mail.subject, '[Mirai Sonpo] Setting a new user ID and password');
    assert.ok(!mail.text.includes(keyword));
    const mailView = await phonePage();
    await showEnglishMail(mailView, mail);
    assert.deepEqual(japaneseIn(await mailView.locator('#text').innerText()), []);
    await shot(mailView, 'r3-recovery-mail-en');

    await page.goto(linkOn(t.baseUrl, MailCatcher.firstUrl(mail)));
    assert.equal(await page.locator('h1').textContent(), 'Set a new user ID and password');
    await page.getByLabel('Keyword', { exact: true }).fill(keyword);
    await assertEnglishPage(page);
    await shot(page, 'r4-recovery-keyword-entry-en');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL(/\/recovery\/credentials$/);
    assert.deepEqual(await page.locator('ol.steps li').allTextContents(), ['1. Your details', '2. Check your details', '3. Done']);
    assert.equal(await page.getByLabel('E-mail address (user ID)', { exact: true }).inputValue(), 'taro@example.com');
    await page.getByLabel('Password', { exact: true }).fill('Nw5rTq8m');
    await page.getByLabel('Password (again)', { exact: true }).fill('Nw5rTq8m');
    await page.getByLabel('I agree to the terms of use.', { exact: true }).check();
    await assertEnglishPage(page);
    await shot(page, 'r5-recovery-credentials-en');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL(/\/recovery\/credentials\/confirm$/);
    assert.match(await page.locator('dl.entries').innerText(), /E-mail address \(user ID\)\s+taro@example\.com/);
    await assertEnglishPage(page);
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL(/\/recovery\/complete$/);
    assert.equal(await page.locator('p.lead').textContent(), 'Your new user ID and password are set.');
    await assertEnglishPage(page);
    await shot(page, 'r6-recovery-complete-en');
    await page.getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(/\/mypage$/);
    assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 1, 'logged in');
  });
});
