import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { recordSuccessfulLogin } from '../../src/platform/auth/logins.js';
import { ManualClock } from '../../src/platform/clock.js';
import { sha256 } from '../../src/platform/crypto.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan: outside the Monday maintenance window.
const BASE = new Date('2026-11-25T01:00:00Z');
const MINUTE = 60_000;
const USER_ID = 'abc@example.com';
const PASSWORD = 'Abc12345';
const SESSION_COOKIE = 'keizoku_session';

const problemOf = (page: WebPage) => /<div class="error-summary" role="alert" id="login-problem">(.*?)<\/div>/s.exec(page.html)?.[1] ?? null;

async function login(client: WebClient, userId: string, password: string, next?: string): Promise<WebPage> {
  await client.get(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  return client.post('/login', { userId, password, ...(next ? { next } : {}) });
}

for (const kind of databaseKinds()) {
  describe(`login and logout on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let customerId: string;

    const auditKinds = async () =>
      (await t.deps.db.selectFrom('audit_events').select('kind').execute()).map((r) => r.kind);

    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { MAINTENANCE_WINDOWS: 'Mon 02:00-04:00' } });
      await insertPolicy(t.deps.db);
      customerId = (await insertCustomer(t.deps.db, { userId: USER_ID, password: PASSWORD, policies: ['C123456789'] })).id;
    });
    after(async () => t.close());
    beforeEach(async () => {
      clock.set(BASE);
      await t.deps.db.deleteFrom('throttles').execute();
      await t.deps.db.deleteFrom('audit_events').execute();
    });

    it('shows the guide’s login page with the service hours from MAINTENANCE_WINDOWS and its links', async () => {
      const page = await new WebClient(t.baseUrl).get('/login');
      assert.equal(page.status, 200);
      const text = textOf(page.html);
      assert.match(text, /お客さまWebサービス ログイン/);
      assert.match(text, /手続を進めていただくには、お客さまWebサービスへのログインが必要になります。/);
      assert.match(text, /ご利用可能時間は毎週月曜日 2:00～4:00を除く全日です。/);
      assert.match(page.html, /<a href="\/environment">推奨環境はこちら<\/a>/);
      assert.match(page.html, /<a href="\/register">初めてご利用いただく方はこちら<\/a>/);
      assert.match(page.html, /<a href="\/recovery">ユーザーID・パスワードをお忘れの方はこちら<\/a>/);
      assert.match(page.html, /<label for="f-userId">ユーザーID<\/label>/);
      assert.match(page.html, /<label for="f-password">パスワード<\/label>/);
      assert.match(page.html, /<button type="submit" class="button primary">ログイン<\/button>/);
    });

    it('logs in with a new session: 303 to /mypage, 前回 shifted, audit login_succeeded', async () => {
      const client = new WebClient(t.baseUrl);
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
      const answer = await login(client, USER_ID, PASSWORD);
      assert.equal(answer.status, 303);
      assert.equal(answer.location, '/mypage');
      const raw = client.cookies.get(SESSION_COOKIE);
      assert.ok(raw && raw.length >= 43);
      const row = await t.deps.db.selectFrom('sessions').selectAll().where('id_hash', '=', sha256(raw)).executeTakeFirstOrThrow();
      assert.equal(row.customer_id, customerId);
      assert.equal(row.revoked_at, null);
      assert.match(answer.headers.getSetCookie().join('\n'), /keizoku_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
      const customer = await t.deps.db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirstOrThrow();
      assert.equal(customer.last_login_at, BASE.toISOString());
      assert.deepEqual(await auditKinds(), ['login_succeeded']);
      assert.equal((await client.get('/mypage')).status, 200);
    });

    it('logging in again gives a new session id and revokes the one before', async () => {
      const client = new WebClient(t.baseUrl);
      await login(client, USER_ID, PASSWORD);
      const first = client.cookies.get(SESSION_COOKIE)!;
      const holdingFirst = new WebClient(t.baseUrl);
      holdingFirst.cookies.set(SESSION_COOKIE, first);
      assert.equal((await holdingFirst.get('/mypage')).status, 200);
      await client.get('/mypage'); // A form rendered in the session: the login page's own token was for no session.
      assert.equal((await client.post('/login', { userId: USER_ID, password: PASSWORD })).status, 303);
      const second = client.cookies.get(SESSION_COOKIE)!;
      assert.notEqual(second, first);
      assert.equal((await client.get('/mypage')).status, 200);
      assert.equal((await holdingFirst.get('/mypage')).status, 303);
    });

    it('answers a wrong password and an unknown ID with the same message, status and page', async () => {
      const wrong = await login(new WebClient(t.baseUrl), USER_ID, 'Wrong1234');
      const unknownClient = new WebClient(t.baseUrl);
      const unknown = await login(unknownClient, 'nobody@example.com', 'Wrong1234');
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, wrong.status);
      assert.equal(problemOf(wrong), problemOf(unknown));
      assert.match(textOf(problemOf(wrong) ?? ''), /^ユーザーIDまたはパスワードが正しくありません。/);
      const strip = (page: WebPage, id: string, client: string) => page.html.replaceAll(id, 'ID').replace(/value="[^"]{40,}"/g, `value="${client}"`);
      assert.equal(strip(wrong, USER_ID, 'token'), strip(unknown, 'nobody@example.com', 'token'));
      assert.doesNotMatch(wrong.html, /Wrong1234/);
      assert.deepEqual(await auditKinds(), ['login_failed', 'login_failed']);
    });

    it('slows down, then locks a known and an unknown ID alike after five failures, and lifts the lock after 30 minutes', async () => {
      const answers: Record<string, WebPage[]> = { known: [], unknown: [] };
      const elapsed: number[] = [];
      for (const [who, id] of [['known', USER_ID], ['unknown', 'ghost@example.com']] as const) {
        const client = new WebClient(t.baseUrl);
        await client.get('/login');
        for (let i = 1; i <= 6; i++) {
          const started = performance.now();
          answers[who]!.push(await client.post('/login', { userId: id, password: i === 6 ? PASSWORD : `Wrong${i}x` }));
          if (who === 'known') elapsed.push(performance.now() - started);
        }
      }
      for (const who of ['known', 'unknown']) {
        const list = answers[who]!;
        assert.deepEqual(list.map((a) => a.status), [401, 401, 401, 401, 429, 429], who);
      }
      assert.ok(elapsed[3]! >= 900, `the 4th failure is held back about a second (${elapsed[3]} ms)`);
      const lockText = textOf(problemOf(answers.known![4]!) ?? '');
      assert.match(lockText, /ログインを一時的に停止しています。 ?30分ほど時間をおいてから、もう一度お試しください。/);
      assert.match(lockText, /「ユーザーID・パスワードをお忘れの方はこちら」から再設定/);
      assert.match(lockText, /インターネットデスク（0120-000-000）までお電話ください。/);
      assert.equal(problemOf(answers.known![4]!), problemOf(answers.unknown![4]!));
      assert.equal(problemOf(answers.known![5]!), problemOf(answers.unknown![5]!), 'even the right password is refused while locked');
      assert.ok((await auditKinds()).includes('login_locked'));

      clock.advance(29 * MINUTE);
      assert.match(textOf(problemOf(await login(new WebClient(t.baseUrl), USER_ID, PASSWORD)) ?? ''), /1分ほど/);
      clock.advance(MINUTE);
      assert.equal((await login(new WebClient(t.baseUrl), USER_ID, PASSWORD)).status, 303);
    });

    it('a successful login clears the ID’s failure count', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      for (let i = 0; i < 4; i++) await client.post('/login', { userId: USER_ID, password: 'nope1234' });
      assert.equal((await client.post('/login', { userId: USER_ID, password: PASSWORD })).status, 303);
      const again = new WebClient(t.baseUrl);
      assert.equal((await login(again, USER_ID, 'nope1234')).status, 401, 'the count starts again from zero');
    });

    it('locks the IP after many failures across IDs, whatever the ID', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) statuses.push((await client.post('/login', { userId: `user${i}@example.com`, password: 'Guess1234' })).status);
      assert.deepEqual(statuses.slice(0, 49), Array(49).fill(401));
      assert.equal(statuses[49], 429);
      const blocked = await client.post('/login', { userId: USER_ID, password: PASSWORD });
      assert.equal(blocked.status, 429);
      assert.match(textOf(problemOf(blocked) ?? ''), /ご利用の通信環境からのログインの失敗が続いたため、ログインを一時的に停止しています。 ?30分ほど/);
      clock.advance(30 * MINUTE);
      assert.equal((await client.post('/login', { userId: USER_ID, password: PASSWORD })).status, 303);
    });

    it('logout revokes the session: the old cookie no longer opens /mypage', async () => {
      const client = new WebClient(t.baseUrl);
      await login(client, USER_ID, PASSWORD);
      const raw = client.cookies.get(SESSION_COOKIE)!;
      const home = await client.get('/mypage');
      assert.match(home.html, /<form method="post" action="\/logout"/);
      const out = await client.post('/logout', {});
      assert.equal(out.status, 303);
      assert.equal(out.location, '/logout');
      assert.equal(out.headers.get('clear-site-data'), '"cache", "storage"', 'the browser drops its cache and storage (the session cookie is cleared by Set-Cookie)');
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
      const done = await client.get('/logout');
      assert.match(textOf(done.html), /ログアウトしました/);
      assert.match(done.html, /<a class="button" href="\/login">ログインページへ<\/a>/);
      const replay = new WebClient(t.baseUrl);
      replay.cookies.set(SESSION_COOKIE, raw);
      const after = await replay.get('/mypage');
      assert.equal(after.status, 303);
      assert.equal(after.location, '/login?next=%2Fmypage');
      const row = await t.deps.db.selectFrom('sessions').select('revoked_at').where('id_hash', '=', sha256(raw)).executeTakeFirstOrThrow();
      assert.equal(row.revoked_at, BASE.toISOString());
      assert.deepEqual((await auditKinds()).sort(), ['login_succeeded', 'logout']);
    });

    it('GET /logout does not log out; it asks', async () => {
      const client = new WebClient(t.baseUrl);
      await login(client, USER_ID, PASSWORD);
      const page = await client.get('/logout');
      assert.match(page.html, /ログアウトする/);
      assert.equal((await client.get('/mypage')).status, 200);
    });

    it('ends a session after 30 idle minutes', async () => {
      const client = new WebClient(t.baseUrl);
      await login(client, USER_ID, PASSWORD);
      clock.advance(29 * MINUTE);
      assert.equal((await client.get('/mypage')).status, 200);
      clock.advance(29 * MINUTE);
      assert.equal((await client.get('/mypage')).status, 200, 'activity keeps it alive');
      clock.advance(30 * MINUTE);
      const idle = await client.get('/mypage');
      assert.equal(idle.status, 303);
      assert.equal(idle.location, '/login?next=%2Fmypage');
    });

    it('ends any session 12 hours after login, however active', async () => {
      const client = new WebClient(t.baseUrl);
      await login(client, USER_ID, PASSWORD);
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        clock.advance(20 * MINUTE);
        assert.equal((await client.get('/mypage')).status, 200, `${minutes} minutes in`);
      }
      clock.advance(20 * MINUTE);
      assert.equal((await client.get('/mypage')).status, 303);
    });

    it('leads /mypage without a session to login and back there afterwards', async () => {
      const client = new WebClient(t.baseUrl);
      const guard = await client.get('/mypage/renewals');
      assert.equal(guard.status, 303);
      assert.equal(guard.location, '/login?next=%2Fmypage%2Frenewals');
      const form = await client.get(guard.location!);
      assert.match(form.html, /<input type="hidden" name="next" value="\/mypage\/renewals"\/>/);
      const answer = await client.post('/login', { userId: USER_ID, password: PASSWORD, next: '/mypage/renewals' });
      assert.equal(answer.location, '/mypage/renewals');
      assert.equal((await client.get('/login')).location, '/mypage', 'a logged-in visit to /login goes home');
    });

    it('never redirects off the site after login', async () => {
      for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
        const answer = await login(new WebClient(t.baseUrl), USER_ID, PASSWORD, next);
        assert.equal(answer.location, '/mypage', next);
      }
    });

    it('answers bad input with a message, never a 500', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      const empty = await client.post('/login', {});
      assert.equal(empty.status, 400);
      assert.match(textOf(empty.html), /ユーザーIDを入力してください。.*パスワードを入力してください。/);
      const blank = await client.post('/login', { userId: ' 　', password: '' });
      assert.equal(blank.status, 400);
      const long = await client.post('/login', { userId: 'a'.repeat(300), password: PASSWORD });
      assert.equal(long.status, 400);
      assert.match(textOf(long.html), /ユーザーIDは254文字以内で入力してください。/);
      assert.equal((await client.post('/login', { userId: USER_ID, password: 'x'.repeat(200) })).status, 400);
      const arrays = await client.post('/login', { userId: [USER_ID, 'other'], password: [PASSWORD, PASSWORD], next: ['/a', '/b'] });
      assert.equal(arrays.status, 400);
      const html = await client.post('/login', { userId: '<script>alert(1)</script>', password: '<b>x</b>' });
      assert.equal(html.status, 401);
      assert.match(html.html, /value="&lt;script>alert\(1\)&lt;\/script>"|value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
      assert.doesNotMatch(html.html, /<script>alert/);
      assert.equal((await client.post('/login', { userId: "' OR '1'='1' --", password: "' OR '1'='1" })).status, 401);
      assert.equal((await client.post('/login', { userId: `${USER_ID}\r\nX-Injected: 1`, password: `${PASSWORD}\r\n` })).status, 401);
      const fullWidth = await client.post('/login', { userId: '　ＡＢＣ＠ＥＸＡＭＰＬＥ．ＣＯＭ ', password: PASSWORD });
      assert.equal(fullWidth.status, 303, 'a full-width ID is normalised');
      assert.equal(fullWidth.location, '/mypage');
    });

    it('refuses a login without the CSRF token', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      const answer = await client.post('/login', { _csrf: 'forged', userId: USER_ID, password: PASSWORD });
      assert.equal(answer.status, 403);
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
    });

    it('accepts the browser’s `Origin: null` (no-referrer) from our own pages only', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      const fields = { userId: USER_ID, password: PASSWORD };
      assert.equal((await client.post('/login', fields, { origin: 'null', 'sec-fetch-site': 'cross-site' })).status, 403);
      assert.equal((await client.post('/login', fields, { origin: 'https://evil.example' })).status, 403);
      assert.equal((await client.post('/login', fields, { origin: 'null', 'sec-fetch-site': 'same-origin' })).status, 303);
    });

    it('a flow that ends logged in (recovery, 再登録) lifts the lock through recordSuccessfulLogin', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      for (let i = 0; i < 5; i++) await client.post('/login', { userId: USER_ID, password: `Bad${i}pass` });
      assert.equal((await client.post('/login', { userId: USER_ID, password: PASSWORD })).status, 429);
      await recordSuccessfulLogin(t.deps.db, customerId, clock.now());
      assert.equal((await client.post('/login', { userId: USER_ID, password: PASSWORD })).status, 303);
    });
  });
}
