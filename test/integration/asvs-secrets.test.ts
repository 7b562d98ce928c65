import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hash } from '@node-rs/argon2';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { serverSecret } from '../../src/platform/db/settings.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { loggedIn } from '../support/integration.js';
import { codeAt, staffLogin } from '../support/staff.js';
import { WebClient } from '../support/web-client.js';

// ASVS 5.0 V13.3.1/V13.3.2 (the server secret from SECRET_FILE, owner-only, never in the database)
// and V11.2.2 (crypto agility: a password hash at old argon2 parameters is replaced at the next login).

const dir = mkdtempSync(join(tmpdir(), 'keizoku-secret-'));
const SECRET = 'Q2x1c3Rlci1zZWNyZXQtZm9yLXRlc3RzLW9ubHktMDEyMzQ1Njc4OQ';
const secretFile = join(dir, 'secret');
writeFileSync(secretFile, `${SECRET}\n`);
chmodSync(secretFile, 0o600);
const USER = { userId: 'taro@example.com', password: 'Kz7pWq2x' };
const STAFF = { login: 'staff.rehash', password: 'Console-Test-2026', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
const TODAY = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/;

for (const kind of databaseKinds()) {
  describe(`server secret and password hashes on ${kind}`, () => {
    let t: TestApp;
    let customerId = '';
    before(async () => {
      t = await startTestApp({ db: kind, env: { SECRET_FILE: secretFile } });
      await insertPolicy(t.deps.db);
      customerId = (await insertCustomer(t.deps.db, { ...USER, policies: ['C123456789'] })).id;
    });
    after(async () => t.close());

    it('13.3.1: with SECRET_FILE the service seals and signs with the file’s secret, and the database holds none', async () => {
      assert.equal(t.deps.secret, SECRET);
      const page = await (await loggedIn(t, USER.userId, USER.password)).get('/mypage');
      assert.equal(page.status, 200, 'CSRF tokens made from the file’s secret check out');
      assert.deepEqual(await t.deps.db.selectFrom('settings').select('key').where('key', '=', 'app_secret').execute(), []);
    });

    it('13.3.2: a secret file group or others may read is refused when it is read', async () => {
      chmodSync(secretFile, 0o644);
      try {
        await assert.rejects(serverSecret(t.deps.db, secretFile), /SECRET_FILE: .* readable or writable by group or others \(mode 644\): chmod 600 it/);
      } finally {
        chmodSync(secretFile, 0o600);
      }
      assert.equal(await serverSecret(t.deps.db, secretFile), SECRET);
    });

    it('11.2.2: a hash at older argon2 parameters is replaced at the next successful login, not at a failed one', async () => {
      const old = await hash(USER.password, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
      await t.deps.db.updateTable('customers').set({ password_hash: old }).where('id', '=', customerId).execute();
      const stored = async () => (await t.deps.db.selectFrom('customers').select('password_hash').where('id', '=', customerId).executeTakeFirstOrThrow()).password_hash;

      const wrong = new WebClient(t.baseUrl);
      await wrong.get('/login');
      assert.equal((await wrong.post('/login', { userId: USER.userId, password: 'Wrong1pass' })).status, 401);
      assert.equal(await stored(), old, 'a wrong password changes nothing');

      await loggedIn(t, USER.userId, USER.password);
      const now = await stored();
      assert.match(now, TODAY);
      assert.notEqual(now, old);
      const again = await (await loggedIn(t, USER.userId, USER.password)).get('/mypage');
      assert.equal(again.status, 200, 'the new hash verifies the same password');
      assert.equal(await stored(), now, 'a hash at today’s parameters is kept as it is');
    });

    it('11.2.2: a staff member’s hash at older parameters is replaced once the password step succeeds', async () => {
      await upsertReadyStaff(t.deps.db, t.deps.secret, new Date(), [{ login: STAFF.login, name: '職員 再計算', role: 'desk', agencyCode: null, password: STAFF.password, totpSecret: STAFF.totpSecret }]);
      const old = await hash(STAFF.password, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
      await t.deps.db.updateTable('staff_accounts').set({ password_hash: old }).where('login', '=', STAFF.login).execute();
      const stored = async () => (await t.deps.db.selectFrom('staff_accounts').select('password_hash').where('login', '=', STAFF.login).executeTakeFirstOrThrow()).password_hash ?? '';
      const answer = await staffLogin(new WebClient(t.baseUrl), STAFF.login, STAFF.password, codeAt(STAFF.totpSecret, new Date()));
      assert.equal(answer.status, 303);
      assert.match(await stored(), TODAY);
    });
  });
}

after(() => rmSync(dir, { recursive: true, force: true }));
