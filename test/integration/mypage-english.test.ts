import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/features/reminders/offsets.js';
import { sendDueReminders } from '../../src/features/reminders/service.js';
import { renewableOnline } from '../../src/features/renewal/coverage.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { fieldError, summaryOf } from '../support/integration.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';
import { policyUrl } from '../support/policy-urls.js';

// Wednesday 2026-11-25 10:00 in Japan.
const BASE = new Date('2026-11-25T10:00:00+09:00');
const TODAY = '2026-11-25';
const PASSWORD = 'Mt4sQx9v';
const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

/** The text of the page's <main>. */
const mainText = (page: WebPage) => textOf(/<main id="main">(.*?)<\/main>/s.exec(page.html)?.[1] ?? '');

// What may stay Japanese on an English page: the customer's and the policy's own data, and the
// Japanese a customer matches to the paper policy, always in brackets after the English.
const DATA = ['三住 太郎', 'ミツスミ タロウ', 'プリウス', 'N-BOX', '品川 300 さ 12-34', '品川 580 あ 56-78', 'みらい保険サービス有限会社', '東京都千代田区丸の内1-1-1', '〒'];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]/;

/** The Japanese words left on the page outside the data and the brackets ('' when none). */
function japaneseLeft(text: string): string {
  let rest = text;
  for (const d of DATA) rest = rest.split(d).join(' ');
  rest = rest.replace(/\([^()]*\)/g, ' ');
  return rest
    .split(/\s+/)
    .filter((word) => JAPANESE.test(word))
    .join(' ');
}

function assertEnglish(page: WebPage, where: string) {
  assert.equal(page.status < 500, true, where);
  assert.match(page.html, /^<!doctype html><html lang="en">/, where);
  assert.equal(japaneseLeft(mainText(page)), '', `${where}: Japanese left on the English page`);
}

