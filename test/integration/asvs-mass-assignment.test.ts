import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import type { WebClient } from '../support/web-client.js';
import { ALL_CONFIRMED, BASE, POLICY, USER, YUMI, loggedIn, place, revisionOf, seedRenewal } from './renewal-support.js';

// ASVS 5.0 V15.3.3 (mass assignment) and V8.2.3: a form may carry any field; only the ones the
// step's schema names are read, so fields naming another customer, a policy or a price change nothing.

/** What a tamperer adds to every form: the columns of the rows the forms end in. */
const extra = async (t: TestApp) => {
  const other = await t.deps.db.selectFrom('customers').select('id').where('user_id', '=', YUMI.userId).executeTakeFirstOrThrow();
  return {
    id: other.id, customer_id: other.id, customerId: other.id, user_id: YUMI.userId, policy_number: 'C223344556', policyNumbers: 'C223344556',
    annual_premium: '1', annualPremium: '1', total_payable: '1', monthly_premium: '1', next_grade: '20', grade: '20', status: 'done', kind: 'password',
    reception_number: 'R20260101-AAAAAAAA', created_at: '2000-01-01T00:00:00.000Z', suspended_at: '', role: 'admin',
  };
};

async function walkWith(client: WebClient, fields: Record<string, string>): Promise<void> {
  const steps: Array<[string, Record<string, string>]> = [
    ['', { vehicle_changed: 'yes', insured_changed: 'yes' }],
    ['/plans', { plan: 'same' }],
    ['/premium', {}],
    ['/important-matters', ALL_CONFIRMED],
    ['/payment', { payment_method: 'keep', payment_frequency: 'annual' }],
    ['/review', {}],
  ];
  for (const [step, own] of steps) {
    const page = await client.get(place(step));
    const revision: Record<string, string> = /name="revision"/.test(page.html) ? { revision: revisionOf(page) } : {};
    const answer = await client.post(place(step), { ...fields, ...own, ...revision });
    assert.equal(answer.status, 303, `${step}: ${answer.status}`);
  }
}

for (const kind of databaseKinds()) {
  describe(`extra form fields change nothing stored on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind, clock: new ManualClock(BASE) });
      await seedRenewal(t.deps);
    });
    after(async () => t.close());

    it('a renewal posted with annual_premium, next_grade, customer_id and another policy number stores the quoted application of its own policy', async () => {
      const client = await loggedIn(t);
      await walkWith(client, await extra(t));
      const { db } = t.deps;
      const own = await db.selectFrom('customers').select('id').where('user_id', '=', USER.userId).executeTakeFirstOrThrow();
      const rows = await db.selectFrom('renewal_applications').selectAll().execute();
      assert.equal(rows.length, 1);
      const [row] = rows;
      assert.deepEqual(
        [row?.customer_id, row?.policy_number, row?.annual_premium, row?.total_payable, row?.monthly_premium, row?.next_grade, row?.payment_method],
        [own.id, POLICY, 54850, 54850, null, 15, 'bank'],
      );
      assert.notEqual(row?.reception_number, 'R20260101-AAAAAAAA');
      const yumi = await db.selectFrom('policies').select(['annual_premium', 'grade', 'last_procedure_at']).where('policy_number', '=', 'C223344556').executeTakeFirstOrThrow();
      assert.deepEqual(yumi, { annual_premium: 72400, grade: 6, last_procedure_at: null });
    });

    it('an address change posted with another customer’s id and policy is recorded for the poster’s own policies only', async () => {
      const client = await loggedIn(t);
      await client.get('/mypage/changes/address');
      const answer = await client.post('/mypage/changes/address', { ...(await extra(t)), postal_code: '5300001', address: '大阪府大阪市北区梅田3-3-3', phone: '0612345678' });
      assert.equal(answer.status, 303);
      const { db } = t.deps;
      const own = await db.selectFrom('customers').select(['id', 'user_id', 'suspended_at']).where('user_id', '=', USER.userId).executeTakeFirstOrThrow();
      const requests = await db.selectFrom('change_requests').selectAll().execute();
      assert.equal(requests.length, 1);
      assert.deepEqual([requests[0]?.customer_id, requests[0]?.kind, requests[0]?.status, requests[0]?.created_at], [own.id, 'address', 'pending', BASE.toISOString()]);
      assert.deepEqual(JSON.parse(requests[0]?.data ?? '').policyNumbers, [POLICY, 'C123456790', 'C900000001', 'C900000002']);
      assert.deepEqual([own.user_id, own.suspended_at], [USER.userId, null]);
    });
  });
}
