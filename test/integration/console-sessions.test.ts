import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { codeAt } from '../support/staff.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan; the customer site's window is Mondays 02:00-04:00.
const BASE = new Date('2026-11-25T01:00:00Z');
const MONDAY_0230_JST = new Date('2026-11-29T17:30:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Test-2026';
const MINUTE = 60_000;

/** A browser at its own address (the app trusts X-Forwarded-For from 127.0.0.1), so tests do not share the per-IP count. */
class StaffBrowser extends WebClient {
  constructor(baseUrl: string, readonly ip: string) {
    super(baseUrl, { 'x-forwarded-for': ip });
  }
}

for (const kind of databaseKinds()) {
  describe(`console sessions, lockout and separation on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let ipCount = 0;
    const browser = () => new StaffBrowser(t.baseUrl, `192.0.2.${++ipCount}`);
    /** A code of a step not used yet: each login moves the clock on one step. */
    const freshCode = () => {
      clock.advance(30_000);
      return codeAt(SECRET, clock.now());
    };
    async function logIn(client: WebClient, login: string, password = PASSWORD, code?: string): Promise<WebPage> {
      await client.get('/console/login');
      const first = await client.post('/console/login', { login, password });
      if (first.status !== 303) return first;
      await client.get('/console/login/code');
      return client.post('/console/login/code', { code: code ?? freshCode() });
    }

    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { TRUST_PROXY: '127.0.0.1', MAINTENANCE_WINDOWS: 'Mon 02:00-04:00' } });
      await insertPolicy(t.deps.db);
      await insertCustomer(t.deps.db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789'] });
      const staff = ['burst', 'codes', 'idle', 'absolute', 'disabled', 'cookies', 'maint', 'csrf'].map((login) => ({ login: `staff.${login}`, name: `職員 ${login}`, role: 'desk' as const, agencyCode: null, password: PASSWORD, totpSecret: SECRET }));
      await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), staff);
    });
    after(async () => t.close());

    it('a parallel burst of wrong passwords gets at most the limit of checks, then the login is locked for the right password too', async () => {
      const client = browser();
      await client.get('/console/login');
      const answers = await Promise.all(Array.from({ length: 20 }, () => client.post('/console/login', { login: 'staff.burst', password: 'Wrong-Password-1' })));
      const checked = answers.filter((a) => a.status === 401).length;
      assert.ok(checked <= 5, `${checked} checked`);
      assert.equal(answers.filter((a) => a.status === 429).length, 20 - checked);
      const failed = await t.deps.db.selectFrom('audit_events').select('detail').where('kind', '=', 'staff_login_failed').execute();
      assert.ok(failed.length <= 5, 'no more password checks than the limit');
      const locked = await client.post('/console/login', { login: 'staff.burst', password: PASSWORD });
      assert.equal(locked.status, 429);
      assert.match(textOf(locked.html), /ログインを一時的に停止しています/);
      assert.ok((await t.deps.db.selectFrom('audit_events').select('id').where('kind', '=', 'staff_login_locked').execute()).length >= 1);
    });

    it('an unknown login gets the same answer as a wrong password', async () => {
      const client = browser();
      await client.get('/console/login');
      const unknown = await client.post('/console/login', { login: 'nobody.here', password: PASSWORD });
      const wrong = await client.post('/console/login', { login: 'staff.codes', password: 'Not-The-Password-9' });
      assert.equal(unknown.status, 401);
      assert.equal(wrong.status, 401);
      const summary = (page: WebPage) => /class="error-summary" role="alert"><p>([^<]+)</.exec(page.html)?.[1];
      assert.equal(summary(unknown), 'ログインIDまたはパスワードが正しくありません。');
      assert.equal(summary(unknown), summary(wrong));
    });

    it('wrong codes count on the same lock as passwords', async () => {
      const client = browser();
      await client.get('/console/login');
      assert.equal((await client.post('/console/login', { login: 'staff.codes', password: PASSWORD })).status, 303);
      await client.get('/console/login/code');
      const statuses: number[] = [];
      for (let i = 0; i < 6 && statuses.at(-1) !== 429; i++) statuses.push((await client.post('/console/login/code', { code: '000000' })).status);
      assert.equal(statuses.at(-1), 429, statuses.join(','));
      assert.ok(statuses.length <= 5, 'the password attempt and at most four codes');
      assert.equal((await logIn(browser(), 'staff.codes')).status, 429, 'now locked, for the right password and code too');
    });

    it('locks an address that tries many logins', async () => {
      const client = browser();
      await client.get('/console/login');
      const answers = await Promise.all(Array.from({ length: 31 }, (_, i) => client.post('/console/login', { login: `guess.${i}`, password: 'Wrong-Password-1' })));
      // 30 checks: the 30th locks the address as it fails, the 31st is refused unchecked.
      assert.deepEqual([answers.filter((a) => a.status === 401).length, answers.filter((a) => a.status === 429).length], [29, 2]);
      assert.equal((await logIn(client, 'staff.cookies')).status, 429, 'the address is locked, whatever the login');
    });

    it('ends a session idle for 15 minutes', async () => {
      const client = browser();
      assert.equal((await logIn(client, 'staff.idle')).status, 303);
      clock.advance(14 * MINUTE);
      assert.equal((await client.get('/console')).status, 200);
      clock.advance(14 * MINUTE);
      assert.equal((await client.get('/console')).status, 200, 'each page view moves the idle limit');
      clock.advance(15 * MINUTE);
      assert.equal((await client.get('/console')).location, '/console/login');
    });

    it('ends a session 10 hours after login, however busy', async () => {
      const client = browser();
      assert.equal((await logIn(client, 'staff.absolute')).status, 303);
      for (let elapsed = 10; elapsed < 600; elapsed += 10) {
        clock.advance(10 * MINUTE);
        assert.equal((await client.get('/console')).status, 200, `${elapsed} minutes`);
      }
      clock.advance(10 * MINUTE);
      assert.equal((await client.get('/console')).location, '/console/login');
    });

    it('a disabled account cannot log in and its sessions end', async () => {
      const first = browser();
      const second = browser();
      assert.equal((await logIn(first, 'staff.disabled')).status, 303);
      assert.equal((await logIn(second, 'staff.disabled')).status, 303);
      await t.deps.db.updateTable('staff_accounts').set({ enabled: 0 }).where('login', '=', 'staff.disabled').execute();
      assert.equal((await first.get('/console')).location, '/console/login');
      const { id } = await t.deps.db.selectFrom('staff_accounts').select('id').where('login', '=', 'staff.disabled').executeTakeFirstOrThrow();
      const live = await t.deps.db.selectFrom('sessions').select('id_hash').where('actor_kind', '=', 'staff').where('actor_id', '=', id).where('revoked_at', 'is', null).execute();
      assert.equal(live.length, 0, 'every session of the account ended');
      assert.equal((await second.get('/console')).location, '/console/login');
      const again = await logIn(browser(), 'staff.disabled');
      assert.equal(again.status, 401);
      assert.match(textOf(again.html), /ログインIDまたはパスワードが正しくありません/);
    });

    it('the customer cookie never opens the console, and the staff cookie never opens /mypage', async () => {
      const customer = browser();
      await customer.get('/login');
      assert.equal((await customer.post('/login', { userId: 'abc@example.com', password: 'Abc12345' })).status, 303);
      assert.equal((await customer.get('/mypage')).status, 200);
      assert.equal((await customer.get('/console')).location, '/console/login');
      const customerRaw = customer.cookies.get('keizoku_session')!;

      const staff = browser();
      assert.equal((await logIn(staff, 'staff.maint')).status, 303);
      assert.equal((await staff.get('/console')).status, 200);
      assert.equal((await staff.get('/mypage')).location, '/login?next=%2Fmypage');
      const staffRaw = staff.cookies.get('keizoku_staff')!;

      const swapped = browser();
      swapped.cookies.set('keizoku_staff', customerRaw);
      swapped.cookies.set('keizoku_session', staffRaw);
      assert.equal((await swapped.get('/console')).location, '/console/login', 'a customer session id under the staff cookie');
      assert.equal((await swapped.get('/mypage')).location, '/login?next=%2Fmypage', 'a staff session id under the customer cookie');
    });

    it('console forms need the token of the staff session; a 404 is a console page', async () => {
      const client = browser();
      assert.equal((await logIn(client, 'staff.csrf')).status, 303);
      const noToken = await client.post('/console/logout', { _csrf: 'forged' });
      assert.equal(noToken.status, 403);
      assert.match(textOf(noToken.html), /画面の有効期限が切れました/);
      const anonymous = new StaffBrowser(t.baseUrl, client.ip);
      for (const [name, value] of client.cookies) if (name !== 'keizoku_staff') anonymous.cookies.set(name, value);
      await anonymous.get('/console/login');
      assert.equal((await client.post('/console/logout', { _csrf: anonymous.csrf! })).status, 403, 'the token of the page before login');
      assert.equal((await client.get('/console')).status, 200, 'still logged in');
      const missing = await client.get('/console/no-such-page');
      assert.equal(missing.status, 404);
      assert.match(missing.html, /<title>ページが見つかりません \| [^<]+管理コンソール<\/title>/);
      assert.equal((await client.post('/console/logout', {})).location, '/console/logout');
    });

    it('answers during the customer maintenance window', async () => {
      clock.set(MONDAY_0230_JST);
      const client = browser();
      assert.equal((await client.get('/login')).status, 503, 'the customer site is closed');
      assert.equal((await client.get('/console/login')).status, 200);
      // staff.maint logged in earlier: a fresh step for its code.
      assert.equal((await logIn(client, 'staff.maint')).status, 303);
      const home = await client.get('/console');
      assert.equal(home.status, 200);
      assert.equal(home.headers.get('retry-after'), null);
    });
  });
}
