import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/crypto.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { completeAtLink, mailPath, nextMail } from '../support/registration.js';
import { codeAt } from '../support/staff.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';
import { deskSearch, getFollowing } from '../support/desk-search.js';

// The internet desk on both dialects: search by every key, paging, details, every view and
// action audited with its actor and reason, and the actions' effect on the customer's login.

// Wednesday 2026-11-25 10:00 in Japan: C123456789 (満期日 2026-12-27) is in its renewal window.
const BASE = new Date('2026-11-25T01:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Desk-2026';
const CUSTOMER_PASSWORD = 'Abc12345';
const CHROME_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

class Browser extends WebClient {
  constructor(baseUrl: string, readonly ip: string) {
    super(baseUrl, { 'x-forwarded-for': ip, 'user-agent': CHROME_UA });
  }
}

const rowsOf = (html: string): string[] => [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => textOf(m[1]!)).filter((r) => !r.startsWith('契約者名'));
const q = (by: string, text: string, page?: number) => `/console/customers?${new URLSearchParams({ by, q: text, ...(page ? { page: String(page) } : {}) }).toString()}`;

for (const kind of databaseKinds()) {
  describe(`the internet desk on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let ipCount = 0;
    let customerId = '';
    const browser = () => new Browser(t.baseUrl, `198.51.100.${++ipCount}`);
    const staffIds = new Map<string, string>();

    async function staff(login: string): Promise<Browser> {
      const client = browser();
      await client.get('/console/login');
      const first = await client.post('/console/login', { login, password: PASSWORD });
      assert.equal(first.status, 303, textOf(first.html));
      await client.get('/console/login/code');
      clock.advance(30_000);
      const code = await client.post('/console/login/code', { code: codeAt(SECRET, clock.now()) });
      assert.equal(code.status, 303, textOf(code.html));
      return client;
    }

    async function customerLogin(client: WebClient, password = CUSTOMER_PASSWORD): Promise<WebPage> {
      await client.get('/login');
      return client.post('/login', { userId: 'abc@example.com', password });
    }

    /** Posts an action form from the details page, with the page's token. */
    async function act(client: WebClient, path: string, reason: string): Promise<WebPage> {
      await client.get(`/console/customers/${customerId}`);
      return client.post(path, { reason });
    }

    const lastAudit = (kindName: string) =>
      t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', kindName).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();

    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { TRUST_PROXY: '127.0.0.1' } });
      const db = t.deps.db;
      await insertPolicy(db);
      const customer = await insertCustomer(db, { userId: 'abc@example.com', password: CUSTOMER_PASSWORD, policies: ['C123456789'] });
      customerId = customer.id;
      await db.updateTable('customers').set({ created_at: '2026-04-01T00:00:00.000Z' }).where('id', '=', customerId).execute();
      // 佐藤 花子: two policies, no web account (one person in the results).
      for (const n of ['S000000001', 'S000000002']) {
        await insertPolicy(db, { policy_number: n, holder_family_name: '佐藤', holder_given_name: '花子', holder_family_kana: 'サトウ', holder_given_kana: 'ハナコ', birth_date: '1980-05-05', email: 'hanako@example.com', phone: '(090)1111-2222', vehicle_model: 'フィット' });
      }
      // 25 people named 山田 一郎, told apart by their birth dates: two pages.
      for (let i = 1; i <= 25; i++) {
        const day = String(i).padStart(2, '0');
        await insertPolicy(db, { policy_number: `Y0000000${day}`, holder_family_name: '山田', holder_given_name: '一郎', holder_family_kana: 'ヤマダ', holder_given_kana: 'イチロウ', birth_date: `1970-01-${day}`, email: null, phone: null });
      }
      await db.insertInto('agencies').values({ code: 'D0002', name: 'あおば保険事務所', created_at: BASE.toISOString(), updated_at: BASE.toISOString() }).execute();
      await upsertReadyStaff(db, t.deps.secret, clock.now(), [
        { login: 'desk.one', name: '窓口 一子', role: 'desk', agencyCode: null, password: PASSWORD, totpSecret: SECRET },
        { login: 'admin.one', name: '管理 二郎', role: 'admin', agencyCode: null, password: PASSWORD, totpSecret: SECRET },
        { login: 'agency.one', name: '代理 三子', role: 'agency', agencyCode: 'D0002', password: PASSWORD, totpSecret: SECRET },
      ]);
      for (const row of await db.selectFrom('staff_accounts').select(['id', 'login']).execute()) staffIds.set(row.login, row.id);
      await db.insertInto('change_requests').values({ id: newId(), customer_id: customerId, kind: 'address', data: '{}', status: 'pending', created_at: BASE.toISOString() }).execute();
    });
    after(async () => t.close());

    it('finds the customer by kana in any of its spellings, family only or family and given, and by kanji', async () => {
      const desk = await staff('desk.one');
      for (const text of ['ミツスミ', 'みつすみ', 'ﾐﾂｽﾐ', 'ミツスミ タロウ', 'みつすみ　たろう', 'ﾐﾂｽﾐﾀﾛｳ', '三住', '三住 太郎', '三住太郎', '　三住　太郎　']) {
        const page = await deskSearch(desk, 'name', text);
        assert.equal(page.status, 200, text);
        assert.deepEqual(rowsOf(page.html), ['三住 太郎 ミツスミ タロウ 1975年01月01日 登録済 1件 詳細'], text);
        assert.ok(page.html.includes(`href="/console/customers/${customerId}"`), text);
      }
      for (const text of ['タロウ', '太郎', 'ミツ', 'ミツスミタ']) {
        const page = await deskSearch(desk, 'name', text);
        assert.equal(page.status, 200);
        assert.match(textOf(page.html), /該当するお客さまは見つかりませんでした/, text);
      }
      const audit = await lastAudit('console_customers_searched');
      assert.equal(audit.actor_kind, 'staff');
      assert.equal(audit.actor_id, staffIds.get('desk.one'));
      assert.deepEqual(JSON.parse(audit.detail).by, 'name');
    });

    it('finds people by 証券番号, e-mail and phone as typed, and holders without an account as 未登録', async () => {
      const desk = await staff('desk.one');
      const cases: Array<[string, string, string[]]> = [
        ['policy', 'c123456789', ['三住 太郎 ミツスミ タロウ 1975年01月01日 登録済 1件 詳細']],
        ['policy', 'Ｃ１２３４５６７８９', ['三住 太郎 ミツスミ タロウ 1975年01月01日 登録済 1件 詳細']],
        ['policy', 's000000002', ['佐藤 花子 サトウ ハナコ 1980年05月05日 未登録 2件 詳細']],
        ['email', 'ABC@Example.com', ['三住 太郎 ミツスミ タロウ 1975年01月01日 登録済 1件 詳細']],
        ['email', 'ｈａｎａｋｏ@example.com', ['佐藤 花子 サトウ ハナコ 1980年05月05日 未登録 2件 詳細']],
        ['phone', '0312345678', ['三住 太郎 ミツスミ タロウ 1975年01月01日 登録済 1件 詳細']],
        ['phone', '０３（１２３４）５６７８', ['三住 太郎 ミツスミ タロウ 1975年01月01日 登録済 1件 詳細']],
        ['phone', '090-1111-2222', ['佐藤 花子 サトウ ハナコ 1980年05月05日 未登録 2件 詳細']],
        ['name', 'さとう', ['佐藤 花子 サトウ ハナコ 1980年05月05日 未登録 2件 詳細']],
      ];
      for (const [by, text, rows] of cases) {
        const page = await deskSearch(desk, by, text);
        assert.equal(page.status, 200, `${by} ${text}`);
        assert.deepEqual(rowsOf(page.html), rows, `${by} ${text}`);
      }
      assert.ok((await deskSearch(desk, 'policy', 'S000000002')).html.includes('href="/console/customers/policy-S000000001"'), 'a holder is keyed by their first policy');
    });

    it('pages the results 20 at a time with 前へ and 次へ', async () => {
      const desk = await staff('desk.one');
      const first = await deskSearch(desk, 'name', 'やまだ');
      assert.match(textOf(first.html), /検索結果 25件/);
      assert.equal(rowsOf(first.html).length, 20);
      const next = /<a href="(\/console\/customers\?s=[\w-]+&amp;page=2)" rel="next">次へ<\/a>/.exec(first.html)?.[1];
      assert.ok(next, '次へ links page 2, the search sealed in the link');
      assert.match(textOf(first.html), /前へ 1 \/ 2ページ 次へ/);
      const second = await desk.get(next.replace(/&amp;/g, '&'));
      assert.deepEqual(rowsOf(second.html).map((r) => r.split(' ')[4]), ['1970年01月21日', '1970年01月22日', '1970年01月23日', '1970年01月24日', '1970年01月25日']);
      assert.ok(second.html.includes('rel="prev"'));
      const beyond = await getFollowing(desk, q('name', 'やまだ', 9));
      assert.equal(beyond.status, 200);
      assert.equal(rowsOf(beyond.html).length, 0);
    });

    it('shows the details: policies with the renewal status, the account, sessions, mail, requests and the history; the view is audited', async () => {
      const customer = browser();
      assert.equal((await customerLogin(customer)).status, 303);
      const db = t.deps.db;
      await db.insertInto('outbox').values({ id: newId(), to_address: 'abc@example.com', subject: '【テスト】お知らせ', text_body: 'body secret-free', secrets_sealed: null, status: 'sent', attempts: 1, next_attempt_at: BASE.toISOString(), last_error: null, created_at: BASE.toISOString(), sent_at: BASE.toISOString() }).execute();
      const desk = await staff('admin.one');
      const page = await desk.get(`/console/customers/${customerId}`);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const text = textOf(page.html);
      for (const expected of ['C123456789', 'プリウス', '2026年12月27日', '継続手続受付中', '三住 太郎', 'abc@example.com', '登録日 2026年4月1日', 'ロック なし', '198.51.100.', 'Chrome（Windows）', '【テスト】お知らせ', '送信済', '住所・電話番号の変更', 'ログイン', 'コンソールで照会', '管理 二郎（admin.one）']) {
        assert.ok(text.includes(expected) || text.includes(expected.replace(' ', '')), `shows ${expected}: ${text}`);
      }
      assert.ok(!page.html.includes('body secret-free'), 'never the text of a mail');
      const audit = await lastAudit('console_customer_viewed');
      assert.deepEqual([audit.actor_kind, audit.actor_id, audit.customer_id], ['staff', staffIds.get('admin.one'), customerId]);

      const holder = await desk.get('/console/customers/policy-S000000001');
      assert.equal(holder.status, 200);
      assert.match(textOf(holder.html), /S000000001.*S000000002/);
      assert.match(textOf(holder.html), /Webアカウントは未登録です/);
      const holderAudit = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'console_customer_viewed').where('subject_kind', '=', 'policy').executeTakeFirstOrThrow();
      assert.deepEqual([holderAudit.subject_kind, holderAudit.subject_id, holderAudit.actor_id], ['policy', 'S000000001', staffIds.get('admin.one')]);
      assert.equal((await desk.get('/console/customers/policy-C123456789')).location, `/console/customers/${customerId}`, 'a policy with an account leads to it');
    });

    it('pages the account history, newest first', async () => {
      const desk = await staff('desk.one');
      for (let i = 0; i < 25; i++) await desk.get(`/console/customers/${customerId}`);
      const first = await desk.get(`/console/customers/${customerId}`);
      const total = Number(/アカウントの履歴（(\d+)件）/.exec(textOf(first.html))?.[1]);
      assert.ok(total > 25);
      assert.ok(first.html.includes(`href="/console/customers/${customerId}?page=2#history-heading"`));
      const second = await desk.get(`/console/customers/${customerId}?page=2`);
      assert.equal(second.status, 200);
      assert.ok(second.html.includes('rel="prev"'));
    });

    it('ロック解除: five wrong passwords lock the customer out; the desk unlocks with a reason, and they log in', async () => {
      const customer = browser();
      await customer.get('/login');
      for (let i = 0; i < 5; i++) await customer.post('/login', { userId: 'abc@example.com', password: 'Wrong9999' });
      assert.equal((await customerLogin(customer)).status, 429, 'locked, the right password too');
      const desk = await staff('desk.one');
      const details = await desk.get(`/console/customers/${customerId}`);
      assert.match(textOf(details.html), /ロック中（/);
      assert.match(textOf((await deskSearch(desk, 'name', 'ミツスミ')).html), /登録済・ロック中/);

      const missing = await act(desk, `/console/customers/${customerId}/unlock`, '   ');
      assert.equal(missing.location, `/console/customers/${customerId}?error=reason_missing&form=unlock`);
      assert.match(textOf((await desk.get(missing.location!)).html), /理由を入力してください/);
      const long = await act(desk, `/console/customers/${customerId}/unlock`, 'あ'.repeat(201));
      assert.equal(long.location, `/console/customers/${customerId}?error=reason_too_long&form=unlock`);
      assert.equal((await customerLogin(browser())).status, 429, 'nothing changed without a valid reason');

      const done = await act(desk, `/console/customers/${customerId}/unlock`, 'お客さまから電話（本人確認済）');
      assert.equal(done.status, 303);
      assert.equal(done.location, `/console/customers/${customerId}?done=unlocked`);
      assert.match(textOf((await desk.get(done.location!)).html), /ロックを解除しました/);
      const audit = await lastAudit('console_customer_unlocked');
      const detail = JSON.parse(audit.detail);
      assert.deepEqual([audit.actor_kind, audit.actor_id, audit.customer_id, detail.reason, detail.before.locked, detail.after.locked], ['staff', staffIds.get('desk.one'), customerId, 'お客さまから電話（本人確認済）', true, false]);
      assert.equal((await customerLogin(browser())).status, 303, 'the customer logs in again');
    });

    it('ログイン中のセッションをすべて終了: the customer\'s cookie stops working', async () => {
      const customer = browser();
      assert.equal((await customerLogin(customer)).status, 303);
      assert.equal((await customer.get('/mypage')).status, 200);
      const desk = await staff('desk.one');
      const done = await act(desk, `/console/customers/${customerId}/sessions/end`, '端末紛失のご連絡');
      assert.equal(done.location, `/console/customers/${customerId}?done=sessions_ended`);
      assert.equal((await customer.get('/mypage')).location, '/login?next=%2Fmypage');
      const detail = JSON.parse((await lastAudit('console_customer_sessions_ended')).detail);
      assert.equal(detail.reason, '端末紛失のご連絡');
      assert.ok(detail.before.sessions >= 1);
      assert.equal(detail.after.sessions, 0);
    });

    it('利用停止 refuses the login as a wrong password would and ends the sessions; 利用再開 restores it', async () => {
      const customer = browser();
      assert.equal((await customerLogin(customer)).status, 303);
      const desk = await staff('desk.one');
      const suspended = await act(desk, `/console/customers/${customerId}/suspend`, '不正利用の疑い');
      assert.equal(suspended.location, `/console/customers/${customerId}?done=suspended`);
      assert.equal((await customer.get('/mypage')).location, '/login?next=%2Fmypage', 'their session ended');
      const refused = await customerLogin(browser());
      const wrong = await customerLogin(browser(), 'Wrong9999');
      assert.equal(refused.status, 401);
      const summary = (p: WebPage) => /class="error-summary" role="alert"><p>([^<]+)</.exec(p.html)?.[1];
      assert.equal(summary(refused), summary(wrong), 'the same answer as a wrong password');
      const audit = JSON.parse((await lastAudit('console_customer_suspended')).detail);
      assert.equal(audit.reason, '不正利用の疑い');
      assert.equal(audit.before.suspendedAt, null);
      assert.ok(audit.after.suspendedAt);
      assert.equal((await act(desk, `/console/customers/${customerId}/suspend`, '二重送信')).location, `/console/customers/${customerId}?done=already_suspended`);
      assert.match(textOf((await deskSearch(desk, 'email', 'abc@example.com')).html), /利用停止中/);

      const resumed = await act(desk, `/console/customers/${customerId}/resume`, 'ご本人確認が取れたため');
      assert.equal(resumed.location, `/console/customers/${customerId}?done=resumed`);
      assert.equal(JSON.parse((await lastAudit('console_customer_resumed')).detail).reason, 'ご本人確認が取れたため');
      assert.equal((await customerLogin(browser())).status, 303, 'the customer logs in again');
    });

    it('再送 queues a failed mail again and it is delivered; a link mail cannot be resent; other ids are 404', async () => {
      const db = t.deps.db;
      const failed = newId();
      const linkMail = newId();
      const otherMail = newId();
      const row = (id: string, to: string, text: string) => ({ id, to_address: to, subject: `再送テスト ${id.slice(0, 4)}`, text_body: text, secrets_sealed: null, status: 'failed', attempts: 100, next_attempt_at: BASE.toISOString(), last_error: '550 mailbox unavailable', created_at: clock.now().toISOString(), sent_at: null });
      await db.insertInto('outbox').values([row(failed, 'abc@example.com', 'ご案内の本文です。'), row(linkMail, 'abc@example.com', 'https://example.com/register?token={{secret:token}}'), row(otherMail, 'hanako@example.com', 'ほかの方へ')]).execute();
      const desk = await staff('desk.one');
      const page = await desk.get(`/console/customers/${customerId}`);
      assert.match(textOf(page.html), /550 mailbox unavailable/);
      assert.match(textOf(page.html), /再送できません（ワンタイムURL）/);

      const done = await act(desk, `/console/customers/${customerId}/mail/${failed}/resend`, 'お客さまの受信設定変更後');
      assert.equal(done.location, `/console/customers/${customerId}?done=resent`);
      const caught = await t.mail.waitFor('abc@example.com', (m) => m.subject === `再送テスト ${failed.slice(0, 4)}`);
      assert.match(caught.text, /ご案内の本文です。/);
      const audit = await lastAudit('console_mail_resent');
      const detail = JSON.parse(audit.detail);
      assert.deepEqual([audit.subject_kind, audit.subject_id, detail.reason, detail.before.status, detail.after.status], ['mail', failed, 'お客さまの受信設定変更後', 'failed', 'queued']);

      assert.equal((await act(desk, `/console/customers/${customerId}/mail/${linkMail}/resend`, '再送')).location, `/console/customers/${customerId}?done=not_resendable`);
      assert.equal((await db.selectFrom('outbox').select('status').where('id', '=', linkMail).executeTakeFirstOrThrow()).status, 'failed');
      for (const mailId of [otherMail, newId(), 'zzz', '%00', 'x'.repeat(300)]) {
        assert.equal((await act(desk, `/console/customers/${customerId}/mail/${encodeURIComponent(mailId)}/resend`, '再送')).status, 404, mailId);
        assert.equal((await act(desk, `/console/customers/${customerId}/mail/${encodeURIComponent(mailId)}/resend`, '')).status, 404, `${mailId} without a reason`);
      }
      assert.equal((await db.selectFrom('outbox').select('status').where('id', '=', otherMail).executeTakeFirstOrThrow()).status, 'failed');
    });

    it('tampered ids are 404, never 500, for every page and action', async () => {
      const desk = await staff('desk.one');
      const ids = [newId(), 'policy-ZZZ999', 'policy-', 'policy-%E3%81%82', customerId.toUpperCase(), 'x'.repeat(300), '..%2F..', '%FF', "1' OR '1'='1", '__proto__'];
      // Undecodable percent-encoding is a bad request (400); anything else is a page that does not exist.
      const expected = (id: string) => (id === '%FF' ? 400 : 404);
      for (const id of ids) {
        assert.equal((await desk.get(`/console/customers/${id}`)).status, expected(id), id);
        for (const action of ['unlock', 'sessions/end', 'suspend', 'resume']) {
          await desk.get(`/console/customers/${customerId}`);
          assert.equal((await desk.post(`/console/customers/${id}/${action}`, { reason: '確認' })).status, expected(id), `${action} ${id}`);
        }
      }
      for (const action of ['unlock', 'sessions/end', 'suspend', 'resume']) {
        assert.equal((await desk.post(`/console/customers/policy-S000000001/${action}`, { reason: '確認' })).status, 404, 'a holder without an account has no actions');
      }
      assert.equal((await desk.get(`/console/customers/${customerId}?page=0`)).status, 404);
    });

    it("agency staff find none of another agency's customers and get 404 on their details and on every action; without a session it is the login page", async () => {
      // Every policy here is D0001's; agency.one's agency is D0002.
      const agency = await staff('agency.one');
      const audited = async () =>
        (await t.deps.db.selectFrom('audit_events').select('id').where('actor_id', '=', staffIds.get('agency.one')!).where('kind', 'not in', ['console_customers_searched', 'access_denied']).execute()).length;
      const denials = async () => (await t.deps.db.selectFrom('audit_events').select('id').where('actor_id', '=', staffIds.get('agency.one')!).where('kind', '=', 'access_denied').execute()).length;
      // The audit rows of denials are capped per actor and hour (20): earlier tests' denials by agency.one
      // must not use up this test's share.
      await t.deps.db.deleteFrom('throttles').where('key', '=', `access_denied:staff:${staffIds.get('agency.one')!}`).execute();
      const before = await audited();
      const deniedBefore = await denials();
      for (const path of [`/console/customers/${customerId}`, '/console/customers/policy-S000000001']) {
        const page = await agency.get(path);
        assert.equal(page.status, 404, path);
        assert.match(page.html, /ページが見つかりません/);
      }
      for (const [by, text] of [['name', 'ミツスミ'], ['policy', 'S000000001'], ['email', 'abc@example.com'], ['phone', '090-1111-2222']] as const) {
        assert.match(textOf((await deskSearch(agency, by, text)).html), /該当するお客さまは見つかりませんでした/, `${by} ${text}`);
      }
      for (const action of ['unlock', 'sessions/end', 'suspend', 'resume', `mail/${newId()}/resend`]) {
        await agency.get('/console');
        assert.equal((await agency.post(`/console/customers/${customerId}/${action}`, { reason: '確認' })).status, 404, action);
      }
      assert.equal(await audited(), before, 'nothing was viewed or done');
      assert.equal((await denials()) - deniedBefore, 7, 'each 404 is an access_denied event');
      const customer = await t.deps.db.selectFrom('customers').select('suspended_at').where('id', '=', customerId).executeTakeFirstOrThrow();
      assert.equal(customer.suspended_at, null);
      const anonymous = browser();
      assert.equal((await anonymous.get('/console/customers')).location, '/console/login');
      assert.equal((await anonymous.get(`/console/customers/${customerId}`)).location, '/console/login');
    });

    it('a suspended customer who sets a new password through recovery still gets no session until 利用再開', async () => {
      const jiro = await insertCustomer(t.deps.db, { userId: 'jiro@example.com', password: CUSTOMER_PASSWORD, familyName: '三住', givenName: '次郎', givenKana: 'ジロウ', birthDate: '1980-02-02' });
      const desk = await staff('desk.one');
      await desk.get(`/console/customers/${jiro.id}`);
      assert.equal((await desk.post(`/console/customers/${jiro.id}/suspend`, { reason: '不正利用の疑い' })).location, `/console/customers/${jiro.id}?done=suspended`);

      const client = browser();
      const mail = nextMail(t, 'jiro@example.com');
      await client.get('/recovery');
      assert.equal((await client.post('/recovery', { email: 'jiro@example.com', birth_date: '1980-02-02' })).status, 303);
      const sent = await client.get('/recovery/sent');
      const keyword = /<dd class="keyword">([^<]*)</.exec(sent.html)?.[1] ?? '';
      await completeAtLink(client, '/recovery', mailPath(await mail()), { keyword, userId: 'jiro@example.com', password: 'Nw5rTq8m' });
      assert.equal((await client.get('/mypage')).location, '/login?next=%2Fmypage', 'no session for a suspended account');
      const login = async () => {
        const other = browser();
        await other.get('/login');
        return other.post('/login', { userId: 'jiro@example.com', password: 'Nw5rTq8m' });
      };
      assert.equal((await login()).status, 401);
      await desk.get(`/console/customers/${jiro.id}`);
      assert.equal((await desk.post(`/console/customers/${jiro.id}/resume`, { reason: 'ご本人確認済み' })).location, `/console/customers/${jiro.id}?done=resumed`);
      assert.equal((await login()).status, 303);
    });

    it('what was typed is in no URL: the form posts, the results’ URL is sealed for this staff member; another’s or an altered seal asks again', async () => {
      const desk = await staff('desk.one');
      await desk.get('/console/customers');
      const posted = await desk.post('/console/customers', { by: 'email', q: 'abc@example.com' });
      assert.equal(posted.status, 303);
      const results = posted.location!;
      assert.match(results, /^\/console\/customers\?s=[\w-]+$/);
      assert.ok(!decodeURIComponent(results).includes('abc'), 'the address is not in the URL');
      assert.deepEqual(rowsOf((await desk.get(results)).html), ['三住 太郎 ミツスミ タロウ 1975年01月01日 登録済 1件 詳細']);
      assert.match((await desk.get(results)).html, /<input id="f-q" type="search" name="q" value="abc@example.com"/, 'the form keeps what was typed');
      const old = await desk.get(q('email', 'abc@example.com'));
      assert.equal(old.status, 303, 'a URL from before sealing is answered at its sealed results');
      assert.match(old.location!, /^\/console\/customers\?s=[\w-]+$/);
      const other = await staff('admin.one');
      for (const [who, url] of [[other, results], [desk, `${results.slice(0, -4)}AAAA`], [desk, '/console/customers?s=x']] as const) {
        const page = await who.get(url);
        assert.equal(page.status, 400, url);
        assert.match(textOf(page.html), /この検索結果は表示できなくなりました。もう一度検索してください。/);
        assert.equal(rowsOf(page.html).length, 0);
      }
      const refused = await desk.post('/console/customers', { by: 'name', q: 'あ'.repeat(101) });
      assert.equal(refused.status, 400, 'a refused search is answered at once, not redirected');
      const forged = await desk.post('/console/customers', { _csrf: 'forged', by: 'name', q: 'ミツスミ' });
      assert.ok(forged.status >= 400 && forged.status < 500, `a post without the form's token is refused: ${forged.status}`);
    });

    it('bad search input never answers 5xx', async () => {
      const desk = await staff('desk.one');
      const paths = [
        q('name', 'あ'.repeat(5000)),
        q('nope', 'ミツスミ'),
        q('name', ''),
        q('name', '   '),
        q('phone', 'abc'),
        q('name', 'ミツスミ', 0),
        `${q('name', 'ミツスミ')}&page=-1`,
        `${q('name', 'ミツスミ')}&page=99999`,
        '/console/customers?q=%00&by=name',
        '/console/customers?q=%FF&by=name',
        '/console/customers?q=a&q=b&by=name&by=email',
        '/console/customers?by[]=x&q[a]=b',
        `/console/customers?q=${'x'.repeat(8000)}`,
        q('email', "' OR 1=1 --"),
        q('policy', '<script>alert(1)</script>'),
      ];
      for (const path of paths) {
        const page = await desk.get(path);
        assert.ok(page.status < 500, `${path.slice(0, 80)}: ${page.status}`);
        assert.ok(!page.html.includes('<script>alert(1)</script>'), 'never echoed raw');
      }
      assert.equal((await deskSearch(desk, 'nope', 'ミツスミ')).status, 400);
      assert.match(textOf((await desk.get(q('name', 'あ'.repeat(101)))).html), /100文字以内/);
    });
  });
}
