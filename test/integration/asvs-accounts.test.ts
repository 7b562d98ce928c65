import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { createTestDatabase, databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { loggedIn } from '../support/integration.js';
import { requestRegistration, tokenOf } from '../support/registration.js';
import { setupPathOf, staffCli } from '../support/staff.js';
import { WebClient } from '../support/web-client.js';

// ASVS 5.0 V6.3.2 (no default accounts), V6.2.6 and V6.2.7 (password fields masked, pasteable,
// autocomplete named so password managers fill them), V6.4.2 (no hints or secret questions).

const USER = { userId: 'taro@example.com', password: 'Kz7pWq2x' };

/** Every <input> of the page whose name or type says password. */
const passwordInputs = (html: string): string[] => [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /name="[^"]*password|type="password"/.test(tag));

function assertPasswordFields(label: string, html: string, expected: number): void {
  const inputs = passwordInputs(html);
  assert.equal(inputs.length, expected, `${label}: ${inputs.join('\n')}`);
  for (const input of inputs) {
    assert.match(input, /type="password"/, `${label}: ${input}`);
    assert.match(input, /autocomplete="(current-password|new-password)"/, `${label}: ${input}`);
    assert.doesNotMatch(input, /\son[a-z]+=|readonly|disabled/i, `${label}: ${input}`);
  }
  // No script could block pasting: pages carry no inline script, and the CSP forbids one.
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>|onpaste|oncopy|ondrop/i, label);
  assert.doesNotMatch(html, /秘密の質問|ヒント（パスワード）|パスワードのヒント/, `${label}: no hints or secret questions`);
}

for (const kind of databaseKinds()) {
  describe(`accounts and password fields on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind });
      await insertPolicy(t.deps.db);
      await insertPolicy(t.deps.db, { policy_number: 'C2', holder_given_name: '花子', holder_given_kana: 'ハナコ' });
      await insertCustomer(t.deps.db, { ...USER, policies: ['C123456789'] });
    });
    after(async () => t.close());

    it('6.3.2: a freshly migrated database holds no account of any kind and no row but the schema’s own', async () => {
      const fresh = await createTestDatabase(kind);
      try {
        const db = fresh.db;
        const counts = {
          customers: (await db.selectFrom('customers').selectAll().execute()).length,
          staff_accounts: (await db.selectFrom('staff_accounts').selectAll().execute()).length,
          staff_setup_tokens: (await db.selectFrom('staff_setup_tokens').selectAll().execute()).length,
          sessions: (await db.selectFrom('sessions').selectAll().execute()).length,
          policies: (await db.selectFrom('policies').selectAll().execute()).length,
          settings: (await db.selectFrom('settings').selectAll().execute()).length,
        };
        assert.deepEqual(counts, { customers: 0, staff_accounts: 0, staff_setup_tokens: 0, sessions: 0, policies: 0, settings: 0 });
      } finally {
        await fresh.drop();
      }
    });

    it('6.2.6/6.2.7/6.4.2: every password field of both sites is masked, names its autocomplete and blocks nothing', async () => {
      const anonymous = new WebClient(t.baseUrl);
      assertPasswordFields('/login', (await anonymous.get('/login')).html, 1);
      assertPasswordFields('/console/login', (await anonymous.get('/console/login')).html, 1);

      const customer = await loggedIn(t, USER.userId, USER.password);
      assertPasswordFields('/mypage/changes/password', (await customer.get('/mypage/changes/password')).html, 3);
      assertPasswordFields('/mypage/changes/email', (await customer.get('/mypage/changes/email')).html, 1);
      assertPasswordFields('/mypage/other/stop', (await customer.get('/mypage/other/stop')).html, 1);

      const registering = new WebClient(t.baseUrl);
      const link = await requestRegistration(t, registering, { given_name: '花子', given_kana: 'ハナコ', policy_number: 'C2', email: 'hanako@example.com' });
      await registering.get(link);
      assert.equal((await registering.post('/register/verify', { token: tokenOf(link), keyword: 'Abc123' })).status, 303);
      assertPasswordFields('/register/credentials', (await registering.get('/register/credentials')).html, 2);

      const added = await staffCli(t, ['add', '--login', 'first.admin', '--name', '管理 花子', '--role', 'admin']);
      assert.equal(added.code, 0, added.stderr);
      assertPasswordFields('/console/setup', (await new WebClient(t.baseUrl).get(setupPathOf(t, added.stdout))).html, 2);
    });
  });
}

for (const kind of databaseKinds()) {
  describe(`passwords do not expire on ${kind}`, () => {
    const threeYears = 3 * 366 * 24 * 3_600_000;
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind, clock: new ManualClock(new Date(Date.now() + threeYears)) });
      await insertCustomer(t.deps.db, USER);
    });
    after(async () => t.close());

    it('6.2.10: a password set three years ago logs straight in to the home page, with no demand to change it', async () => {
      const client = await loggedIn(t, USER.userId, USER.password);
      const home = await client.get('/mypage');
      assert.equal(home.status, 200);
      assert.doesNotMatch(home.html, /パスワードの有効期限|パスワードを変更してください/);
    });
  });
}
