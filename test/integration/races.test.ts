import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin, QueryId } from 'kysely';
import { RECOVERY_EMAIL_THROTTLE, requestRecovery } from '../../src/features/recovery/service.js';
import type { RegistrationEntries } from '../../src/features/registration/flow.js';
import {
  REGISTRATION_MAIL_CAP,
  registrationSpec,
  sendRegistrationMail,
  startRegistration,
  type RegistrationFlow,
} from '../../src/features/registration/service.js';
import { completeCredentials } from '../../src/features/mail-link-steps/service.js';
import type { Db } from '../../src/platform/db/database.js';
import { loadFlow } from '../../src/platform/flow/store.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { expectStatus, requestRegistration, tokenOf } from '../support/registration.js';
import { WebClient } from '../support/web-client.js';

// Parallel requests must not slip past a limit: each reads "not locked" before the others'
// failures are counted, so the limit has to hold again where success is decided.

const entries: RegistrationEntries = {
  familyName: '三住',
  givenName: '太郎',
  familyKana: 'ミツスミ',
  givenKana: 'タロウ',
  birthDate: '1975-01-01',
  email: 'taro@example.com',
  policyNumber: 'C123456789',
};

/**
 * The database as a request sees it, with `action` run inside its first SELECT from `table`
 * (before the rows come back): what parallel requests do while this one is on its way.
 */
function duringFirstSelect(db: Db, table: string, action: () => Promise<void>): Db {
  const watched = new Set<QueryId>();
  let done = false;
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      if (!done && node.kind === 'SelectQueryNode' && JSON.stringify(node).includes(`"name":"${table}"`)) watched.add(queryId);
      return node;
    },
    async transformResult({ result, queryId }) {
      if (!done && watched.has(queryId)) {
        done = true;
        await action();
      }
      return result;
    },
  };
  return db.withPlugin(plugin);
}

const outbox = async (t: TestApp, to: string) => (await t.deps.db.selectFrom('outbox').select('id').where('to_address', '=', to).execute()).length;

for (const kind of databaseKinds()) {
  describe(`limits under a burst of parallel requests on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind });
      await insertPolicy(t.deps.db);
      await insertPolicy(t.deps.db, { policy_number: 'C2', holder_given_name: '花子', holder_given_kana: 'ハナコ' });
      await insertPolicy(t.deps.db, { policy_number: 'C3', holder_given_name: '次郎', holder_given_kana: 'ジロウ' });
    });
    after(async () => t.close());

    it('registration mail: a burst of confirmations sends no more mail than the daily limit', async () => {
      const flows: RegistrationFlow[] = [];
      const started = { ...entries, policyNumber: 'C3', givenName: '次郎', givenKana: 'ジロウ', email: 'jiro@example.com' };
      for (let i = 0; i < REGISTRATION_MAIL_CAP.limit + 4; i++) {
        const result = await startRegistration(t.deps, { entries: started, keyword: 'Abc123', ip: '198.51.100.3' }, null);
        assert.equal(result.outcome, 'started');
        if (result.outcome !== 'started') return;
        const flow = await loadFlow<RegistrationFlow['state'], RegistrationFlow['data']>(t.deps.db, result.flowId, 'registration', ['confirming']);
        assert.ok(flow);
        flows.push(flow);
      }
      const outcomes = await Promise.all(flows.map((flow) => sendRegistrationMail(t.deps, flow, '198.51.100.3')));
      assert.deepEqual(new Set(outcomes), new Set(['sent']), 'past the cap the answer is the one for a sent mail');
      assert.equal(await outbox(t, 'jiro@example.com'), REGISTRATION_MAIL_CAP.limit);
      const tokens = await t.deps.db.selectFrom('mail_tokens').select('flow_id').where('flow_id', 'in', flows.map((f) => f.id)).execute();
      assert.equal(tokens.length, REGISTRATION_MAIL_CAP.limit, 'a confirmation past the cap leaves no token behind');
    });

    it('recovery: a burst of requests for one address sends no more mail than the limit', async () => {
      await insertCustomer(t.deps.db, { userId: 'hanako@example.com', password: 'Kz7pWq2x', birthDate: '1980-02-02' });
      const outcomes = await Promise.all(
        Array.from({ length: RECOVERY_EMAIL_THROTTLE.limit + 5 }, (_, i) => requestRecovery(t.deps, { email: 'hanako@example.com', birthDate: '1980-02-02', ip: `192.0.2.${i}` })),
      );
      assert.equal(outcomes.filter((o) => o.outcome === 'shown').length, RECOVERY_EMAIL_THROTTLE.limit);
      assert.equal(await outbox(t, 'hanako@example.com'), RECOVERY_EMAIL_THROTTLE.limit);
    });
  });
}

// SQLite runs one transaction at a time in this process, so two completions cannot interleave
// there; on PostgreSQL they can, and the loser must get the "taken" message, not a 500.
for (const kind of databaseKinds().filter((k) => k === 'postgres')) {
  describe(`completion racing another for the same user ID on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind });
      await insertPolicy(t.deps.db, { policy_number: 'C4', holder_given_name: '四郎', holder_given_kana: 'シロウ' });
    });
    after(async () => t.close());

    it('a user ID taken while the registration completes is answered as taken', async () => {
      const client = new WebClient(t.baseUrl);
      const link = await requestRegistration(t, client, { policy_number: 'C4', given_name: '四郎', given_kana: 'シロウ', email: 'same@example.com' });
      await client.get(link);
      expectStatus(await client.post('/register/verify', { token: tokenOf(link), keyword: 'Abc123' }), 303, 'keyword');
      await client.get('/register/credentials');
      const fields = { user_id: 'same@example.com', user_id_confirm: 'same@example.com', password: 'Zq8vLm3k', password_confirm: 'Zq8vLm3k', agree: '1' };
      expectStatus(await client.post('/register/credentials', fields), 303, 'credentials');
      const flowId = (client.cookies.get('keizoku_flow_registration') ?? '').split('.')[0] ?? '';
      const flow = await loadFlow<RegistrationFlow['state'], RegistrationFlow['data']>(t.deps.db, flowId, 'registration', ['credentials_confirming']);
      assert.ok(flow);
      const db = duringFirstSelect(t.deps.db, 'customers', async () => {
        await insertCustomer(t.deps.db, { userId: 'same@example.com', password: 'Other1234', familyName: '別人' });
      });
      assert.equal(await completeCredentials({ ...t.deps, db }, registrationSpec, flow, '198.51.100.4'), 'taken');
      const customers = await t.deps.db.selectFrom('customers').select('family_name').where('user_id', '=', 'same@example.com').execute();
      assert.deepEqual(customers, [{ family_name: '別人' }]);
      assert.equal((await client.get('/register/credentials/confirm')).status, 200, 'the flow is still at its confirmation');
    });
  });
}
