import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { completeAtLink, nextMail, requestRegistration } from '../support/registration.js';
import { WebClient } from '../support/web-client.js';

const NOTICE = '【みらい損保】お客さまWebサービス 再登録完了のお知らせ';

for (const kind of databaseKinds()) {
  describe(`the reregistration-holds job on ${kind}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-25T01:00:30Z'));
    let ownerId = '';
    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { REREGISTRATION_HOLD: '24h' } });
      await insertPolicy(t.deps.db);
      ownerId = (await insertCustomer(t.deps.db, { userId: 'taro@example.com', password: 'Ow9nRq4t', policies: ['C123456789'] })).id;
    });
    after(async () => t.close());

    const logIn = async (userId: string, password: string) => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      return (await client.post('/login', { userId, password })).status;
    };

    it('applies a due 再登録 within the hour with nobody logging in: the notice goes out once, the new ID works', async () => {
      const { db } = t.deps;
      const newcomer = new WebClient(t.baseUrl);
      const path = await requestRegistration(t, newcomer, { email: 'moved@example.com', keyword: 'Grab1234' });
      const held = nextMail(t, 'taro@example.com');
      await completeAtLink(newcomer, '/register', path, { keyword: 'Grab1234', userId: 'moved@example.com', password: 'M0vedPass' });
      await held();

      const notice = nextMail(t, 'taro@example.com');
      clock.advance(24 * 3_600_000 + 60_000);
      const told = await notice();
      assert.equal(told.subject, NOTICE);
      assert.equal((await db.selectFrom('customers').select('user_id').where('id', '=', ownerId).executeTakeFirstOrThrow()).user_id, 'moved@example.com');
      const audits = await db.selectFrom('audit_events').select(['actor_kind', 'ip', 'customer_id']).where('kind', '=', 'reregistration_hold_applied').execute();
      assert.deepEqual(audits, [{ actor_kind: 'system', ip: null, customer_id: ownerId }]);
      const job = await db.selectFrom('jobs').select(['runs', 'failures']).where('name', '=', 'reregistration-holds').executeTakeFirstOrThrow();
      assert.deepEqual(job, { runs: 2, failures: 0 }, 'the start-up run, then the one after the hold');

      assert.equal(await logIn('taro@example.com', 'Ow9nRq4t'), 401);
      assert.equal(await logIn('moved@example.com', 'M0vedPass'), 303);
      assert.equal(t.mail.messages.filter((m) => m.subject === NOTICE).length, 1, 'the login applied nothing again');
    });
  });
}
