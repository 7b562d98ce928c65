import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ACCOUNT_POLICY } from '../../src/features/login/throttling.js';
import { MAX_HOLD_MS } from '../../src/platform/auth/throttle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { secondInstance, type SecondInstance } from '../support/instances.js';
import { WebClient, type WebPage } from '../support/web-client.js';

// The pentest's burst: many parallel guesses for one user ID from one address, spread over two
// instances of the service on one database. Each attempt is counted before its password is
// checked, so the burst gets no more checks than the limit, however it interleaves.

const USER_ID = 'burst@example.com';
const PASSWORD = 'Kz7pWq2x';

async function loginForm(baseUrl: string): Promise<WebClient> {
  const client = new WebClient(baseUrl);
  await client.get('/login');
  return client;
}

interface Timed {
  page: WebPage;
  ms: number;
  right: boolean;
}

async function burst(clients: WebClient[], passwordOf: (i: number) => string): Promise<Timed[]> {
  return Promise.all(
    clients.map(async (client, i) => {
      const started = performance.now();
      const page = await client.post('/login', { userId: USER_ID, password: passwordOf(i) });
      return { page, ms: performance.now() - started, right: passwordOf(i) === PASSWORD };
    }),
  );
}

for (const kind of databaseKinds()) {
  describe(`a burst of parallel login guesses on two instances sharing ${kind}`, () => {
    let t: TestApp;
    let other: SecondInstance;
    let customerId: string;
    const checks = async () => (await t.deps.db.selectFrom('audit_events').select('id').where('kind', 'in', ['login_failed', 'login_succeeded']).execute()).length;

    before(async () => {
      t = await startTestApp({ db: kind });
      other = await secondInstance(t);
      customerId = (await insertCustomer(t.deps.db, { userId: USER_ID, password: PASSWORD })).id;
    });
    after(async () => {
      await other.close();
      await t.close();
    });
    beforeEach(async () => {
      await t.deps.db.deleteFrom('throttles').execute();
      await t.deps.db.deleteFrom('audit_events').execute();
    });

    it('40 parallel wrong passwords get exactly the limit of checks; the rest are refused unchecked', async () => {
      const clients = await Promise.all(Array.from({ length: 40 }, (_, i) => loginForm(i % 2 ? other.baseUrl : t.baseUrl)));
      const answers = await burst(clients, (i) => `Wrong${i}pass`);
      assert.equal(await checks(), ACCOUNT_POLICY.limit, 'passwords checked');
      const statuses = answers.map((a) => a.page.status);
      assert.equal(statuses.filter((s) => s === 401).length, ACCOUNT_POLICY.limit - 1);
      assert.equal(statuses.filter((s) => s === 429).length, 40 - ACCOUNT_POLICY.limit + 1);
    });

    it('the right password inside a burst on a locked ID is refused like the wrong ones, in the same time', async () => {
      const first = await Promise.all(Array.from({ length: ACCOUNT_POLICY.limit }, (_, i) => loginForm(i % 2 ? other.baseUrl : t.baseUrl)));
      await burst(first, (i) => `Lock${i}pass`);
      const checked = await checks();
      const clients = await Promise.all(Array.from({ length: 20 }, (_, i) => loginForm(i % 2 ? other.baseUrl : t.baseUrl)));
      const answers = await burst(clients, (i) => (i === 13 ? PASSWORD : `Wrong${i}pass`));
      assert.equal(await checks(), checked, 'no password was checked while locked');
      assert.deepEqual(new Set(answers.map((a) => a.page.status)), new Set([429]));
      const right = answers.find((a) => a.right)!;
      const wrong = answers.filter((a) => !a.right);
      assert.ok(right.ms >= MAX_HOLD_MS - 50, `the right password's answer is held as long (${Math.round(right.ms)} ms)`);
      for (const w of wrong) assert.ok(w.ms >= MAX_HOLD_MS - 50, `every refused answer is held (${Math.round(w.ms)} ms)`);
      const logins = await t.deps.db.selectFrom('customers').select('last_login_at').where('id', '=', customerId).executeTakeFirstOrThrow();
      assert.equal(logins.last_login_at, null, 'nobody logged in');
    });

    it('the owner’s browser that logged in before still gets in with the right password while strangers have locked the ID', async () => {
      const owner = await loginForm(t.baseUrl);
      assert.equal((await owner.post('/login', { userId: USER_ID, password: PASSWORD })).status, 303);
      assert.ok(owner.cookies.get('keizoku_device'), 'a device cookie was set');
      await owner.post('/logout', {});
      const strangers = await Promise.all(Array.from({ length: 10 }, (_, i) => loginForm(i % 2 ? other.baseUrl : t.baseUrl)));
      await burst(strangers, (i) => `Wrong${i}pass`);
      assert.equal((await (await loginForm(t.baseUrl)).post('/login', { userId: USER_ID, password: PASSWORD })).status, 429, 'a new browser is locked out');
      await owner.get('/login');
      assert.equal((await owner.post('/login', { userId: USER_ID, password: PASSWORD })).status, 303, 'the known browser is not');
      await owner.post('/logout', {});
      await owner.get('/login');
      for (let i = 0; i < ACCOUNT_POLICY.limit - 1; i++) assert.equal((await owner.post('/login', { userId: USER_ID, password: `Own${i}typo` })).status, 401);
      assert.equal((await owner.post('/login', { userId: USER_ID, password: 'Own9typo' })).status, 429, 'the known browser has a limit of its own');
    });
  });
}
