import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { saveTemporaryPassword } from '../../src/features/policies/account/temporary-password.js';
import { ManualClock } from '../../src/platform/clock.js';
import { hashSecret } from '../../src/platform/crypto.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { fieldError, summaryOf } from '../support/integration.js';
import { mailPath, nextMail } from '../support/registration.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';

// 各種変更の手続き and その他の手続 for a customer who reads the site in English: every page, each
// form's messages, the mails (in the language of the request that sends them) and 新しいパスワードの設定.

// Wednesday 2026-11-25 10:00 in Japan.
const BASE = new Date('2026-11-25T01:00:00Z');
const PASSWORD = 'Mt4sQx9v';
const SUMMARY = 'Some entries need correcting. Please check the message at each item.';

/** The Japanese words of a page's text (data such as an address on file, or a term kept in brackets). */
const japaneseIn = (page: WebPage): string[] => textOf(page.html).match(/[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e〒「」（）、。・]+/gu) ?? [];

for (const kind of databaseKinds()) {
  describe(`各種変更の手続き in English on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let seq = 0;

    async function customer() {
      seq += 1;
      const policyNumber = `C8000000${String(seq).padStart(2, '0')}`;
      await insertPolicy(t.deps.db, { policy_number: policyNumber });
      const userId = `en${seq}@example.com`;
      const row = await insertCustomer(t.deps.db, { userId, password: PASSWORD, policies: [policyNumber] });
      return { id: row.id, userId, policyNumber };
    }

    /** A browser that asks for English, logged in. */
    async function english(userId: string, password = PASSWORD): Promise<WebClient> {
      const client = new WebClient(t.baseUrl, { 'accept-language': 'en-GB,en;q=0.9' });
      await client.get('/login');
      assert.equal((await client.post('/login', { userId, password })).status, 303, `login ${userId}`);
      return client;
    }

    const page = async (client: WebClient, path: string): Promise<WebPage> => {
      const answer = await client.get(path);
      assert.equal(answer.status, 200, path);
      assert.match(answer.html, /^<!doctype html><html lang="en">/, path);
      return answer;
    };

    before(async () => {
      t = await startTestApp({ db: kind, clock });
    });
    after(async () => t.close());
    beforeEach(() => clock.advance(5 * 60_000));

    it('shows the Changes and Other tabs in English', async () => {
      const c = await customer();
      const client = await english(c.userId);
      const changes = textOf((await page(client, '/mypage/changes')).html);
      for (const text of [
        'Change of address or phone number As the policyholder, you can tell us your new address or phone number.',
        'Change address or phone number',
        `Change of e-mail address (user ID) Current e-mail address (user ID) ${c.userId} Change e-mail address`,
        'Change of password Enter your current password, then choose a new one. Change password',
        'Login methods',
        'Login history',
        'Renewal reminder e-mails When your auto insurance is about to expire',
        'Current setting Receive Change reminder setting',
        'Other changes For the following, please contact your agency or the Mirai Sonpo Internet Desk (',
        'Replacing your car (車両入替)',
        'Your agency (取扱代理店)',
      ]) {
        assert.ok(changes.includes(text), `${text}\nin: ${changes}`);
      }
      const other = textOf((await page(client, '/mypage/other')).html);
      for (const text of [
        'Stop using the Customer Web Service You can stop using the Customer Web Service. Your insurance policies are not affected. Stop using the service',
        'Done by your agency or the Internet Desk',
        'Reporting an accident or breakdown',
        'A new copy of the policy document (保険証券)',
        'If you have an accident, please tell your agency as soon as possible.',
      ]) {
        assert.ok(other.includes(text), `${text}\nin: ${other}`);
      }
    });

    it('asks for an address change in English, with English messages, and mails the receipt in English', async () => {
      const c = await customer();
      const client = await english(c.userId);
      const form = await page(client, '/mypage/changes/address');
      const text = textOf(form.html);
      assert.match(text, /Change of address or phone number Enter your new address and phone number, then press "Request the change"\./);
      assert.match(text, /What we have on file Address 〒100-0005 東京都千代田区丸の内1-1-1 Phone number 03-1234-5678/);
      assert.ok(text.includes(`The change applies to your policies: Policy number (証券番号) ${c.policyNumber}.`), text);
      assert.match(text, /Postal code 7 digits \(e\.g\. 100-0005\)/);
      assert.deepEqual(japaneseIn(form), ['日本語', '〒', '東京都千代田区丸の内', '証券番号']);

      const cases: Array<[Record<string, string>, Record<string, string>]> = [
        [{ postal_code: '', address: '', phone: '' }, { postal_code: 'Postal code is required.', address: 'Address is required.', phone: 'Phone number is required.' }],
        [
          { postal_code: '12345', address: 'a'.repeat(101), phone: '1234' },
          {
            postal_code: 'Please enter the postal code as 7 digits (e.g. 100-0005).',
            address: 'Address can be at most 100 characters.',
            phone: 'Please enter the phone number in digits and hyphens (e.g. 03-1234-5678, 090-1234-5678).',
          },
        ],
        [{ postal_code: '100-0005', address: '<b>Tokyo</b>', phone: '03-1234-5678' }, { address: 'The address has characters that cannot be used (line breaks, < >, etc.).' }],
      ];
      for (const [fields, expected] of cases) {
        const refused = await client.post('/mypage/changes/address', fields);
        assert.equal(refused.status, 400);
        assert.ok(summaryOf(refused).startsWith(SUMMARY), summaryOf(refused));
        for (const [name, message] of Object.entries(expected)) assert.equal(fieldError(refused, name), message, name);
      }

      const mail = nextMail(t, c.userId);
      const sent = await client.post('/mypage/changes/address', { postal_code: '5300001', address: '1-1 Umeda, Kita-ku, Osaka', phone: '06-9876-5432' });
      assert.equal(sent.location, '/mypage/changes/address/complete');
      const done = textOf((await page(client, '/mypage/changes/address/complete')).html);
      assert.match(done, /We have received your request to change your address or phone number\. Received 25 November 2026, \d\d:\d\d \(JST\) Address 〒530-0001 1-1 Umeda, Kita-ku, Osaka Phone number 06-9876-5432 Status Received \(the insurer is processing it\)/);
      assert.match(done, /Back to Changes/);
      const tab = textOf((await page(client, '/mypage/changes')).html);
      assert.match(tab, /Received \(the insurer is processing it\) Received 25 November 2026, \d\d:\d\d \(JST\) 〒530-0001 1-1 Umeda, Kita-ku, Osaka, phone 06-9876-5432/);

      const receipt = await mail();
      assert.equal(receipt.subject, '[Mirai Sonpo] We have received your change of address or phone number');
      assert.match(receipt.text, /^Thank you for using the Mirai Sonpo Customer Web Service\.\n\nWe have received your request to change your address or phone number\.\nReceived: 25 November 2026, \d\d:\d\d \(JST\)\n/);
      assert.match(receipt.text, /You can see your request under Changes in the Customer Web Service\./);
      assert.match(receipt.text, /\[Contact\]/);
      assert.doesNotMatch(receipt.text, /[\u3040-\u30ff]/, 'no kana in the English mail');
    });

    it('sets the renewal reminders in English', async () => {
      const c = await customer();
      const client = await english(c.userId);
      const form = await page(client, '/mypage/changes/reminders');
      assert.match(textOf(form.html), /Renewal reminder e-mail setting Before your auto insurance expires/);
      assert.match(form.html, /<legend>Renewal reminder e-mails<\/legend>/);
      assert.deepEqual(japaneseIn(form), ['日本語']);
      const refused = await client.post('/mypage/changes/reminders', { reminders: 'maybe' });
      assert.equal(refused.status, 400);
      assert.equal(fieldError(refused, 'reminders'), 'Please choose whether you want renewal reminder e-mails.');
      assert.equal((await client.post('/mypage/changes/reminders', { reminders: 'decline' })).location, '/mypage/changes/reminders/complete');
      const done = await page(client, '/mypage/changes/reminders/complete');
      assert.match(textOf(done.html), /Your renewal reminder setting has been saved\. Renewal reminder e-mails Do not receive Back to Changes/);
      assert.match(done.html, /<title>Renewal reminder e-mail setting: done/);
    });

    it('changes the password in English: the rule, each message, the notice mail', async () => {
      const c = await customer();
      const client = await english(c.userId);
      const form = await page(client, '/mypage/changes/password');
      const text = textOf(form.html);
      assert.match(text, /Change of password Enter your current password and a new one, then press "Change"\./);
      assert.match(text, /New password \d+ to \d+ half-width characters, with both letters and digits \(symbols are allowed too\)\./);
      assert.match(text, /New password \(again\) Please enter it once more to check\./);
      assert.deepEqual(japaneseIn(form), ['日本語']);

      const cases: Array<[Record<string, string>, Record<string, string | RegExp>]> = [
        [{ current_password: '', password: '', password_confirm: '' }, { current_password: 'Current password is required.', password: 'New password is required.' }],
        [{ current_password: PASSWORD, password: 'abc', password_confirm: 'abc' }, { password: /^Please use \d+ to \d+ characters\.$/ }],
        [{ current_password: PASSWORD, password: PASSWORD, password_confirm: PASSWORD }, { password: 'Please choose a password different from your current one.' }],
        [{ current_password: PASSWORD, password: 'Kz7pWq2x', password_confirm: '' }, { password_confirm: 'New password (again) is required.' }],
        [{ current_password: PASSWORD, password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2y' }, { password_confirm: 'The two new passwords are not the same.' }],
        [{ current_password: 'Wrong1234', password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x' }, { current_password: 'The current password is not correct.' }],
      ];
      for (const [fields, expected] of cases) {
        const refused = await client.post('/mypage/changes/password', fields);
        assert.equal(refused.status, 400, JSON.stringify(fields));
        for (const [name, message] of Object.entries(expected)) {
          if (typeof message === 'string') assert.equal(fieldError(refused, name), message, name);
          else assert.match(fieldError(refused, name), message, name);
        }
      }

      const mail = nextMail(t, c.userId);
      assert.equal((await client.post('/mypage/changes/password', { current_password: PASSWORD, password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x' })).location, '/mypage/changes/password/complete');
      assert.match(textOf((await page(client, '/mypage/changes/password/complete')).html), /Your password has been changed\. From now on, please log in with your new password\./);
      const notice = await mail();
      assert.equal(notice.subject, '[Mirai Sonpo] Your password has been changed');
      assert.match(notice.text, /The password of your Customer Web Service account has been changed\.\nChanged: 25 November 2026, \d\d:\d\d \(JST\)\n\nIf you did not make this change, please contact us at once \(see \[Contact\] below\)\./);
      assert.doesNotMatch(notice.text, /[\u3040-\u30ff]/);
    });

    it('changes the e-mail address in English: messages, the link mail, the confirm page, the notice to the old address', async () => {
      const c = await customer();
      const other = await customer();
      const client = await english(c.userId);
      const form = await page(client, '/mypage/changes/email');
      const text = textOf(form.html);
      assert.match(text, /Change of e-mail address \(user ID\) 1\. New address 2\. Check your e-mail 3\. Done Enter/);
      assert.match(text, /Enter your new e-mail address and your current password, then press "Send confirmation e-mail"\./);
      assert.match(form.html, />New e-mail address \(user ID\)<\/label>/);
      assert.match(form.html, />New e-mail address \(again\)<\/label>/);
      assert.deepEqual(japaneseIn(form), ['日本語']);

      const cases: Array<[Record<string, string>, Record<string, string>]> = [
        [{}, { new_email: 'New e-mail address (user ID) is required.', current_password: 'Current password is required.' }],
        [{ new_email: 'not-an-address', new_email_confirm: 'x', current_password: PASSWORD }, { new_email: 'New e-mail address (user ID): please enter a valid e-mail address (e.g. taro@example.com).' }],
        [{ new_email: 'new@example.com', new_email_confirm: '', current_password: PASSWORD }, { new_email_confirm: 'New e-mail address (again) is required.' }],
        [{ new_email: 'new@example.com', new_email_confirm: 'neo@example.com', current_password: PASSWORD }, { new_email_confirm: 'The two e-mail addresses are not the same.' }],
        [{ new_email: c.userId, new_email_confirm: c.userId, current_password: PASSWORD }, { new_email: 'This is your current e-mail address (user ID). Please enter a new address.' }],
        [{ new_email: 'new@example.com', new_email_confirm: 'new@example.com', current_password: 'Wrong1234' }, { current_password: 'The current password is not correct.' }],
      ];
      for (const [fields, expected] of cases) {
        const refused = await client.post('/mypage/changes/email', fields);
        assert.equal(refused.status, 400, JSON.stringify(fields));
        assert.ok(summaryOf(refused).startsWith(SUMMARY), summaryOf(refused));
        for (const [name, message] of Object.entries(expected)) assert.equal(fieldError(refused, name), message, name);
      }

      const newEmail = `en-new${seq}@example.com`;
      const mail = nextMail(t, newEmail);
      assert.equal((await client.post('/mypage/changes/email', { new_email: newEmail, new_email_confirm: newEmail, current_password: PASSWORD })).location, '/mypage/changes/email/sent');
      const sent = textOf((await page(client, '/mypage/changes/email/sent')).html);
      assert.ok(sent.includes(`We have sent the e-mail "Please confirm your new e-mail address" to your new address (${newEmail}).`), sent);
      assert.match(sent, /The link works for \d+ (hours|minutes) after the e-mail was sent\./);
      const tab = textOf((await page(client, '/mypage/changes')).html);
      assert.ok(tab.includes(`We have sent a confirmation e-mail to ${newEmail}. Please open the link in it to complete the change (valid until 2`), tab);

      const link = await mail();
      assert.equal(link.subject, '[Mirai Sonpo] Please confirm your new e-mail address');
      assert.match(link.text, /We have received your request to change your e-mail address \(user ID\)\.\nTo complete the change, open the link below and press "Change"\./);
      assert.match(link.text, /For your security this link works for one procedure only/);
      assert.match(link.text, /Valid until: \d+ November 2026, \d\d:\d\d \(JST\)/);
      assert.doesNotMatch(link.text, /[\u3040-\u30ff]/);

      const path = mailPath(link);
      const confirm = await page(client, path);
      assert.match(textOf(confirm.html), new RegExp(`Current e-mail address \\(user ID\\) ${c.userId} New e-mail address \\(user ID\\) ${newEmail} Your e-mail address \\(user ID\\) will be changed as shown above\\.`));
      assert.match(confirm.html, /<button[^>]*>Change<\/button>/);
      assert.deepEqual(japaneseIn(confirm), ['日本語']);

      const notice = nextMail(t, c.userId);
      assert.equal((await client.post('/mypage/changes/email/confirm', { token: new URL(path, 'http://x').searchParams.get('token') ?? '' })).location, '/mypage/changes/email/complete');
      const done = textOf((await page(client, '/mypage/changes/email/complete')).html);
      assert.ok(done.includes(`Your e-mail address (user ID) has been changed. E-mail address (user ID) ${newEmail} From now on, please log in with this address as your user ID.`), done);
      const told = await notice();
      assert.equal(told.subject, '[Mirai Sonpo] Your e-mail address has been changed');
      assert.match(told.text, /Changed: 25 November 2026, \d\d:\d\d \(JST\)\nNew e-mail address: e\*\*\*@example\.com/);
      assert.doesNotMatch(told.text, /[\u3040-\u30ff]/);

      // The link again: its page offers the way back in English (the rest of that page is the platform's).
      const used = await client.get(path);
      assert.equal(used.status, 410);
      assert.match(used.html, />Start the e-mail change again<\/a>/);

      // An address that became another customer's by the time the link is opened: the reason in English.
      const later = `en-later${seq}@example.com`;
      const again = nextMail(t, later);
      await client.get('/mypage/changes/email');
      assert.equal((await client.post('/mypage/changes/email', { new_email: later, new_email_confirm: later, current_password: PASSWORD })).status, 303);
      const laterPath = mailPath(await again());
      await t.deps.db.updateTable('customers').set({ user_id: later }).where('id', '=', other.id).execute();
      const taken = await client.get(laterPath);
      assert.equal(taken.status, 409);
      assert.equal(summaryOf(taken), "This e-mail address is already another customer's user ID, so it cannot be used. Please try again with a different address.");
      assert.match(taken.html, />Start the e-mail change again<\/a>/);
    });

    it('stops the service in English and mails the notice in English', async () => {
      const c = await customer();
      const client = await english(c.userId);
      const form = await page(client, '/mypage/other/stop');
      const text = textOf(form.html);
      assert.match(text, /Stop using the Customer Web Service This stops your use of the Customer Web Service\. Please read the following\./);
      assert.match(text, /Your policies and their cover are not affected\. Your agency or the Internet Desk still handles everything about your policies\./);
      assert.match(text, /If you are sure, enter your password and press "Stop now"\./);
      assert.deepEqual(japaneseIn(form), ['日本語']);
      const empty = await client.post('/mypage/other/stop', { password: '' });
      assert.equal(fieldError(empty, 'password'), 'Password is required.');
      const wrong = await client.post('/mypage/other/stop', { password: 'Wrong1234' });
      assert.equal(fieldError(wrong, 'password'), 'The password is not correct.');

      const mail = nextMail(t, c.userId);
      assert.equal((await client.post('/mypage/other/stop', { password: PASSWORD })).location, '/mypage/other/stop/complete');
      const done = await page(client, '/mypage/other/stop/complete');
      assert.match(textOf(done.html), /You have stopped using the service You have stopped using the Customer Web Service\. Thank you for using it\./);
      assert.match(done.html, /<a class="button" href="\/register">Register<\/a>/);
      const notice = await mail();
      assert.equal(notice.subject, '[Mirai Sonpo] You have stopped using the Customer Web Service');
      assert.match(notice.text, /Received: 25 November 2026, \d\d:\d\d \(JST\)\n\nYour insurance policies are not affected\./);
      assert.doesNotMatch(notice.text, /[\u3040-\u30ff]/);
    });

    it('sets a new password after a temporary one, in English', async () => {
      const c = await customer();
      const temporary = 'tmpx7k2m9q';
      await saveTemporaryPassword(t.deps.db, { customerId: c.id, passwordHash: await hashSecret(temporary), delivery: 'screen', issuedBy: 'test', issuedAt: clock.now(), revealSealed: null });
      const client = await english(c.userId, temporary);
      assert.equal((await client.get('/mypage')).location, '/mypage/new-password');
      const form = await page(client, '/mypage/new-password');
      const text = textOf(form.html);
      assert.match(text, /Set a new password You have logged in with a temporary password\. To continue, please set a new password\./);
      assert.match(text, /New password \d+ to \d+ half-width characters/);
      assert.match(form.html, /<button[^>]*>Set password<\/button>/);
      assert.deepEqual(japaneseIn(form), ['日本語']);

      const empty = await client.post('/mypage/new-password', { password: '', password_confirm: '' });
      assert.equal(fieldError(empty, 'password'), 'New password is required.');
      const same = await client.post('/mypage/new-password', { password: temporary, password_confirm: temporary });
      assert.equal(fieldError(same, 'password'), 'Please choose a password different from the temporary one.');
      const mismatch = await client.post('/mypage/new-password', { password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2' });
      assert.equal(fieldError(mismatch, 'password_confirm'), 'The two new passwords are not the same.');

      const mail = nextMail(t, c.userId);
      assert.equal((await client.post('/mypage/new-password', { password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x' })).location, '/mypage/new-password/complete');
      const done = await page(client, '/mypage/new-password/complete');
      assert.match(textOf(done.html), /Set a new password Your new password has been set\. From now on, please log in with your new password\./);
      assert.match(done.html, /<a class="button primary" href="\/mypage">To Home<\/a>/);
      assert.equal((await mail()).subject, '[Mirai Sonpo] Your password has been changed');
    });

    it('a Japanese browser still gets the Japanese pages and mails', async () => {
      const c = await customer();
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      await client.post('/login', { userId: c.userId, password: PASSWORD });
      await client.get('/mypage/changes/address');
      const refused = await client.post('/mypage/changes/address', { postal_code: '', address: '', phone: '' });
      assert.equal(fieldError(refused, 'postal_code'), '郵便番号を入力してください。');
      const mail = nextMail(t, c.userId);
      await client.post('/mypage/changes/address', { postal_code: '5300001', address: '大阪府大阪市北区梅田3-3-3', phone: '06-9876-5432' });
      assert.equal((await mail()).subject, '【みらい損保】住所・電話番号変更のお申し出受付のお知らせ');
    });
  });
}