for (const kind of databaseKinds()) {
  describe(`the logged-in home in English on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let seq = 0;

    /** A registered customer with the default policy under a number of its own; returns the user ID and number. */
    async function customer(overrides: Parameters<typeof insertPolicy>[1] = {}) {
      seq += 1;
      const policyNumber = `E5000000${String(seq).padStart(2, '0')}`;
      await insertPolicy(t.deps.db, { policy_number: policyNumber, ...overrides });
      const userId = `english${seq}@example.com`;
      const row = await insertCustomer(t.deps.db, { userId, password: PASSWORD, policies: [policyNumber] });
      return { id: row.id, userId, policyNumber };
    }

    /** A browser that asks for English first, logged in. */
    async function englishBrowser(userId: string, userAgent = WINDOWS_CHROME) {
      const client = new WebClient(t.baseUrl, { 'accept-language': 'en-GB,en;q=0.9', 'user-agent': userAgent });
      await client.get('/login');
      assert.equal((await client.post('/login', { userId, password: PASSWORD })).status, 303, `login ${userId}`);
      return client;
    }

    before(async () => {
      t = await startTestApp({ db: kind, clock });
    });
    after(async () => t.close());

    it('home greets by name, shows the tabs and the policies in English', async () => {
      const c = await customer();
      const client = await englishBrowser(c.userId);
      const home = await client.get('/mypage');
      assertEnglish(home, '/mypage');
      assert.match(home.html, /<title>Home \| Mirai Sonpo Customer Web Service<\/title>/);
      assert.match(home.html, /<h1>三住 太郎<\/h1>/);
      assert.match(home.html, /<nav aria-label="Your menu">/);
      for (const [href, label] of [['/mypage', 'Home'], ['/mypage/policies', 'Your policies'], ['/mypage/changes', 'Changes'], ['/mypage/renewals', 'Renewal'], ['/mypage/other', 'Other']]) {
        assert.ok(home.html.includes(`<a href="${href}"${href === '/mypage' ? ' aria-current="page"' : ''}>${label}</a>`), label);
      }
      const text = mainText(home);
      assert.match(text, /Last login This is your first login/);
      assert.match(text, /Welcome to the Customer Web Service\. Here you can check your policies and renew your auto insurance\./);
      assert.match(text, /Your policies Auto insurance \(自動車保険\) – プリウス Policy number \(証券番号\) E5000000\d\d Expiry date \(満期日\) 27 December 2026/);
      const renewable = /One of your policies can be renewed now\./.test(text);
      assert.equal(renewable, /Renewal open/.test(text), 'the notice and the badge go together');
      // The next visit shows the last login in English, Japan time.
      clock.advance(60 * 60_000);
      const again = await englishBrowser(c.userId);
      assert.match(mainText(await again.get('/mypage')), /Last login 25 November 2026, 10:00 \(JST\)/);
    });

    it('Your policies and a policy’s details read in English, with the paper policy’s words in brackets', async () => {
      const c = await customer();
      const client = await englishBrowser(c.userId);
      const list = await client.get('/mypage/policies');
      assertEnglish(list, '/mypage/policies');
      assert.match(list.html, new RegExp(`<section class="policy-card" aria-label="Policy number \\(証券番号\\) ${c.policyNumber}">`));
      const card = mainText(list);
      assert.match(card, new RegExp(`Auto insurance \\(自動車保険\\), policy number \\(証券番号\\) ${c.policyNumber} In force`));
      assert.match(card, /Period of insurance \(保険期間\) 27 December 2025 – 27 December 2026/);
      assert.match(card, /Non-fleet grade \(ノンフリート等級\) Grade 14 Annual premium ¥58,200 Payment method Bank account transfer \(口座振替\) Agency \(取扱代理店\) みらい保険サービス有限会社 Policy details/);
      assert.match(card, /Is a policy missing\? \+ Add a policy/);

      const details = await client.get(policyUrl(t, c.policyNumber));
      assertEnglish(details, 'details');
      assert.match(details.html, new RegExp(`<title>Policy details, policy number ${c.policyNumber} \\|`));
      const text = mainText(details);
      for (const expected of [
        `Policy details Auto insurance (自動車保険), policy number (証券番号) ${c.policyNumber} In force`,
        'Policy summary',
        'Type of insurance (種目) Auto insurance (自動車保険)',
        'Name (契約者氏名) 三住 太郎 Name in kana (契約者氏名カナ) ミツスミ タロウ Address 〒100-0005 東京都千代田区丸の内1-1-1 Phone number 03-1234-5678',
        'Vehicle class (用途車種) Private passenger car (自家用普通乗用車)',
        'Bodily injury liability (対人賠償) Unlimited Property damage liability (対物賠償) Unlimited Personal injury (人身傷害) ¥30,000,000',
        'Vehicle damage (車両保険) General (一般型) Vehicle insured amount (車両保険金額) ¥2,200,000 Deductible (免責金額) 1st claim ¥50,000, later claims ¥100,000',
        'Riders (特約) Legal expenses (弁護士費用特約), Road assistance (ロードアシスタンス特約)',
        'Driver age (運転者年齢条件) 35 and over (35歳以上) Who may drive (運転者限定) Family only (家族限定) Use of the car (使用目的) Daily life and leisure',
        'Non-fleet grade (ノンフリート等級) Grade 14 Accident rate years (事故有係数) 0 years Annual premium ¥58,200',
        'This is the policy information the insurer holds.',
        'Back to “Your policies”',
      ]) {
        assert.ok(text.includes(expected), `details: ${expected}\n${text}`);
      }

      const missing = await client.get('/mypage/policies/C000000000');
      assert.equal(missing.status, 404);
      assertEnglish(missing, 'not found');
      assert.match(mainText(missing), /^Policy not found We could not find that policy\./);
    });

    it('Renewal lists the policies with English headings and buttons', async () => {
      const c = await customer();
      const client = await englishBrowser(c.userId);
      const page = await client.get('/mypage/renewals');
      assertEnglish(page, '/mypage/renewals');
      assert.match(page.html, /<th scope="col">Policy number \(証券番号\)<\/th><th scope="col">Start date<\/th><th scope="col">Expiry date \(満期日\)<\/th><th scope="col">Agency \(取扱代理店\)<\/th><th scope="col">Last procedure<\/th><th scope="col">Action<\/th>/);
      assert.match(mainText(page), new RegExp(`${c.policyNumber} 27 December 2025 27 December 2026 みらい保険サービス有限会社 - (Renew|Opens on \\d+ \\w+ 2026)`));
      assert.match(mainText(page), /Press “Renew” next to the policy you want to renew/);
    });

    it('adding a policy answers in English: field messages, the mismatch, and the done page', async () => {
      const c = await customer();
      await insertPolicy(t.deps.db, { policy_number: `F${c.policyNumber.slice(1)}`, vehicle_model: 'N-BOX' });
      const client = await englishBrowser(c.userId);
      const form = await client.get('/mypage/policies/add');
      assertEnglish(form, 'add form');
      assert.match(form.html, /<legend>Policyholder’s name in kana \(契約者氏名カナ\)<\/legend>/);
      assert.match(form.html, /<button type="submit"[^>]*>Add<\/button>/);

      const empty = await client.post('/mypage/policies/add', { policy_number: '', family_kana: '', given_kana: '', birth_date: '' });
      assert.equal(empty.status, 400);
      assertEnglish(empty, 'empty form');
      assert.equal(summaryOf(empty).startsWith('Some entries need correcting.'), true, summaryOf(empty));
      assert.equal(fieldError(empty, 'policy_number'), 'Policy number (証券番号) is required.');
      assert.equal(fieldError(empty, 'family_kana'), 'Family name (セイ) is required.');
      assert.equal(fieldError(empty, 'given_kana'), 'Given name (メイ) is required.');
      assert.equal(fieldError(empty, 'birth_date'), 'Date of birth is required.');

      const odd = await client.post('/mypage/policies/add', { policy_number: 'C-1', family_kana: 'Mitsusumi', given_kana: 'たろう', birth_date: '2999-01-01' });
      assert.equal(fieldError(odd, 'policy_number'), 'Please enter the policy number in half-width letters and digits, as on your policy.');
      assert.equal(fieldError(odd, 'family_kana'), 'Family name (セイ): please enter it in katakana or hiragana, as on your policy.');
      assert.equal(fieldError(odd, 'given_kana'), '');
      assert.equal(fieldError(odd, 'birth_date'), 'Your date of birth cannot be in the future.');

      const wrong = await client.post('/mypage/policies/add', { policy_number: `F${c.policyNumber.slice(1)}`, family_kana: 'みつすみ', given_kana: 'たろう', birth_date: '1975-01-02' });
      assert.equal(wrong.status, 400);
      assert.match(summaryOf(wrong), /^We could not find a policy to add with these entries\./);
      const own = await client.post('/mypage/policies/add', { policy_number: c.policyNumber, family_kana: 'みつすみ', given_kana: 'たろう', birth_date: '1975-01-01' });
      assert.match(summaryOf(own), /^This policy is already shown\./);

      const added = await client.post('/mypage/policies/add', { policy_number: `F${c.policyNumber.slice(1)}`, family_kana: 'みつすみ', given_kana: 'たろう', birth_date: '1975-01-01' });
      assert.equal(added.status, 303);
      const done = await client.get(added.location!);
      assertEnglish(done, 'added');
      assert.match(mainText(done), /Add a policy The policy has been added\. Policy number \(証券番号\) F5000000\d\d .* Car model \(車名\) N-BOX .* You will now find it under “Your policies” and “Renewal”\. To “Your policies” To Home/);
    });

    it('login history lists the devices and the logins in English; ending sessions says so in English', async () => {
      const c = await customer();
      await englishBrowser(c.userId, IPHONE_SAFARI);
      clock.advance(5 * 60_000);
      const client = await englishBrowser(c.userId);
      const page = await client.get('/mypage/changes/login-history');
      assertEnglish(page, 'login history');
      assert.match(page.html, /<title>Login history \|/);
      assert.match(page.html, /<th scope="col">Date and time<\/th><th scope="col">Browser \/ OS<\/th><th scope="col">Method<\/th><th scope="col">Result<\/th>/);
      const text = mainText(page);
      assert.match(text, /Devices logged in now These browsers are logged in to the Customer Web Service now\./);
      assert.match(text, /Chrome 131 \/ Windows 10 This browser \d+ November 2026, \d\d:\d\d \(JST\) .* To log out here, use “Log out” at the top of the page/);
      assert.match(text, /Safari \/ iPhone \(iOS 18\) .* Log it out/);
      assert.match(text, /Recent logins \(last 20\) Times are Japan time\./);
      assert.match(text, /\d+ November 2026, \d\d:\d\d \(JST\) Chrome 131 \/ Windows 10 Password Succeeded/);
      assert.match(text, /Back to “Changes”/);

      const ended = await client.post('/mypage/changes/login-history/end-others', {});
      assert.equal(ended.status, 303);
      assert.match(mainText(await client.get(ended.location!)), /^Login history The other device has been logged out\./);
      const none = await client.post('/mypage/changes/login-history/end-others', {});
      assert.match(mainText(await client.get(none.location!)), /^Login history No other device was logged in\./);
    });

    it('the login notice is in the language of the login: English for an English browser, Japanese otherwise', async () => {
      const c = await customer();
      await englishBrowser(c.userId, IPHONE_SAFARI);
      const english = await t.mail.waitFor(c.userId, (m) => m.text.includes('Safari / iPhone (iOS 18)'));
      assert.equal(english.subject, '[Mirai Sonpo] New login to your account');
      assert.match(english.text, /^Thank you for using the Mirai Sonpo Customer Web Service\./);
      assert.match(english.text, /Someone logged in to the Customer Web Service from a browser that had not been used with your account before\./);
      assert.match(english.text, /Date and time: 25 November 2026, \d\d:\d\d \(JST\)\nBrowser \/ OS: Safari \/ iPhone \(iOS 18\)\nLogin method: Password/);
      assert.match(english.text, /please call our Internet Desk \(Tel: 0120-000-000\)\./);
      assert.equal(japaneseLeft(english.text.replace(/\([^()]*\)/g, '')), '', 'no Japanese in the English notice');

      const japanese = new WebClient(t.baseUrl, { 'accept-language': 'ja', 'user-agent': WINDOWS_CHROME });
      await japanese.get('/login');
      assert.equal((await japanese.post('/login', { userId: c.userId, password: PASSWORD })).status, 303);
      const notice = await t.mail.waitFor(c.userId, (m) => m.text.includes('Chrome 131 / Windows 10'));
      assert.equal(notice.subject, '【みらい損保】ログインのお知らせ');
      assert.match(notice.text, /ログイン日時:2026年11月25日 \d+時\d\d分（日本時間）\nブラウザ・OS:Chrome 131 \/ Windows 10\nログイン方法:パスワード/);
    });

    it('the 満期案内 is written in the customer’s language: English for locale en, Japanese for ja', async () => {
      const endDate = addDays(TODAY, 60);
      const en = await customer({ start_date: addDays(endDate, -365), end_date: endDate });
      const ja = await customer({ start_date: addDays(endDate, -365), end_date: endDate });
      await t.deps.db.updateTable('customers').set({ locale: 'en' }).where('id', '=', en.id).execute();
      await sendDueReminders({ config: { ...t.deps.config, renewalReminderDays: [60] }, db: t.deps.db, clock, mail: t.deps.mail, renewableOnline });
      const mailTo = async (to: string) =>
        t.deps.db.selectFrom('outbox').select(['subject', 'text_body']).where('to_address', '=', to).where('subject', 'like', '%満期%').execute();
      const englishMail = async (to: string) =>
        t.deps.db.selectFrom('outbox').select(['subject', 'text_body']).where('to_address', '=', to).where('subject', 'like', '%expires soon').executeTakeFirstOrThrow();

      const english = await englishMail(en.userId);
      assert.equal((await mailTo(en.userId)).length, 0);
      assert.equal(english.subject, '[Mirai Sonpo] Your auto insurance expires soon');
      const text = english.text_body;
      assert.match(text, /^Thank you for using the Mirai Sonpo Customer Web Service\.\n\nDear 三住 太郎,\n\nYour auto insurance policy expires on 24 January 2027 \(60 days from today\)\./);
      assert.match(text, new RegExp(`Policy number \\(証券番号\\): ${en.policyNumber}\nCar model \\(車名\\): プリウス\nExpiry date \\(満期日\\): 24 January 2027\nAgency \\(取扱代理店\\): みらい保険サービス有限会社`));
      assert.match(text, /until the day before the expiry date \(23 January 2027\)\. Online renewal opens on \d+ (November|December) 2026\./);
      assert.match(text, /this e-mail contains no login link\./);
      assert.match(text, /\[Contact\]\nMirai Non-Life Insurance Co\., Ltd\.\nInternet Desk/);
      assert.equal(japaneseLeft(text.replace(/\([^()]*\)/g, '')), '', 'no Japanese in the English mail');

      const japanese = await mailTo(ja.userId);
      assert.equal(japanese.length, 1);
      assert.equal(japanese[0]!.subject, '【みらい損保】自動車保険の満期のご案内');
      assert.match(japanese[0]!.text_body, /三住 太郎 様\n\nご契約の自動車保険は、2027年1月24日に満期を迎えます（あと60日）。/);
      assert.match(japanese[0]!.text_body, /【お問い合わせ先】/);
    });
  });
}
