import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { CANCEL_PATH } from '../../src/features/registration/hold.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import type { CaughtMail } from '../support/mail-catcher.js';
import { expectStatus, mailPath, nextMail, step1Fields, tokenOf } from '../support/registration.js';
import { textOf, WebClient, type WebPage } from '../support/web-client.js';

const PASSWORD = 'Kz7pWq2x';
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' };

/** What a person reads in the page's <main> (the header's 日本語 link is outside it). */
const mainOf = (page: WebPage): string => textOf(/<main id="main">([\s\S]*)<\/main>/.exec(page.html)?.[1] ?? '');
const h1Of = (page: WebPage): string => textOf(/<h1>([\s\S]*?)<\/h1>/.exec(page.html)?.[1] ?? '');
/** The message shown under a field. */
const fieldError = (page: WebPage, name: string): string => textOf(new RegExp(`<p[^>]*id="f-${name}-error"[^>]*>([\\s\\S]*?)</p>`).exec(page.html)?.[1] ?? '');
const keywordOn = (page: WebPage): string => /<dd class="keyword">([^<]*)</.exec(page.html)?.[1] ?? '';

/**
 * Japanese left in an English text: none but the terms kept in brackets for the paper policy
 * (証券番号, 契約者氏名, …) and the `data` a customer typed or a policy holds (三住 太郎).
 */
function japaneseIn(text: string, data: string[] = []): string[] {
  let rest = text.replace(/\([^()]*\)/g, '');
  for (const d of data) rest = rest.split(d).join('');
  return rest.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu) ?? [];
}
const HOLDER = ['三住', '太郎', 'ミツスミ', 'タロウ'];

function assertEnglishMail(mail: CaughtMail, subject: string): void {
  assert.equal(mail.subject, `[Mirai Sonpo] ${subject}`);
  assert.match(mail.text, /^Thank you for using the Mirai Sonpo Customer Web Service\./);
  assert.match(mail.text, /\[Contact\]\nMirai Non-Life Insurance Co\., Ltd\.\nInternet Desk\nTel: 0120-000-000 \(toll-free\)/);
  assert.deepEqual(japaneseIn(mail.text), [], mail.text);
}

