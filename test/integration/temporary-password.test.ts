import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findStaffByLogin } from '../../src/features/console/repository.js';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ACCOUNT_POLICY } from '../../src/features/login/throttling.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { nextMail } from '../support/registration.js';
import { codeAt } from '../support/staff.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';

// 仮パスワードの発行 on both dialects: who may issue one, shown once or mailed (sealed in the
// outbox), the login that must set a new password before anything else, the 72 hours, the locks
// and sessions it ends, and its audit trail.

const BASE = new Date('2026-11-25T01:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STAFF_PASSWORD = 'Console-Temporary-2026';
const OLD_PASSWORD = 'Abc12345';
const NEW_PASSWORD = 'Kamome2026x';
const HOUR = 3_600_000;
/** The alphabet the desk reads out by phone: no i, l, o, 0 or 1. */
const READABLE = /^[a-hjkmnp-z2-9]{10}$/;

for (const kind of databaseKinds()) {
  describe(`仮パスワード on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let n = 0;
    const browser = () => new WebClient(t.baseUrl, { 'x-forwarded-for': `198.51.100.${++n}` });

    async function staff(login: string): Promise<WebClient> {
      const client = browser();
      await client.get('/console/login');
      assert.equal((await client.post('/console/login', { login, password: STAFF_PASSWORD })).status, 303);
      await client.get('/console/login/code');
      clock.advance(30_000);
      assert.equal((await client.post('/console/login/code', { code: codeAt(SECRET, clock.now()) })).status, 303);
      return client;
    }

    async function newCustomer() {
      const userId = `customer${++n}@example.com`;
      const row = await insertCustomer(t.deps.db, { userId, password: OLD_PASSWORD });
      return { id: row.id, userId };
    }

    async function login(client: WebClient, userId: string, password: string): Promise<WebPage> {
      await client.get('/login');
      return client.post('/login', { userId, password });
    }

    /** Issues from the details page (its CSRF token); returns the answer. */
    async function issue(desk: WebClient, customerId: string, fields: Record<string, string>): Promise<WebPage> {
      await desk.get(`/console/customers/${customerId}`);
      return desk.post(`/console/customers/${customerId}/temporary-password`, fields);
    }

    /** Issues one shown on screen and reads it from the one page that shows it. */
    async function issueOnScreen(desk: WebClient, customerId: string): Promise<string> {
      const answer = await issue(desk, customerId, { delivery: 'screen', reason: 'お電話でご本人確認済み' });
      assert.equal(answer.location, `/console/customers/${customerId}/temporary-password`);
      const shown = await desk.get(answer.location);
      assert.equal(shown.status, 200);
      const password = /<code>([^<]+)<\/code>/.exec(shown.html)?.[1] ?? '';
      assert.match(password, READABLE);
      return password;
    }

    const events = (customerId: string, kindName: string) => t.deps.db.selectFrom('audit_events').selectAll().where('customer_id', '=', customerId).where('kind', '=', kindName).execute();

    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { TRUST_PROXY: '127.0.0.1' } });
      await insertPolicy(t.deps.db);
      await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [
        { login: 'desk.one', name: '窓口 一子', role: 'desk', agencyCode: null, password: STAFF_PASSWORD, totpSecret: SECRET },
        { login: 'admin.one', name: '管理 二郎', role: 'admin', agencyCode: null, password: STAFF_PASSWORD, totpSecret: SECRET },
        { login: 'agency.one', name: '代理 三子', role: 'agency', agencyCode: 'D0001', password: STAFF_PASSWORD, totpSecret: SECRET },
      ]);
    });
    after(async () => t.close());

    it('agency staff get 404 for the form, the action and the page that shows it; desk and admin see the form', async () => {
      const c = await newCustomer();
      const agency = await staff('agency.one');
      await agency.get('/console');
      assert.equal((await agency.post(`/console/customers/${c.id}/temporary-password`, { delivery: 'screen', reason: '確認' })).status, 404);
      assert.equal((await agency.get(`/console/customers/${c.id}/temporary-password`)).status, 404);
      assert.equal((await login(browser(), c.userId, OLD_PASSWORD)).status, 303, 'nothing was issued: the password still works');
      for (const who of ['desk.one', 'admin.one']) {
        const page = await (await staff(who)).get(`/console/customers/${c.id}`);
        assert.match(textOf(page.html), /仮パスワードの発行 .*お客さまへの渡し方 画面に表示（お電話でお伝えする） メールで送る（ご登録のメールアドレスへ）/, who);
      }
    });

    it('refuses a missing 渡し方 or 理由 next to its field, issues nothing, and answers 404 for an unknown customer', async () => {
      const c = await newCustomer();
      const desk = await staff('desk.one');
      const noDelivery = await issue(desk, c.id, { reason: '確認' });
      assert.equal(noDelivery.status, 303);
      assert.match(textOf((await desk.get(noDelivery.location!)).html), /お客さまへの渡し方 お客さまへの渡し方を選んでください。/);
      const noReason = await issue(desk, c.id, { delivery: 'mail', reason: ' ' });
      assert.match(textOf((await desk.get(noReason.location!)).html), /仮パスワードの発行の理由 必須、200文字以内。監査ログに記録されます。 理由を入力してください。/);
      const odd = await issue(desk, c.id, { delivery: 'fax', reason: '確認' });
      assert.match(odd.location ?? '', /error=delivery_missing/);
      assert.equal((await issue(desk, c.id, { delivery: 'screen', reason: 'x'.repeat(201) })).location, `/console/customers/${c.id}?error=reason_too_long&form=temporary-password`);
      assert.equal((await desk.post('/console/customers/00000000-0000-4000-8000-000000000000/temporary-password', { delivery: 'screen', reason: '確認' })).status, 404);
      assert.equal((await desk.post('/console/customers/policy-C123456789/temporary-password', { delivery: 'screen', reason: '確認' })).status, 404);
      assert.equal((await t.deps.db.selectFrom('temporary_passwords').select('customer_id').where('customer_id', '=', c.id).execute()).length, 0);
      assert.equal((await login(browser(), c.userId, OLD_PASSWORD)).status, 303);
    });

    it('shown once to the issuing operator: a reload or another operator sees it no more; only its hash is stored; locks lifted, sessions ended, the old password gone', async () => {
      const c = await newCustomer();
      const customer = browser();
      assert.equal((await login(customer, c.userId, OLD_PASSWORD)).status, 303);
      assert.equal((await customer.get('/mypage')).status, 200);
      for (let i = 0; i < ACCOUNT_POLICY.limit; i++) await login(browser(), c.userId, 'Wrong9999');
      assert.equal((await login(browser(), c.userId, OLD_PASSWORD)).status, 429, 'locked before the desk acts');

      const desk = await staff('desk.one');
      const password = await issueOnScreen(desk, c.id);
      const issuedAt = clock.now();
      const again = await desk.get(`/console/customers/${c.id}/temporary-password`);
      assert.equal(again.status, 200);
      assert.ok(!again.html.includes(password));
      assert.match(textOf(again.html), /すでに表示したため、もう表示できません/);
      const admin = await staff('admin.one');
      assert.ok(!(await admin.get(`/console/customers/${c.id}/temporary-password`)).html.includes(password));

      const row = await t.deps.db.selectFrom('temporary_passwords').selectAll().where('customer_id', '=', c.id).executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^\$argon2id\$/);
      assert.equal(row.reveal_sealed, null, 'the sealed copy is gone once shown');
      assert.equal(row.delivery, 'screen');
      assert.equal(row.expires_at, new Date(issuedAt.getTime() + 72 * HOUR).toISOString());
      const everything = JSON.stringify([row, await t.deps.db.selectFrom('audit_events').selectAll().execute(), await t.deps.db.selectFrom('outbox').selectAll().execute()]);
      assert.ok(!everything.includes(password), 'no clear text in the tables');

      assert.equal((await customer.get('/mypage')).location, '/login?next=%2Fmypage', 'the session ended');
      assert.equal((await login(browser(), c.userId, OLD_PASSWORD)).status, 401, 'the old password no longer works and the lock is lifted');
      const [issued] = await events(c.id, 'console_customer_temporary_password_issued');
      const detail = JSON.parse(issued!.detail);
      assert.equal(issued!.actor_id, (await findStaffByLogin(t.deps.db, 'desk.one'))!.id);
      assert.deepEqual([detail.reason, detail.delivery, detail.before.locked, detail.before.sessions, detail.after], ['お電話でご本人確認済み', 'screen', true, 1, { locked: false, sessions: 0, temporaryPassword: true }]);
      assert.equal((await events(c.id, 'console_customer_temporary_password_shown')).length, 1);
      const history = textOf((await desk.get(`/console/customers/${c.id}`)).html);
      assert.match(history, /仮パスワードの発行（デスク） 職員：窓口 一子（desk\.one） 198\.51\.100\.\d+ お電話でご本人確認済み/);
      assert.match(history, /仮パスワードの表示（デスク） 職員：窓口 一子（desk\.one）/);
    });

    it('a login with it reaches only 新しいパスワードの設定 (and ログアウト) until a new password is set; then the notice mail, and only the new password logs in', async () => {
      const c = await newCustomer();
      const password = await issueOnScreen(await staff('desk.one'), c.id);
      const customer = browser();
      assert.equal((await login(customer, c.userId, password)).location, '/mypage');
      for (const path of ['/mypage', '/mypage/changes', '/mypage/changes/password', '/mypage/policies', '/', '/terms', '/renewal']) {
        assert.equal((await customer.get(path)).location, '/mypage/new-password', path);
      }
      const form = await customer.get('/mypage/new-password');
      assert.equal(form.status, 200);
      assert.match(textOf(form.html), /新しいパスワードの設定 仮パスワードでログインしました。/);
      assert.equal((await customer.post('/mypage/changes/address', { postal_code: '1000001', address: '東京都', phone: '0312345678' })).location, '/mypage/new-password', 'a POST elsewhere is refused too');
      assert.equal((await customer.get('/logout')).status, 200, 'ログアウト stays reachable');

      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ password: 'abc', password_confirm: 'abc' }, /新しいパスワード .*6文字以上15文字以下で入力してください。/],
        [{ password: 'abcdefgh', password_confirm: 'abcdefgh' }, /英字と数字を必ず混ぜて入力してください。/],
        [{ password: NEW_PASSWORD, password_confirm: `${NEW_PASSWORD}x` }, /新しいパスワード（確認用）が新しいパスワードと一致しません。/],
        [{ password, password_confirm: password }, /仮パスワードとは異なるパスワードをご指定ください。/],
      ];
      for (const [fields, message] of cases) {
        await customer.get('/mypage/new-password');
        const refused = await customer.post('/mypage/new-password', fields);
        assert.equal(refused.status, 400, JSON.stringify(fields));
        assert.match(textOf(refused.html), message);
      }
      const mail = nextMail(t, c.userId);
      await customer.get('/mypage/new-password');
      const done = await customer.post('/mypage/new-password', { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
      assert.equal(done.location, '/mypage/new-password/complete');
      assert.match(textOf((await customer.get(done.location)).html), /新しいパスワードを設定しました。.*ホームへ/);
      assert.equal((await customer.get('/mypage')).status, 200, 'home at last, in a fresh session');
      const notice = await mail();
      assert.match(notice.subject, /パスワード変更のお知らせ/);
      assert.match(notice.text, /お客さまWebサービスのパスワードが変更されました。/);

      assert.equal((await login(browser(), c.userId, password)).status, 401, 'the temporary password is used up');
      const again = browser();
      assert.equal((await login(again, c.userId, NEW_PASSWORD)).location, '/mypage');
      assert.equal((await again.get('/mypage')).status, 200);
      assert.equal((await again.get('/mypage/new-password')).location, '/mypage', 'nothing left to set');
      assert.equal((await events(c.id, 'temporary_password_replaced')).length, 1);
    });

    it('ログアウト works while the change is pending, and the temporary password logs in again afterwards', async () => {
      const c = await newCustomer();
      const password = await issueOnScreen(await staff('admin.one'), c.id);
      const customer = browser();
      await login(customer, c.userId, password);
      await customer.get('/mypage/new-password');
      assert.equal((await customer.post('/logout', {})).location, '/logout');
      assert.equal((await customer.get('/mypage')).location, '/login?next=%2Fmypage');
      assert.equal((await login(customer, c.userId, password)).location, '/mypage');
      assert.equal((await customer.get('/mypage')).location, '/mypage/new-password');
    });

    it('mailed: the mail carries it (filled in at delivery), the outbox row only a sealed slot, and it logs in to 新しいパスワードの設定', async () => {
      const c = await newCustomer();
      const desk = await staff('desk.one');
      const mail = nextMail(t, c.userId);
      const answer = await issue(desk, c.id, { delivery: 'mail', reason: 'メールでの送付をご希望' });
      assert.equal(answer.location, `/console/customers/${c.id}?done=temporary_password_mailed`);
      assert.match(textOf((await desk.get(answer.location)).html), /仮パスワードを発行し、ご登録のメールアドレスに送信しました/);
      const got = await mail();
      assert.match(got.subject, /仮パスワードのお知らせ/);
      const password = /仮パスワード:([a-z0-9]+)/.exec(got.text)?.[1] ?? '';
      assert.match(password, READABLE);
      assert.match(got.text, /有効期限:2026年11月28日.*まで（発行から72時間）/);
      const row = await t.deps.db.selectFrom('outbox').selectAll().where('to_address', '=', c.userId).where('subject', 'like', '%仮パスワード%').executeTakeFirstOrThrow();
      assert.ok(row.text_body.includes('仮パスワード:{{secret:password}}'));
      assert.ok(!JSON.stringify(row).includes(password), 'not in the outbox in clear');
      assert.equal((await t.deps.db.selectFrom('temporary_passwords').select('reveal_sealed').where('customer_id', '=', c.id).executeTakeFirstOrThrow()).reveal_sealed, null);
      assert.match(textOf((await desk.get(`/console/customers/${c.id}/temporary-password`)).html), /すでに表示したため/, 'a mailed one is never shown');
      const customer = browser();
      assert.equal((await login(customer, c.userId, password)).location, '/mypage');
      assert.equal((await customer.get('/mypage')).location, '/mypage/new-password');
    });

    it('expires after 72 hours: the right temporary password is then refused with the desk to call, a wrong one as any wrong password', async () => {
      const c = await newCustomer();
      const password = await issueOnScreen(await staff('desk.one'), c.id);
      const issuedAt = clock.now();
      clock.set(new Date(issuedAt.getTime() + 72 * HOUR - 60_000));
      const early = browser();
      assert.equal((await login(early, c.userId, password)).location, '/mypage', 'still valid a minute before');
      await early.get('/mypage/new-password');
      await early.post('/logout', {});
      clock.set(new Date(issuedAt.getTime() + 72 * HOUR));
      const late = await login(browser(), c.userId, password);
      assert.equal(late.status, 401);
      assert.match(textOf(late.html), /仮パスワードの有効期限（発行から72時間）が過ぎているため、ログインできません。 お手数ですが、.+（.+）までお電話ください。/);
      assert.equal(late.headers.getSetCookie().some((line) => /session/.test(line) && !/1970/.test(line)), false, 'no session');
      const wrong = await login(browser(), c.userId, 'Wrong9999');
      assert.match(textOf(wrong.html), /ユーザーIDまたはパスワードが正しくありません。/);
      assert.equal((await events(c.id, 'login_temporary_password_expired')).length, 1);
      // A new one from the desk works again.
      const fresh = await issueOnScreen(await staff('desk.one'), c.id);
      assert.equal((await login(browser(), c.userId, fresh)).location, '/mypage');
    });

    it('parallel wrong guesses still lock the user ID: counted before the check, at most the limit are checked', async () => {
      const c = await newCustomer();
      const password = await issueOnScreen(await staff('desk.one'), c.id);
      const clients = await Promise.all(Array.from({ length: 12 }, async () => {
        const client = new WebClient(t.baseUrl, { 'x-forwarded-for': '203.0.113.7' });
        await client.get('/login');
        return client;
      }));
      const answers = await Promise.all(clients.map((client, i) => client.post('/login', { userId: c.userId, password: `Guess${i}x99` })));
      assert.deepEqual([...new Set(answers.map((a) => a.status))].sort(), [401, 429]);
      assert.equal((await events(c.id, 'login_failed')).length, ACCOUNT_POLICY.limit, 'only the limit reached the password check');
      assert.equal((await login(browser(), c.userId, password)).status, 429, 'the right temporary password waits out the lock too');
    });

    it('two operators issuing at once: both answered (no 5xx), one temporary password stands and only it logs in', async () => {
      const c = await newCustomer();
      const [one, two] = await Promise.all([staff('desk.one'), staff('admin.one')]);
      await Promise.all([one.get(`/console/customers/${c.id}`), two.get(`/console/customers/${c.id}`)]);
      const answers = await Promise.all([one, two].map((desk) => desk.post(`/console/customers/${c.id}/temporary-password`, { delivery: 'screen', reason: '同時操作' })));
      assert.deepEqual(answers.map((a) => a.status), [303, 303]);
      const shown = await Promise.all([one, two].map(async (desk) => /<code>([^<]+)<\/code>/.exec((await desk.get(`/console/customers/${c.id}/temporary-password`)).html)?.[1] ?? null));
      const rows = await t.deps.db.selectFrom('temporary_passwords').selectAll().where('customer_id', '=', c.id).execute();
      assert.equal(rows.length, 1);
      const working = [];
      for (const password of shown.filter((p): p is string => p !== null)) if ((await login(browser(), c.userId, password)).status === 303) working.push(password);
      assert.equal(working.length, 1, 'only the standing one logs in');
    });

    it('a suspended account gets no temporary password (the form is not offered)', async () => {
      const c = await newCustomer();
      const desk = await staff('desk.one');
      await desk.get(`/console/customers/${c.id}`);
      assert.equal((await desk.post(`/console/customers/${c.id}/suspend`, { reason: '不正利用の疑い' })).status, 303);
      assert.ok(!textOf((await desk.get(`/console/customers/${c.id}`)).html).includes('仮パスワードの発行の理由'));
      assert.equal((await desk.post(`/console/customers/${c.id}/temporary-password`, { delivery: 'screen', reason: '確認' })).location, `/console/customers/${c.id}?done=temporary_password_suspended`);
      assert.equal((await t.deps.db.selectFrom('temporary_passwords').select('customer_id').where('customer_id', '=', c.id).execute()).length, 0);
    });
  });
}
