import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { INVALID_CREDENTIALS } from '../../src/features/login/views.js';
import { ManualClock, formatDateTimeJa } from '../../src/platform/clock.js';
import { sha256, verifySecret } from '../../src/platform/crypto.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { fieldError, loggedIn, summaryOf } from '../support/integration.js';
import { completeAtLink, nextMail, requestRegistration } from '../support/registration.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan.
const BASE = new Date('2026-11-25T01:00:00Z');
const SESSION_COOKIE = 'keizoku_session';

async function loginStatus(t: TestApp, userId: string, password: string): Promise<WebPage> {
  const client = new WebClient(t.baseUrl);
  await client.get('/login');
  return client.post('/login', { userId, password });
}


type Case = [Record<string, string | string[]>, Record<string, RegExp>];

for (const kind of databaseKinds()) {
  describe(`各種変更の手続き (address, password) and その他の手続 on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let seq = 0;

    /** A customer of their own for each test (三住 太郎), with one policy. */
    async function customer() {
      seq += 1;
      const policyNumber = `C5000000${String(seq).padStart(2, '0')}`;
      await insertPolicy(t.deps.db, { policy_number: policyNumber });
      const userId = `c${seq}@example.com`;
      const row = await insertCustomer(t.deps.db, { userId, password: 'Mt4sQx9v', policies: [policyNumber] });
      return { id: row.id, userId, password: 'Mt4sQx9v', policyNumber };
    }

    const passwordHashOf = async (id: string) => (await t.deps.db.selectFrom('customers').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
    const auditOf = async (kind: string, customerId: string) =>
      t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', kind).where('customer_id', '=', customerId).execute();

    before(async () => {
      t = await startTestApp({ db: kind, clock });
    });
    after(async () => t.close());
    beforeEach(() => clock.advance(5 * 60_000));

    describe('住所・電話番号の変更', () => {
      it('shows the tab with the three procedures, the contact on file and the agency', async () => {
        const c = await customer();
        const client = await loggedIn(t, c.userId, c.password);
        const tab = await client.get('/mypage/changes');
        assert.equal(tab.status, 200);
        const text = textOf(tab.html);
        assert.match(text, /住所・電話番号の変更 .* 住所・電話番号を変更する/);
        assert.match(text, new RegExp(`メールアドレス（ユーザーID）の変更 現在のメールアドレス（ユーザーID） ${c.userId.replace('.', '\\.')} メールアドレスを変更する`));
        assert.match(text, /パスワードの変更 .* パスワードを変更する/);
        assert.match(tab.html, /<a href="\/agency\/D0001">みらい保険サービス有限会社<\/a>/);
        const form = await client.get('/mypage/changes/address');
        assert.match(textOf(form.html), /現在のご登録内容 住所 〒100-0005 東京都千代田区丸の内1-1-1 電話番号 03-1234-5678/);
        assert.match(form.html, /name="postal_code" type="text" value="100-0005"/);
      });

      it('refuses bad entries with a message per field, keeps what was typed, records nothing', async () => {
        const c = await customer();
        const client = await loggedIn(t, c.userId, c.password);
        await client.get('/mypage/changes/address');
        const cases: Case[] = [
          [{ postal_code: '', address: '', phone: '' }, { postal_code: /郵便番号を入力してください。/, address: /住所を入力してください。/, phone: /電話番号を入力してください。/ }],
          [{ postal_code: ['100-0005', '100-0006'], address: ['a', 'b'], phone: ['0312345678'] }, { postal_code: /郵便番号を入力してください。/, address: /住所を入力してください。/ }],
          [{ postal_code: '12345', address: 'あ'.repeat(101), phone: '1234' }, { postal_code: /7桁の数字/, address: /100文字以内/, phone: /数字とハイフン/ }],
          [{ postal_code: '1'.repeat(5000), address: '東京都', phone: '0'.repeat(5000) }, { postal_code: /7桁の数字/, phone: /数字とハイフン/ }],
          [{ postal_code: '<b>100</b>', address: '<script>alert(1)</script>', phone: "03' OR '1'='1" }, { postal_code: /7桁の数字/, address: /使用できない文字/, phone: /数字とハイフン/ }],
          [{ postal_code: '100-0005\r\n', address: '東京都\r\n千代田区', phone: '03-1234-5678\nBcc: x' }, { postal_code: /7桁の数字/, address: /使用できない文字/, phone: /数字とハイフン/ }],
        ];
        for (const [fields, expected] of cases) {
          const page = await client.post('/mypage/changes/address', fields);
          assert.equal(page.status, 400, JSON.stringify(fields).slice(0, 80));
          assert.match(summaryOf(page), /入力内容に誤りがあります/);
          for (const [name, message] of Object.entries(expected)) assert.match(fieldError(page, name), message, name);
          assert.doesNotMatch(page.html, /<script>alert|<b>100/);
        }
        const typed = await client.post('/mypage/changes/address', { postal_code: '1000', address: '大阪府大阪市北区梅田3-3-3', phone: '06-9876-5432' });
        assert.match(typed.html, /value="1000"/);
        assert.match(typed.html, /value="大阪府大阪市北区梅田3-3-3"/);
        assert.equal((await t.deps.db.selectFrom('change_requests').selectAll().where('customer_id', '=', c.id).execute()).length, 0);
      });

      it('records a change request in normalised form, shows it pending with its date, mails a receipt, leaves the policy as it is', async () => {
        const c = await customer();
        const client = await loggedIn(t, c.userId, c.password);
        await client.get('/mypage/changes/address');
        const receipt = nextMail(t, c.userId);
        const answer = await client.post('/mypage/changes/address', { postal_code: '〒５３０－０００１', address: '　大阪府大阪市北区梅田３－３－３　ｸﾞﾗﾝﾄﾞ 101 ', phone: '０９０ー１２３４ー５６７８' });
        assert.equal(answer.status, 303);
        assert.equal(answer.location, '/mypage/changes/address/complete');
        const at = clock.now();
        const rows = await t.deps.db.selectFrom('change_requests').selectAll().where('customer_id', '=', c.id).execute();
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.kind, 'address');
        assert.equal(rows[0]?.status, 'pending');
        assert.equal(rows[0]?.created_at, at.toISOString());
        assert.deepEqual(JSON.parse(rows[0]?.data ?? ''), { postalCode: '530-0001', address: '大阪府大阪市北区梅田3-3-3 グランド 101', phone: '090-1234-5678', policyNumbers: [c.policyNumber] });
        const done = textOf((await client.get(answer.location!)).html);
        assert.match(done, new RegExp(`住所・電話番号の変更のお申し出を受け付けました。 受付日時 ${formatDateTimeJa(at)} 住所 〒530-0001 大阪府大阪市北区梅田3-3-3 グランド 101 電話番号 090-1234-5678 状況 受付済（保険会社で手続中）`));
        const tab = textOf((await client.get('/mypage/changes')).html);
        assert.match(tab, new RegExp(`受付済（保険会社で手続中） ${formatDateTimeJa(at)} 受付 〒530-0001 大阪府大阪市北区梅田3-3-3 グランド 101 電話番号 090-1234-5678`));
        const policy = await t.deps.db.selectFrom('policies').selectAll().where('policy_number', '=', c.policyNumber).executeTakeFirstOrThrow();
        assert.deepEqual([policy.postal_code, policy.address, policy.phone], ['100-0005', '東京都千代田区丸の内1-1-1', '03-1234-5678']);
        const mail = await receipt();
        assert.equal(mail.subject, '【みらい損保】住所・電話番号変更のお申し出受付のお知らせ');
        assert.equal((await auditOf('address_change_requested', c.id)).length, 1);
      });

      it('keeps SQL-looking text as plain text', async () => {
        const c = await customer();
        const client = await loggedIn(t, c.userId, c.password);
        await client.get('/mypage/changes/address');
        const address = "東京都'; DROP TABLE policies; --";
        assert.equal((await client.post('/mypage/changes/address', { postal_code: '1000005', address, phone: '0312345678' })).status, 303);
        const row = await t.deps.db.selectFrom('change_requests').select('data').where('customer_id', '=', c.id).executeTakeFirstOrThrow();
        assert.equal(JSON.parse(row.data).address, address);
        assert.ok((await t.deps.db.selectFrom('policies').select('policy_number').execute()).length > 0);
        assert.match((await client.get('/mypage/changes')).html, /東京都&#39;; DROP TABLE policies; --|東京都'; DROP TABLE policies; --/);
      });
    });

    describe('パスワードの変更', () => {
      it('refuses bad entries (empty, overlong, full width, weak, mismatching, same as now) and changes nothing', async () => {
        const c = await customer();
        const client = await loggedIn(t, c.userId, c.password);
        const before = await passwordHashOf(c.id);
        const form = await client.get('/mypage/changes/password');
        for (const label of ['現在のパスワード', '新しいパスワード', '新しいパスワード（確認用）']) assert.match(form.html, new RegExp(`>${label}</label>`));
        const cases: Case[] = [
          [{}, { current_password: /現在のパスワードを入力してください。/, password: /新しいパスワードを入力してください。/ }],
          [{ current_password: 'x'.repeat(129), password: 'Abc1', password_confirm: 'Abc1' }, { current_password: /128文字以内/, password: /6文字以上15文字以下/ }],
          [{ current_password: c.password, password: 'Ａｂｃ１２３４５', password_confirm: 'Ａｂｃ１２３４５' }, { password: /半角英数字で入力してください/ }],
          [{ current_password: c.password, password: 'abcdefgh', password_confirm: 'abcdefgh' }, { password: /英字と数字を必ず混ぜて/ }],
          [{ current_password: c.password, password: 'password1', password_confirm: 'password1' }, { password: /推測されやすい/ }],
          [{ current_password: c.password, password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2y' }, { password_confirm: /一致しません/ }],
          [{ current_password: c.password, password: 'Kz7pWq2x', password_confirm: '' }, { password_confirm: /新しいパスワード（確認用）を入力してください。/ }],
          [{ current_password: c.password, password: c.password, password_confirm: c.password }, { password: /現在のパスワードとは異なる/ }],
          [{ current_password: ['a', 'b'], password: ['Kz7pWq2x', 'x'], password_confirm: 'Kz7pWq2x' }, { current_password: /現在のパスワードを入力してください。/, password: /新しいパスワードを入力してください。/ }],
          [{ current_password: "' OR '1'='1", password: '<script>1a', password_confirm: '<script>1a' }, {}],
        ];
        for (const [fields, expected] of cases) {
          const page = await client.post('/mypage/changes/password', fields);
          assert.equal(page.status, 400, JSON.stringify(fields).slice(0, 80));
          for (const [name, message] of Object.entries(expected)) assert.match(fieldError(page, name), message, `${name} in ${JSON.stringify(fields).slice(0, 60)}`);
          assert.doesNotMatch(page.html, /Kz7pWq2x|<script>1a/, 'passwords are never echoed');
        }
        assert.equal(await passwordHashOf(c.id), before);
      });

      it('refuses a wrong current password with a clear message and an audit event', async () => {
        const c = await customer();
        const client = await loggedIn(t, c.userId, c.password);
        await client.get('/mypage/changes/password');
        const page = await client.post('/mypage/changes/password', { current_password: 'Wrong1234', password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x' });
        assert.equal(page.status, 400);
        assert.equal(fieldError(page, 'current_password'), '現在のパスワードが正しくありません。');
        assert.ok(await verifySecret(await passwordHashOf(c.id), c.password));
        assert.equal((await auditOf('settings_password_failed', c.id)).length, 1);
      });

      it('changes the password: other sessions end, this one gets a new id, a notice is mailed, only the new one logs in', async () => {
        const c = await customer();
        const other = await loggedIn(t, c.userId, c.password);
        const client = await loggedIn(t, c.userId, c.password);
        const oldCookie = client.cookies.get(SESSION_COOKIE);
        await client.get('/mypage/changes/password');
        const notice = nextMail(t, c.userId);
        const answer = await client.post('/mypage/changes/password', { current_password: c.password, password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x' });
        assert.equal(answer.status, 303);
        assert.equal(answer.location, '/mypage/changes/password/complete');
        const newCookie = client.cookies.get(SESSION_COOKIE);
        assert.ok(newCookie && newCookie !== oldCookie, 'the session id was rotated');
        assert.match(textOf((await client.get(answer.location!)).html), /パスワードを変更しました。/);
        assert.equal((await client.get('/mypage')).status, 200);
        assert.equal((await other.get('/mypage')).status, 303, 'the other browser is logged out');
        const stale = new WebClient(t.baseUrl);
        stale.cookies.set(SESSION_COOKIE, oldCookie ?? '');
        assert.equal((await stale.get('/mypage')).status, 303, 'the old id is dead');
        const revoked = await t.deps.db.selectFrom('sessions').select('revoked_at').where('id_hash', '=', sha256(oldCookie ?? '')).executeTakeFirstOrThrow();
        assert.ok(revoked.revoked_at);
        const mail = await notice();
        assert.equal(mail.subject, '【みらい損保】パスワード変更のお知らせ');
        assert.match(mail.text, /お客さまWebサービスのパスワードが変更されました。/);
        assert.doesNotMatch(mail.text, /Kz7pWq2x/);
        assert.equal((await loginStatus(t, c.userId, c.password)).status, 401);
        assert.equal((await loginStatus(t, c.userId, 'Kz7pWq2x')).status, 303);
        assert.equal((await auditOf('password_changed', c.id)).length, 1);
      });

      it('locks the password forms after five wrong current passwords, even for the right one', async () => {
        const c = await customer();
        const client = await loggedIn(t, c.userId, c.password);
        await client.get('/mypage/changes/password');
        for (let i = 0; i < 4; i += 1) {
          assert.equal((await client.post('/mypage/changes/password', { current_password: `Wrong${i}xx`, password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x' })).status, 400);
        }
        const fifth = await client.post('/mypage/changes/password', { current_password: 'Wrong5xx', password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x' });
        assert.equal(fifth.status, 429);
        const right = await client.post('/mypage/changes/password', { current_password: c.password, password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x' });
        assert.equal(right.status, 429);
        assert.match(summaryOf(right), /パスワードの入力誤りが続いたため/);
        await client.get('/mypage/other/stop');
        assert.equal((await client.post('/mypage/other/stop', { password: c.password })).status, 429, 'the lock covers every password form');
        assert.ok(await verifySecret(await passwordHashOf(c.id), c.password));
        assert.equal((await auditOf('settings_password_throttled', c.id)).length, 2);
      });
    });

    describe('お客さまWebサービスの利用停止', () => {
      it('explains itself and refuses an empty or wrong password, keeping the account', async () => {
        const c = await customer();
        const client = await loggedIn(t, c.userId, c.password);
        const tab = textOf((await client.get('/mypage/other')).html);
        assert.match(tab, /お客さまWebサービスの利用停止 お客さまWebサービスのご利用を停止します。ご契約（保険）には影響ありません。 利用停止のお手続きへ/);
        assert.match(tab, /事故・故障のご連絡/);
        const form = textOf((await client.get('/mypage/other/stop')).html);
        assert.match(form, /ご契約（保険）の内容や補償には影響ありません。/);
        assert.match(form, /新規利用登録をお手続きください。/);
        const empty = await client.post('/mypage/other/stop', {});
        assert.equal(empty.status, 400);
        assert.equal(fieldError(empty, 'password'), 'パスワードを入力してください。');
        const wrong = await client.post('/mypage/other/stop', { password: 'Wrong1234' });
        assert.equal(wrong.status, 400);
        assert.equal(fieldError(wrong, 'password'), 'パスワードが正しくありません。');
        const overlong = await client.post('/mypage/other/stop', { password: 'x'.repeat(129) });
        assert.match(fieldError(overlong, 'password'), /128文字以内/);
        const row = await t.deps.db.selectFrom('customers').select(['closed_at', 'user_id']).where('id', '=', c.id).executeTakeFirstOrThrow();
        assert.deepEqual(row, { closed_at: null, user_id: c.userId });
        assert.equal((await client.get('/mypage')).status, 200);
      });

      it('stops the service: policies unlinked but untouched, every session ends, a notice, and login is refused like an unknown ID', async () => {
        const c = await customer();
        const other = await loggedIn(t, c.userId, c.password);
        const client = await loggedIn(t, c.userId, c.password);
        await client.get('/mypage/other/stop');
        const notice = nextMail(t, c.userId);
        const answer = await client.post('/mypage/other/stop', { password: c.password });
        assert.equal(answer.status, 303);
        assert.equal(answer.location, '/mypage/other/stop/complete');
        assert.equal(client.cookies.has(SESSION_COOKIE), false);
        const done = await client.get(answer.location!);
        assert.equal(done.status, 200);
        assert.match(textOf(done.html), /ご利用停止を受け付けました お客さまWebサービスの利用停止を受け付けました。/);
        assert.equal((await other.get('/mypage')).status, 303);
        const policy = await t.deps.db.selectFrom('policies').selectAll().where('policy_number', '=', c.policyNumber).executeTakeFirstOrThrow();
        assert.equal(policy.customer_id, null);
        assert.equal(policy.annual_premium, 58200);
        const row = await t.deps.db.selectFrom('customers').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
        assert.equal(row.closed_at, clock.now().toISOString());
        assert.notEqual(row.user_id, c.userId);
        const mail = await notice();
        assert.equal(mail.subject, '【みらい損保】お客さまWebサービス利用停止のお知らせ');
        assert.match(mail.text, /ご契約（保険）の内容には影響ありません。/);
        const refused = await loginStatus(t, c.userId, c.password);
        const unknown = await loginStatus(t, 'nobody@example.com', c.password);
        assert.equal(refused.status, 401);
        assert.ok(refused.html.includes(INVALID_CREDENTIALS));
        assert.equal(textOf(refused.html).replace(c.userId, 'X'), textOf(unknown.html).replace('nobody@example.com', 'X'));
        const audit = await auditOf('service_stopped', c.id);
        assert.deepEqual(JSON.parse(audit[0]?.detail ?? ''), { formerUserId: c.userId, unlinkedPolicies: [c.policyNumber] });
      });

      it('lets the person register again with the same address afterwards', async () => {
        const c = await customer();
        const client = await loggedIn(t, c.userId, c.password);
        await client.get('/mypage/other/stop');
        const notice = nextMail(t, c.userId);
        assert.equal((await client.post('/mypage/other/stop', { password: c.password })).status, 303);
        await notice();
        const again = new WebClient(t.baseUrl);
        const link = await requestRegistration(t, again, { email: c.userId, policy_number: c.policyNumber });
        await completeAtLink(again, '/register', link, { keyword: 'Abc123', userId: c.userId, password: 'Kz7pWq2x' });
        const home = await again.get('/mypage');
        assert.equal(home.status, 200);
        assert.match(home.html, new RegExp(c.policyNumber));
        const owners = await t.deps.db.selectFrom('customers').select(['id', 'closed_at']).where('user_id', '=', c.userId).execute();
        assert.equal(owners.length, 1);
        assert.notEqual(owners[0]?.id, c.id);
        assert.equal((await loginStatus(t, c.userId, 'Kz7pWq2x')).status, 303);
      });
    });

    it('answers NUL bytes and other control characters in every field with a page, never a 500', async () => {
      const c = await customer();
      const client = await loggedIn(t, c.userId, c.password);
      await client.get('/mypage/changes');
      const nul = 'a\u0000b';
      const posts: Array<[string, Record<string, string>]> = [
        ['/mypage/changes/address', { postal_code: `100${nul}`, address: nul, phone: `03${nul}` }],
        ['/mypage/changes/email', { new_email: `x${nul}@example.com`, new_email_confirm: nul, current_password: nul }],
        ['/mypage/changes/email/confirm', { token: nul }],
        ['/mypage/changes/password', { current_password: nul, password: `Abc123${nul}`, password_confirm: nul }],
        ['/mypage/other/stop', { password: nul }],
        ['/mypage/policies/add', { policy_number: `C1${nul}`, family_kana: nul, given_kana: nul, birth_date: `1975-01-01${nul}` }],
      ];
      for (const [url, fields] of posts) {
        const page = await client.post(url, fields);
        assert.ok([400, 410].includes(page.status), `${url}: ${page.status}`);
      }
      for (const url of ['/mypage/policies/%00', '/mypage/changes/email/confirm?token=%00', '/mypage/policies/add/complete?policy=%00']) {
        const page = await client.get(url);
        assert.ok([404, 410].includes(page.status), `${url}: ${page.status}`);
      }
      assert.equal((await client.get('/mypage')).status, 200, 'still logged in, the account untouched');
    });

    it('every settings page needs a session', async () => {
      const anonymous = new WebClient(t.baseUrl);
      for (const url of ['/mypage/changes', '/mypage/other', '/mypage/changes/address', '/mypage/changes/email', '/mypage/changes/password', '/mypage/other/stop']) {
        const page = await anonymous.get(url);
        assert.equal(page.status, 303, url);
        assert.equal(page.location, `/login?next=${encodeURIComponent(url)}`, url);
      }
      await anonymous.get('/login');
      for (const url of ['/mypage/changes/address', '/mypage/changes/password', '/mypage/other/stop', '/mypage/changes/email']) {
        const page = await anonymous.post(url, { password: 'x' });
        assert.equal(page.status, 303, url);
        assert.equal(page.location, '/login', url);
      }
    });
  });
}
