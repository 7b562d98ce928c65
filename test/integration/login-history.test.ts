import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock, formatDateTimeJa } from '../../src/platform/clock.js';
import { LOGIN_EVENTS_KEPT_PER_CUSTOMER, recordLoginEvent } from '../../src/platform/auth/login-events.js';
import { LOGIN_NOTICE_DAILY_CAP } from '../../src/platform/auth/login-notice.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { completeAtLink, isLoginNotice, requestRegistration } from '../support/registration.js';
import { WebClient, textOf } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan.
const BASE = new Date('2026-11-25T01:00:00Z');
const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const HISTORY = '/mypage/changes/login-history';
const PASSWORD = 'Mt4sQx9v';

for (const kind of databaseKinds()) {
  describe(`ログイン履歴, login notices and the customer's sessions on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let seq = 0;

    async function customer() {
      seq += 1;
      const policyNumber = `C6000000${String(seq).padStart(2, '0')}`;
      await insertPolicy(t.deps.db, { policy_number: policyNumber });
      const userId = `h${seq}@example.com`;
      const row = await insertCustomer(t.deps.db, { userId, password: PASSWORD, policies: [policyNumber] });
      return { id: row.id, userId };
    }

    /** A browser (its own cookies, user agent) that logs in; the answer's status is checked. */
    async function browser(userAgent: string, userId: string, password = PASSWORD, status = 303) {
      const client = new WebClient(t.baseUrl, { 'user-agent': userAgent });
      await client.get('/login');
      assert.equal((await client.post('/login', { userId, password })).status, status, `login ${userId}`);
      return client;
    }

    const eventsOf = (customerId: string) => t.deps.db.selectFrom('login_events').selectAll().where('customer_id', '=', customerId).orderBy('at').execute();
    const noticesTo = async (to: string) => (await t.deps.db.selectFrom('outbox').select('subject').where('to_address', '=', to).execute()).filter((m) => m.subject.includes('ログインのお知らせ')).length;
    const auditOf = (kind: string, customerId: string) => t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', kind).where('customer_id', '=', customerId).execute();

    before(async () => {
      t = await startTestApp({ db: kind, clock });
    });
    after(async () => t.close());
    beforeEach(() => clock.advance(5 * 60_000));

    it('records successes and failures of an existing account (not of unknown IDs) and lists them in Japan time, newest first', async () => {
      const c = await customer();
      await browser(IPHONE_SAFARI, c.userId, 'Wrong1234', 401);
      const failedAt = clock.now();
      await browser(WINDOWS_CHROME, 'nobody@example.com', PASSWORD, 401);
      clock.advance(60_000);
      const client = await browser(WINDOWS_CHROME, c.userId);
      const events = await eventsOf(c.id);
      assert.deepEqual(
        events.map((e) => [e.method, Number(e.succeeded), e.user_agent]),
        [
          ['password', 0, IPHONE_SAFARI],
          ['password', 1, WINDOWS_CHROME],
        ],
      );
      assert.equal((await t.deps.db.selectFrom('login_events').selectAll().where('user_agent', '=', WINDOWS_CHROME).where('succeeded', '=', 0).execute()).length, 0, 'an unknown ID names no account: nothing recorded');

      const tab = await client.get('/mypage/changes');
      assert.match(textOf(tab.html), /ログイン履歴 .* ログイン履歴を確認する/);
      const page = await client.get(HISTORY);
      assert.equal(page.status, 200);
      const text = textOf(page.html);
      assert.match(text, new RegExp(`最近のログイン（最新20件） .* ${formatDateTimeJa(clock.now())} Chrome 131 / Windows 10 パスワード 成功 ${formatDateTimeJa(failedAt)} Safari / iPhone \\(iOS 18\\) パスワード 失敗`));
      assert.match(text, /ログイン中の端末 .* Chrome 131 \/ Windows 10 このブラウザ/);
      assert.equal((await auditOf('login_history_viewed', c.id)).length, 1);
    });

    it('shows the last 20 attempts and keeps at most the newest 100 a customer', async () => {
      const c = await customer();
      for (let i = 0; i < LOGIN_EVENTS_KEPT_PER_CUSTOMER + 5; i += 1) {
        await recordLoginEvent(t.deps.db, { customerId: c.id, method: 'password', succeeded: false, at: new Date(BASE.getTime() - (200 - i) * 60_000), userAgent: IPHONE_SAFARI, ip: '192.0.2.9' });
      }
      assert.equal((await eventsOf(c.id)).length, LOGIN_EVENTS_KEPT_PER_CUSTOMER);
      const client = await browser(WINDOWS_CHROME, c.userId);
      assert.equal((await eventsOf(c.id)).length, LOGIN_EVENTS_KEPT_PER_CUSTOMER, 'the oldest went when the login was recorded');
      const page = await client.get(HISTORY);
      const table = /<table class="policy-table login-attempts">(.*?)<\/table>/s.exec(page.html)?.[1] ?? '';
      assert.equal((table.match(/<tr>/g) ?? []).length - 1, 20, 'twenty rows under the header');
      assert.match(textOf(table), /Chrome 131 \/ Windows 10 パスワード 成功/);
    });

    it('mails ログインのお知らせ for a browser new to the account (JST time, browser and OS, the desk, what to do), not for a known one', async () => {
      const c = await customer();
      await browser(WINDOWS_CHROME, c.userId);
      const loginAt = clock.now();
      const mail = await t.mail.waitFor(c.userId, isLoginNotice);
      assert.equal(mail.subject, '【みらい損保】ログインのお知らせ');
      assert.match(mail.text, new RegExp(`ログイン日時:${formatDateTimeJa(loginAt)}（日本時間）`));
      assert.match(mail.text, /2026年11月25日 10時\d\d分（日本時間）/);
      assert.match(mail.text, /ブラウザ・OS:Chrome 131 \/ Windows 10/);
      assert.match(mail.text, /ログイン方法:パスワード/);
      assert.match(mail.text, /「ほかの端末からすべてログアウト」/);
      assert.match(mail.text, /「パスワードの変更」/);
      assert.match(mail.text, new RegExp(`${t.deps.config.brand.deskName}（TEL:${t.deps.config.brand.deskPhone}）`));
      assert.doesNotMatch(mail.text, /https?:\/\//, 'no link in a mail that warns of a stranger');

      // The same browser again (its device cookie): no notice. A third login from a new browser: one more.
      const phone = await browser(IPHONE_SAFARI, c.userId);
      await phone.get('/logout');
      assert.equal((await phone.post('/logout', {})).status, 303);
      const again = new WebClient(t.baseUrl, { 'user-agent': IPHONE_SAFARI });
      for (const [name, value] of phone.cookies) again.cookies.set(name, value);
      await again.get('/login');
      assert.equal((await again.post('/login', { userId: c.userId, password: PASSWORD })).status, 303);
      assert.equal(await noticesTo(c.userId), 2, 'two new browsers, one known: two notices');
      await t.mail.waitFor(c.userId, (m) => m.text.includes('Safari / iPhone (iOS 18)'));
      assert.equal(t.mail.messages.filter((m) => m.to.includes(c.userId) && m.subject.includes('ログインのお知らせ')).length, 2);
    });

    it('sends at most 10 notices a day to one account (a private window is new each time), and records every login', async () => {
      const c = await customer();
      for (let i = 0; i < LOGIN_NOTICE_DAILY_CAP.limit + 2; i += 1) await browser(WINDOWS_CHROME, c.userId);
      assert.equal(await noticesTo(c.userId), LOGIN_NOTICE_DAILY_CAP.limit);
      assert.equal((await eventsOf(c.id)).filter((e) => Number(e.succeeded) === 1).length, LOGIN_NOTICE_DAILY_CAP.limit + 2);
      clock.advance(24 * 3_600_000 + 60_000);
      await browser(WINDOWS_CHROME, c.userId);
      assert.equal(await noticesTo(c.userId), LOGIN_NOTICE_DAILY_CAP.limit + 1, 'the next day a new browser is told again');
    });

    it('ends another session (the other browser is sent to /login), refuses another customer’s or a made-up reference with 404 and ends nothing', async () => {
      const c = await customer();
      const stranger = await customer();
      const pc = await browser(WINDOWS_CHROME, c.userId);
      const phone = await browser(IPHONE_SAFARI, c.userId);
      const theirs = await browser(IPHONE_SAFARI, stranger.userId);
      const strangerPage = await theirs.get(HISTORY);
      const page = await pc.get(HISTORY);
      const refs = [...page.html.matchAll(/name="session" value="([^"]+)"/g)].map((m) => m[1] ?? '');
      assert.equal(refs.length, 1, 'one other session; this browser has no ログアウトさせる');
      assert.match(textOf(page.html), /Safari \/ iPhone \(iOS 18\) .* ログアウトさせる/);
      assert.doesNotMatch(page.html, /name="session" value="[0-9a-f]{64}"/, 'no session hash in the page');

      // The stranger's own sessions are not theirs to end here, nor ours theirs.
      assert.equal((await theirs.post(`${HISTORY}/end`, { session: refs[0] ?? '' })).status, 404);
      for (const session of ['x', '', 'a'.repeat(500), '../../etc', [refs[0] ?? '', 'x']]) {
        assert.equal((await pc.post(`${HISTORY}/end`, { session })).status, 404, String(session));
      }
      assert.equal(strangerPage.status, 200);
      assert.equal((await phone.get('/mypage')).status, 200, 'nothing ended by the refused attempts');

      const ended = await pc.post(`${HISTORY}/end`, { session: refs[0] ?? '' });
      assert.equal(ended.status, 303);
      assert.equal(ended.location, `${HISTORY}?ended=one`);
      assert.match(textOf((await pc.get(ended.location ?? '')).html), /選択した端末をログアウトさせました。/);
      const after = await phone.get('/mypage');
      assert.equal(after.status, 303);
      assert.match(after.location ?? '', /^\/login/);
      assert.equal((await pc.get('/mypage')).status, 200, 'this browser stays logged in');
      assert.equal((await theirs.get('/mypage')).status, 200, 'the other customer stays logged in');
      assert.equal((await auditOf('session_ended_by_customer', c.id)).length, 1);
      assert.equal((await pc.post(`${HISTORY}/end`, { session: refs[0] ?? '' })).status, 404, 'an ended session cannot be ended again');
    });

    it('ほかの端末からすべてログアウト ends all but this browser; a form of an ended session goes to /login', async () => {
      const c = await customer();
      const pc = await browser(WINDOWS_CHROME, c.userId);
      const phone = await browser(IPHONE_SAFARI, c.userId);
      const tablet = await browser(IPHONE_SAFARI, c.userId);
      await phone.get('/mypage/changes/password');
      await pc.get(HISTORY);
      const answer = await pc.post(`${HISTORY}/end-others`, {});
      assert.equal(answer.status, 303);
      assert.match(textOf((await pc.get(answer.location ?? '')).html), /ほかの端末（2件）をすべてログアウトさせました。/);
      for (const other of [phone, tablet]) assert.match((await other.get('/mypage')).location ?? '', /^\/login/);
      const form = await phone.post('/mypage/changes/password', { current_password: PASSWORD, new_password: 'Nw5tPq8z', new_password_confirm: 'Nw5tPq8z' });
      assert.equal(form.status, 303);
      assert.equal(form.location, '/login');
      assert.equal((await pc.get('/mypage')).status, 200);
      const [audit] = await auditOf('other_sessions_ended_by_customer', c.id);
      assert.deepEqual(JSON.parse(audit?.detail ?? '{}'), { count: 2 });
    });

    it('counts the login that ends registration (no notice: the browser becomes known), so the next login there sends none', async () => {
      await insertPolicy(t.deps.db, { policy_number: 'C123456789' });
      const client = new WebClient(t.baseUrl, { 'user-agent': WINDOWS_CHROME });
      const path = await requestRegistration(t, client);
      await completeAtLink(client, '/register', path, { keyword: 'Abc123', userId: 'taro@example.com', password: PASSWORD });
      const account = await t.deps.db.selectFrom('customers').select('id').where('user_id', '=', 'taro@example.com').executeTakeFirstOrThrow();
      assert.deepEqual((await eventsOf(account.id)).map((e) => [e.method, Number(e.succeeded)]), [['registration', 1]]);
      assert.match(textOf((await client.get(HISTORY)).html), /Chrome 131 \/ Windows 10 初回利用登録 成功/);
      await client.get('/logout');
      assert.equal((await client.post('/logout', {})).status, 303);
      await client.get('/login');
      assert.equal((await client.post('/login', { userId: 'taro@example.com', password: PASSWORD })).status, 303);
      assert.equal(await noticesTo('taro@example.com'), 0);
    });
  });
}
