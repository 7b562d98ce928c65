import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan: outside any maintenance window.
const BASE = new Date('2026-11-25T01:00:00Z');
const USER = { userId: 'abc@example.com', password: 'Abc12345' };
const CSRF_COOKIE = 'keizoku_csrf';
const PASSWORD_PATH = '/mypage/changes/password';

async function logIn(client: WebClient): Promise<void> {
  await client.get('/login');
  assert.equal((await client.post('/login', USER)).status, 303, 'login');
}

/** The token of a page the client reads now (its own session's, or none's). */
async function tokenOf(client: WebClient, path: string): Promise<string> {
  await client.get(path);
  assert.ok(client.csrf, `${path} has a form`);
  return client.csrf;
}

function refused(page: WebPage, what: string): void {
  assert.equal(page.status, 403, what);
  assert.match(textOf(page.html), /画面の有効期限が切れました/, what);
}

for (const kind of databaseKinds()) {
  describe(`CSRF tokens bound to the login session on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let customerId: string;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      await insertPolicy(t.deps.db);
      customerId = (await insertCustomer(t.deps.db, { ...USER, policies: ['C123456789'] })).id;
    });
    after(async () => t.close());

    const liveSessions = async () =>
      (await t.deps.db.selectFrom('sessions').select('id_hash').where('customer_id', '=', customerId).where('revoked_at', 'is', null).execute()).length;
    const stillLoggedIn = async (client: WebClient) => assert.equal((await client.get('/mypage')).status, 200, 'the session is still there');

    it("refuses session A's token in session B, though both have the same browser secret", async () => {
      const a = new WebClient(t.baseUrl);
      await logIn(a);
      const tokenA = await tokenOf(a, '/mypage');
      const b = new WebClient(t.baseUrl);
      b.cookies.set(CSRF_COOKIE, a.cookies.get(CSRF_COOKIE) ?? '');
      await logIn(b);
      const tokenB = await tokenOf(b, '/mypage');
      assert.notEqual(tokenB, tokenA);

      refused(await b.post('/logout', { _csrf: tokenA }), "A's token in B");
      await stillLoggedIn(b);
      refused(await b.post(PASSWORD_PATH, { _csrf: tokenA, current_password: USER.password, password: 'Zq7wRt5y', password_confirm: 'Zq7wRt5y' }), "A's token on a change");
      assert.equal((await loginAs(USER.password)).status, 303, 'the password did not change');

      assert.equal((await b.post('/logout', { _csrf: tokenB })).location, '/logout', "B's own token");
      assert.equal((await a.post('/logout', { _csrf: tokenA })).location, '/logout', "A's token is still good in A");
      assert.equal(await liveSessions(), 0);
    });

    it("refuses the last session's token after logging out and in again in the same browser", async () => {
      const client = new WebClient(t.baseUrl);
      await logIn(client);
      const first = await tokenOf(client, '/mypage');
      await client.post('/logout', { _csrf: first });
      await logIn(client);
      refused(await client.post('/logout', { _csrf: first }), 'the old session’s token');
      await stillLoggedIn(client);
      await client.post('/logout', { _csrf: await tokenOf(client, '/mypage') });
    });

    it("refuses an anonymous page's token for a logged-in POST (a form opened before logging in in another tab)", async () => {
      const client = new WebClient(t.baseUrl);
      const anonymous = await tokenOf(client, '/login');
      assert.equal((await client.post('/login', { ...USER, _csrf: anonymous })).status, 303, 'the login form itself is posted without a session');
      refused(await client.post('/logout', { _csrf: anonymous }), 'logout with the login page’s token');
      refused(await client.post('/login', { ...USER, _csrf: anonymous }), 'the login form of a tab left open');
      await stillLoggedIn(client);
      assert.equal(await liveSessions(), 1, 'no second login happened');
      const later = await tokenOf(client, '/mypage');
      assert.notEqual(later, anonymous, 'pages after the login redirect carry the session’s token');
      assert.equal((await client.post('/logout', { _csrf: later })).location, '/logout');
    });

    it('sends the form of a session that has since expired to the login page, doing nothing', async () => {
      const client = new WebClient(t.baseUrl);
      await logIn(client);
      const token = await tokenOf(client, PASSWORD_PATH);
      clock.advance(31 * 60_000);
      const answer = await client.post(PASSWORD_PATH, { _csrf: token, current_password: USER.password, password: 'Zq8vLm3k', password_confirm: 'Zq8vLm3k' });
      assert.deepEqual([answer.status, answer.location], [303, '/login'], 'after 30 idle minutes');
      const loginToken = await tokenOf(client, '/login');
      assert.equal((await client.post('/login', { userId: USER.userId, password: 'Zq8vLm3k', _csrf: loginToken })).status, 401, 'the password was not changed');
      const anonymous = await tokenOf(client, '/login');
      assert.equal((await client.post('/login', { ...USER, _csrf: anonymous })).status, 303, 'and logging in again works');
    });

    async function loginAs(password: string): Promise<WebPage> {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      const answer = await client.post('/login', { userId: USER.userId, password });
      if (answer.status === 303) await client.post('/logout', { _csrf: await tokenOf(client, '/mypage') });
      return answer;
    }
  });
}
