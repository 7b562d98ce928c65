import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { loggedIn } from '../support/integration.js';
import { textOf } from '../support/web-client.js';
import { renewalUrl } from '../support/policy-urls.js';

// Wednesday 2026-11-25 10:00 in Japan: every policy below ends 2026-12-27, inside its renewal window.
const BASE = new Date('2026-11-25T01:00:00Z');

for (const kind of databaseKinds()) {
  describe(`a policy the core system cancelled or retired, on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      const { db } = t.deps;
      await insertPolicy(db);
      await insertPolicy(db, { policy_number: 'C900000011', vehicle_model: 'カローラ', status: 'cancelled' });
      await insertPolicy(db, { policy_number: 'C900000012', vehicle_model: 'アクア', status: 'expired' });
      await insertCustomer(db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789', 'C900000011', 'C900000012'] });
    });
    after(async () => t.close());

    it('leaves the renewal list, is not counted as open for renewal, and shows 解約 or 満期日経過 on 契約内容の確認', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const home = textOf((await client.get('/mypage')).html);
      assert.match(home, /継続手続の受付期間中のご契約が1件あります。/);
      const renewals = (await client.get('/mypage/renewals')).html;
      assert.ok(renewals.includes(`href="${renewalUrl(t, 'C123456789')}"`));
      assert.doesNotMatch(renewals, /C900000011|C900000012/);
      const policies = textOf((await client.get('/mypage/policies')).html);
      assert.match(policies, /証券番号 C900000011\s*解約/);
      assert.match(policies, /証券番号 C900000012\s*満期日経過/);
      assert.match(policies, /証券番号 C123456789\s*契約中/);
    });

    it('cannot be renewed: its renewal page says why and offers no step', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      for (const number of ['C900000011', 'C900000012']) {
        const page = await client.get(renewalUrl(t, number));
        assert.equal(page.status, 200);
        assert.match(textOf(page.html), new RegExp(`証券番号 ${number} のご契約は、解約または満期によりすでに終了しているため、継続手続はできません。`));
        assert.doesNotMatch(page.html, /<form[^>]+method="post"[^>]*action="\/renewal\//);
      }
      const started = await client.post(renewalUrl(t, 'C900000011', '/plans'), { plan: 'same' });
      assert.notEqual(started.status, 500);
      const applications = await t.deps.db.selectFrom('renewal_applications').select('id').execute();
      assert.deepEqual(applications, []);
    });
  });
}