for (const kind of databaseKinds()) {
  describe(`registration and recovery in English on ${kind}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-25T01:00:30Z'));
    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { REREGISTRATION_HOLD: '24h' } });
      await insertPolicy(t.deps.db);
    });
    after(async () => t.close());

    it('registers in English: every page, every field message, the mail, and the language may change between steps', async () => {
      const client = new WebClient(t.baseUrl, ENGLISH);
      const input = await client.get('/register');
      assert.match(input.html, /<html lang="en">/);
      assert.equal(h1Of(input), 'Registration');
      assert.match(input.html, /<title>Registration: your details \| Mirai Sonpo Customer Web Service<\/title>/);
      const inputText = mainOf(input);
      assert.match(inputText, /1\. Your details 2\. Check your details 3\. E-mail and keyword 4\. User ID and password 5\. Check user ID and password 6\. Done/);
      for (const label of ['Family name', 'Given name', 'Family name in katakana', 'Given name in katakana', 'Date of birth', 'E-mail address', 'Keyword', 'Policy number (証券番号)']) {
        assert.match(input.html, new RegExp(`<label for="f-[a-z_]+">${label.replace(/[()]/g, '\\$&')}</label>`), label);
      }
      assert.match(inputText, /Policyholder's name \(契約者氏名\)/);
      assert.match(inputText, /I agree to the terms of use\./);
      assert.deepEqual(japaneseIn(inputText), []);

      // Every field wrong: each says so in English, beside the field.
      const bad = await client.post('/register', { family_name: '', given_name: '太郎', family_kana: 'Mitsusumi', given_kana: 'タロウ', birth_date: '1975-02-30', email: 'taro@', keyword: 'ab', policy_number: '', agree: '' });
      assert.equal(bad.status, 400);
      assert.match(mainOf(bad), /Some entries need correcting\. Please check the message at each item\./);
      assert.equal(fieldError(bad, 'family_name'), 'Family name is required.');
      assert.equal(fieldError(bad, 'family_kana'), 'Family name in katakana: please enter it in katakana or hiragana, as on your policy.');
      assert.equal(fieldError(bad, 'birth_date'), 'Please enter your date of birth as a real date (e.g. 1975-01-01).');
      assert.equal(fieldError(bad, 'email'), 'E-mail address: please enter a valid e-mail address (e.g. taro@example.com).');
      assert.equal(fieldError(bad, 'keyword'), 'The keyword must be 4 to 16 half-width letters and digits (capital and small letters count as different).');
      assert.equal(fieldError(bad, 'policy_number'), 'Policy number (証券番号) is required.');
      assert.equal(fieldError(bad, 'agree'), 'Please read the terms of use and tick "I agree to the terms of use."');
      assert.deepEqual(japaneseIn(mainOf(bad), HOLDER), []);
      const future = await client.post('/register', step1Fields({ birth_date: '2030-01-01' }));
      assert.equal(fieldError(future, 'birth_date'), 'Your date of birth cannot be in the future.');

      // Well-formed, but not the policy's holder: one message naming no item.
      const mismatch = await client.post('/register', step1Fields({ birth_date: '1975-01-02' }));
      assert.equal(mismatch.status, 400);
      assert.match(mainOf(mismatch), /We could not find a policy with these details\. Please check the policyholder's name, the name in katakana, the date of birth and the policy number against your insurance policy \(保険証券\), and try again\./);

      expectStatus(await client.post('/register', step1Fields()), 303, 'POST /register');
      const confirm = await client.get('/register/confirm');
      assert.match(confirm.html, /<title>Registration: check your details/);
      const confirmText = mainOf(confirm);
      for (const shown of ["Policyholder's name (契約者氏名) 三住 太郎", "Policyholder's name in katakana (契約者氏名カナ) ミツスミ タロウ", 'Date of birth 1 January 1975', 'E-mail address taro@example.com', 'Keyword Abc123', 'Policy number (証券番号) C123456789']) {
        assert.ok(confirmText.includes(shown), `${shown} in ${confirmText}`);
      }
      assert.match(confirmText, /Please check your details\. If they are correct, press "Next"\. .* Next Edit/);
      assert.deepEqual(japaneseIn(confirmText, HOLDER), []);

      // The customer switches to Japanese at the confirmation, and back: each step in the request's language.
      expectStatus(await client.get('/language/ja?next=%2Fregister%2Fconfirm'), 303, 'to Japanese');
      const japanese = await client.get('/register/confirm');
      assert.match(japanese.html, /<html lang="ja">/);
      assert.match(mainOf(japanese), /入力内容をご確認のうえ、よろしければ「次へ」ボタンを押してください。/);
      assert.match(mainOf(japanese), /生年月日 1975年01月01日/);
      expectStatus(await client.get('/language/en?next=%2Fregister%2Fconfirm'), 303, 'back to English');
      await client.get('/register/confirm');

      const mail = nextMail(t, 'taro@example.com');
      expectStatus(await client.post('/register/confirm', {}), 303, 'POST /register/confirm');
      const sent = await client.get('/register/sent');
      const sentText = mainOf(sent);
      assert.match(sentText, /We have sent an e-mail about completing your registration to the address you entered \(taro@example\.com\)\./);
      assert.match(sentText, /Keyword Abc123/);
      assert.match(sentText, /The link in the e-mail works for 48 hours after it was sent\./);
      assert.deepEqual(japaneseIn(sentText), []);

      // The mail in the language of the request that sent it.
      const received = await mail();
      assertEnglishMail(received, 'Completing your registration');
      assert.match(received.text, /To complete your registration, please open the link below\.\nOn the page that opens, enter the keyword you chose when you applied\./);
      assert.match(received.text, /it stops working 48 hours after this e-mail was sent\.\n\nhttps?:\/\/\S+\/register\/verify\?token=\S+\nValid until: 27 November 2026, 10:00 \(JST\)\n/);
      assert.doesNotMatch(received.text, /Abc123/);

      // The link opened on a phone that also reads English.
      const path = mailPath(received);
      const phone = new WebClient(t.baseUrl, ENGLISH);
      const keywordPage = await phone.get(path);
      assert.equal(keywordPage.status, 200);
      assert.equal(h1Of(keywordPage), 'Registration');
      assert.match(mainOf(keywordPage), /Enter the keyword you chose when you applied for registration, and press "Next"\./);
      assert.match(keywordPage.html, /<label for="f-keyword">Keyword<\/label>/);
      const empty = await phone.post('/register/verify', { token: tokenOf(path), keyword: ' ' });
      assert.equal(fieldError(empty, 'keyword'), 'Keyword is required.');
      const wrong = await phone.post('/register/verify', { token: tokenOf(path), keyword: 'Wrong1' });
      assert.equal(wrong.status, 400);
      assert.equal(fieldError(wrong, 'keyword'), 'The keyword is not correct. After 4 more wrong attempts, this link will stop working.');
      expectStatus(await phone.post('/register/verify', { token: tokenOf(path), keyword: 'Abc123' }), 303, 'POST verify');

      const credentials = await phone.get('/register/credentials');
      const credentialsText = mainOf(credentials);
      assert.match(credentialsText, /4\. User ID and password/);
      assert.match(credentials.html, /<li class="current" aria-current="step">4\. User ID and password<\/li>/);
      assert.match(credentialsText, /Enter the user ID and password you would like to use, and press "Next"\./);
      assert.match(credentialsText, /Your user ID is the e-mail address that received our e-mail\./);
      assert.match(credentialsText, /6 to 15 half-width characters, with both letters and digits \(symbols are allowed too\)\./);
      for (const label of ['E-mail address \\(user ID\\)', 'E-mail address \\(again\\)', 'Password', 'Password \\(again\\)']) assert.match(credentials.html, new RegExp(`<label for="f-[a-z_]+">${label}</label>`), label);
      assert.deepEqual(japaneseIn(credentialsText), []);

      const fields = (overrides: Record<string, string>) => ({ user_id: 'taro@example.com', user_id_confirm: 'taro@example.com', password: PASSWORD, password_confirm: PASSWORD, agree: '1', ...overrides });
      const notMailed = await phone.post('/register/credentials', fields({ user_id: 'jiro@example.com', user_id_confirm: 'jiro@example.com' }));
      assert.equal(fieldError(notMailed, 'user_id'), 'Please use the e-mail address that received our e-mail as your user ID.');
      const mismatched = await phone.post('/register/credentials', fields({ user_id_confirm: 'taro@example.net', password: 'Kz7', password_confirm: '', agree: '' }));
      assert.equal(mismatched.status, 400);
      assert.equal(fieldError(mismatched, 'user_id_confirm'), 'The two e-mail addresses do not match.');
      assert.equal(fieldError(mismatched, 'password'), 'Please use 6 to 15 characters.');
      assert.equal(fieldError(mismatched, 'agree'), 'Please read the terms of use and tick "I agree to the terms of use."');
      const noDigit = await phone.post('/register/credentials', fields({ user_id_confirm: '', password: 'KzpWqxab' }));
      assert.equal(fieldError(noDigit, 'user_id_confirm'), 'E-mail address (again) is required.');
      assert.equal(fieldError(noDigit, 'password'), 'Please use both letters and digits.');
      const fullWidth = await phone.post('/register/credentials', fields({ password: 'Ｋｚ７ｐＷｑ２ｘ' }));
      assert.equal(fieldError(fullWidth, 'password'), 'Please use half-width letters and digits: the password contains full-width letters or digits (switch your keyboard to half-width input).');
      const common = await phone.post('/register/credentials', fields({ password: 'password1' }));
      assert.equal(fieldError(common, 'password'), 'This password is too easy to guess. Please choose another one.');
      const again = await phone.post('/register/credentials', fields({ password_confirm: 'Kz7pWq2y' }));
      assert.equal(fieldError(again, 'password_confirm'), 'The two passwords do not match.');
      const noConfirm = await phone.post('/register/credentials', fields({ password_confirm: '' }));
      assert.equal(fieldError(noConfirm, 'password_confirm'), 'Password (again) is required.');
      assert.deepEqual(japaneseIn(mainOf(noDigit)), []);

      expectStatus(await phone.post('/register/credentials', fields({})), 303, 'POST credentials');
      const check = mainOf(await phone.get('/register/credentials/confirm'));
      for (const shown of ['E-mail address (user ID) taro@example.com', 'Password ●●●●●●●●', "Policyholder's name (契約者氏名) 三住 太郎", 'Date of birth 1 January 1975', '5. Check user ID and password']) {
        assert.ok(check.includes(shown), `${shown} in ${check}`);
      }
      assert.deepEqual(japaneseIn(check, HOLDER), []);
      expectStatus(await phone.post('/register/credentials/confirm', {}), 303, 'POST credentials/confirm');
      const done = await phone.get('/register/complete');
      assert.equal(h1Of(done), 'Registration');
      assert.match(mainOf(done), /6\. Done Thank you for registering\. Press "Home" to start using the Customer Web Service\. Home/);
      assert.match(done.html, /<a class="button primary" href="\/mypage">Home<\/a>/);
      assert.equal((await phone.get('/mypage')).status, 200, 'logged in');
      const customer = await t.deps.db.selectFrom('customers').select(['user_id', 'locale']).executeTakeFirstOrThrow();
      assert.deepEqual(customer, { user_id: 'taro@example.com', locale: 'en' }, 'the customer’s language is the one they registered in');

      // The used link: the way back is in English (the page itself is the platform's).
      const used = await new WebClient(t.baseUrl, ENGLISH).get(path);
      assert.equal(used.status, 410);
      assert.match(used.html, /<a class="button" href="\/register">Start the registration again<\/a>/);
    });

    it('recovers the user ID and password in English: pages, field messages and the mail', async () => {
      const client = new WebClient(t.baseUrl, ENGLISH);
      const input = await client.get('/recovery');
      assert.equal(h1Of(input), 'Forgot your user ID or password?');
      const inputText = mainOf(input);
      assert.match(inputText, /Enter your registered e-mail address \(your user ID\) and your date of birth, and press "Next"\./);
      assert.match(input.html, /<label for="f-email">E-mail address<\/label>/);
      assert.match(input.html, /<label for="f-birth_date">Date of birth<\/label>/);
      assert.match(input.html, /Please <a href="\/register">register again<\/a> instead\./);
      assert.deepEqual(japaneseIn(inputText), []);

      const bad = await client.post('/recovery', { email: '', birth_date: '2030-01-01' });
      assert.equal(bad.status, 400);
      assert.equal(fieldError(bad, 'email'), 'E-mail address is required.');
      assert.equal(fieldError(bad, 'birth_date'), 'Your date of birth cannot be in the future.');
      const invalid = await client.post('/recovery', { email: 'taro@', birth_date: '' });
      assert.equal(fieldError(invalid, 'email'), 'E-mail address: please enter a valid e-mail address (e.g. taro@example.com).');
      assert.equal(fieldError(invalid, 'birth_date'), 'Date of birth is required.');

      const mail = nextMail(t, 'taro@example.com');
      expectStatus(await client.post('/recovery', { email: 'taro@example.com', birth_date: '1975-01-01' }), 303, 'POST /recovery');
      const sent = await client.get('/recovery/sent');
      const sentText = mainOf(sent);
      assert.match(sentText, /If the e-mail address and date of birth you entered match our records, we have sent an e-mail to that address about setting a new user ID and password\./);
      assert.match(sentText, /The keyword is not in the e-mail\./);
      assert.match(sentText, /works for 48 hours after it was sent/);
      assert.deepEqual(japaneseIn(sentText), []);
      const keyword = keywordOn(sent);
      assert.match(keyword, /^[A-Za-z2-9]{6}$/);

      const received = await mail();
      assertEnglishMail(received, 'Setting a new user ID and password');
      assert.match(received.text, /To set a new user ID and password, please open the link below\./);
      assert.match(received.text, /\(the keyword is not in this e-mail\)/);
      assert.ok(!received.text.includes(keyword));

      const path = mailPath(received);
      const phone = new WebClient(t.baseUrl, ENGLISH);
      const keywordPage = await phone.get(path);
      assert.equal(h1Of(keywordPage), 'Set a new user ID and password');
      assert.match(mainOf(keywordPage), /Enter the keyword that was shown on screen when you made the request, and press "Next"\./);
      const wrong = await phone.post('/recovery/verify', { token: tokenOf(path), keyword: 'Wrong1' });
      assert.equal(fieldError(wrong, 'keyword'), 'The keyword is not correct. After 4 more wrong attempts, this link will stop working.');
      expectStatus(await phone.post('/recovery/verify', { token: tokenOf(path), keyword }), 303, 'POST verify');
      const credentials = await phone.get('/recovery/credentials');
      assert.match(mainOf(credentials), /1\. Your details 2\. Check your details 3\. Done/);
      const newPassword = 'Nw5rTq8m';
      const sameAsId = await phone.post('/recovery/credentials', { user_id: 'taro@example.com', user_id_confirm: 'taro@example.com', password: 'password', password_confirm: 'password', agree: '1' });
      assert.equal(fieldError(sameAsId, 'password'), 'Please use both letters and digits.');
      const fields = { user_id: 'taro@example.com', user_id_confirm: 'taro@example.com', password: newPassword, password_confirm: newPassword, agree: '1' };
      expectStatus(await phone.post('/recovery/credentials', fields), 303, 'POST credentials');
      const check = await phone.get('/recovery/credentials/confirm');
      assert.match(mainOf(check), /2\. Check your details .*E-mail address \(user ID\) taro@example\.com Password ●●●●●●●●/);
      expectStatus(await phone.post('/recovery/credentials/confirm', {}), 303, 'POST credentials/confirm');
      const done = await phone.get('/recovery/complete');
      assert.match(mainOf(done), /Your new user ID and password are set\. Press "Home" to use the Customer Web Service with your new user ID and password\./);
      assert.deepEqual(japaneseIn(mainOf(done)), []);
      assert.equal((await phone.get('/mypage')).status, 200, 'logged in');
    });

    it('a 再登録 to another address in English: the held page, the owner’s mail, the cancel pages, and the job’s notice in the customer’s language', async () => {
      const db = t.deps.db;
      // Someone re-registers the policy with another address, in English.
      const reRegister = async (email: string, keyword: string) => {
        const client = new WebClient(t.baseUrl, ENGLISH);
        const mail = nextMail(t, email);
        await client.get('/register');
        expectStatus(await client.post('/register', step1Fields({ email, keyword })), 303, 'POST /register');
        await client.get('/register/confirm');
        expectStatus(await client.post('/register/confirm', {}), 303, 'POST /register/confirm');
        const path = mailPath(await mail());
        await client.get(path);
        expectStatus(await client.post('/register/verify', { token: tokenOf(path), keyword }), 303, 'POST verify');
        await client.get('/register/credentials');
        expectStatus(await client.post('/register/credentials', { user_id: email, user_id_confirm: email, password: 'M0vedPass', password_confirm: 'M0vedPass', agree: '1' }), 303, 'POST credentials');
        await client.get('/register/credentials/confirm');
        const ownerMail = nextMail(t, 'taro@example.com');
        expectStatus(await client.post('/register/credentials/confirm', {}), 303, 'POST credentials/confirm');
        return { client, ownerMail: await ownerMail() };
      };

      const first = await reRegister('taro.phone@example.com', 'Hold7890');
      const held = await first.client.get('/register/held');
      assert.equal(h1Of(held), 'Registration');
      const heldText = mainOf(held);
      assert.match(heldText, /We have received your request to re-register\./);
      assert.match(heldText, /New user ID \(e-mail address\) taro\.phone@example\.com Active from 26 November 2026, 10:01 \(JST\)/);
      assert.match(heldText, /If it is urgent or you have any questions, please contact Mirai Sonpo Internet Desk \(0120-000-000, Mon–Fri 9:00–17:30 Japan time\)\./);
      assert.deepEqual(japaneseIn(heldText), []);

      assertEnglishMail(first.ownerMail, 'Customer Web Service: a request to re-register');
      assert.match(first.ownerMail.text, /New user ID \(e-mail address\): t\*\*\*@example\.com/);
      assert.match(first.ownerMail.text, /the new user ID and password become active from 26 November 2026, 10:01 \(JST\)\./);
      assert.match(first.ownerMail.text, /\[I did not make this request\]\nhttps?:\/\/\S+\/register\/cancel\?token=\S+\n/);

      // The owner opens the 心当たりがない link in English and cancels.
      const cancelPath = mailPath(first.ownerMail);
      const owner = new WebClient(t.baseUrl, ENGLISH);
      const cancel = await owner.get(cancelPath);
      assert.equal(h1Of(cancel), 'Cancel the request to re-register');
      assert.match(mainOf(cancel), /^Cancel the request to re-register On 25 November 2026, 10:00 \(JST\), someone asked to re-register for the Customer Web Service/);
      assert.match(cancel.html, /<button[^>]*>Cancel the re-registration<\/button>/);
      assert.deepEqual(japaneseIn(mainOf(cancel)), []);
      const cancelled = await owner.post(CANCEL_PATH, { token: tokenOf(cancelPath) });
      assert.equal(h1Of(cancelled), 'Re-registration cancelled');
      assert.match(mainOf(cancelled), /change your password under "Changes" \(各種変更の手続き\)\./);
      const usedAgain = await owner.post(CANCEL_PATH, { token: tokenOf(cancelPath) });
      assert.equal(usedAgain.status, 410);
      assert.match(mainOf(usedAgain), /This link is not valid This link has already been used: the request to re-register is already cancelled\./);
      assert.match(mainOf(await first.client.get('/register/held')), /This request was cancelled\./);

      // A second one is left to take effect: the job's notice goes out in the customer's language (customers.locale).
      await db.updateTable('customers').set({ locale: 'en' }).execute();
      const second = await reRegister('taro.moved@example.com', 'Move7890');
      const notice = nextMail(t, 'taro@example.com');
      clock.advance(24 * 3_600_000 + 60_000);
      const told = await notice();
      assertEnglishMail(told, 'Customer Web Service: re-registration completed');
      assert.match(told.text, /your re-registration for the Customer Web Service \(a new user ID and password\) was completed\.\nNew user ID \(e-mail address\): t\*\*\*@example\.com/);
      const late = await new WebClient(t.baseUrl, ENGLISH).get(mailPath(second.ownerMail));
      assert.equal(late.status, 410);
      assert.match(mainOf(late), /The time to cancel has passed, and the new user ID and password are already active\./);
    });
  });
}

describe('a 再登録 notice in Japanese for a customer who reads Japanese', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-11-25T01:00:30Z'));
  before(async () => {
    t = await startTestApp({ clock, env: { REREGISTRATION_HOLD: '24h' } });
    await insertPolicy(t.deps.db);
    await insertCustomer(t.deps.db, { userId: 'taro@example.com', password: 'Ow9nRq4t', policies: ['C123456789'] });
  });
  after(async () => t.close());

  it('the registered address’s mails (the hold, the job’s notice) are in the account’s Japanese, not the English of whoever re-registered', async () => {
    const client = new WebClient(t.baseUrl, ENGLISH);
    const mail = nextMail(t, 'moved@example.com');
    await client.get('/register');
    expectStatus(await client.post('/register', step1Fields({ email: 'moved@example.com', keyword: 'Grab1234' })), 303, 'POST /register');
    await client.get('/register/confirm');
    expectStatus(await client.post('/register/confirm', {}), 303, 'POST /register/confirm');
    const path = mailPath(await mail());
    await client.get(path);
    expectStatus(await client.post('/register/verify', { token: tokenOf(path), keyword: 'Grab1234' }), 303, 'POST verify');
    await client.get('/register/credentials');
    expectStatus(await client.post('/register/credentials', { user_id: 'moved@example.com', user_id_confirm: 'moved@example.com', password: 'M0vedPass', password_confirm: 'M0vedPass', agree: '1' }), 303, 'credentials');
    await client.get('/register/credentials/confirm');
    const held = nextMail(t, 'taro@example.com');
    expectStatus(await client.post('/register/credentials/confirm', {}), 303, 'confirm');
    assert.equal((await held()).subject, '【みらい損保】お客さまWebサービス 再登録のお申し込みについて');
    const notice = nextMail(t, 'taro@example.com');
    clock.advance(24 * 3_600_000 + 60_000);
    assert.equal((await notice()).subject, '【みらい損保】お客さまWebサービス 再登録完了のお知らせ');
  });
});
