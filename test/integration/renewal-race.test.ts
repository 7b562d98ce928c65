import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { secondInstance, type SecondInstance } from '../support/instances.js';
import { WebClient, textOf } from '../support/web-client.js';
import { BASE, POLICY, USER, applicationCount, place, revisionOf, seedRenewal, walkToReview } from './renewal-support.js';

async function login(baseUrl: string): Promise<WebClient> {
  const client = new WebClient(baseUrl);
  await client.get('/login');
  assert.equal((await client.post('/login', USER)).status, 303);
  return client;
}

for (const kind of databaseKinds()) {
  describe(`renewal race on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let other: SecondInstance;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      await seedRenewal(t.deps);
      other = await secondInstance(t, clock);
    });
    // The second instance before the first: t.close() then closes its database handle and drops the database.
    after(async () => {
      await other?.close();
      await t?.close();
    });

    it('five concurrent 申し込む from two instances yield exactly one application, one mail and one 受付番号', async () => {
      const first = await login(t.baseUrl);
      await walkToReview(first);
      const clients = [first, ...(await Promise.all([other.baseUrl, t.baseUrl, other.baseUrl, t.baseUrl].map(login)))];
      const revisions = await Promise.all(clients.map(async (c) => revisionOf(await c.get(place('/review')))));
      assert.equal(new Set(revisions).size, 1, 'every tab shows the same flow');

      const answers = await Promise.all(clients.map((c, i) => c.post(place('/review'), { revision: revisions[i] as string })));
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [303, 409, 409, 409, 409], answers.map((a) => `${a.status} ${a.location ?? ''} ${textOf(a.html).slice(0, 120)}`).join('\n'));

      const { db } = t.deps;
      assert.equal(await applicationCount(db), 1);
      const number = (await db.selectFrom('renewal_applications').select('reception_number').where('policy_number', '=', POLICY).executeTakeFirstOrThrow()).reception_number;
      for (const loser of answers.filter((a) => a.status === 409)) {
        assert.match(textOf(loser.html), new RegExp(`このご契約の継続手続は受付済みです。 証券番号 ${POLICY} 受付番号 ${number}`));
      }
      const mails = await db.selectFrom('outbox').select('subject').where('subject', 'like', '%継続手続のお申込み%').execute();
      assert.equal(mails.length, 1);
      const audits = await db.selectFrom('audit_events').select('id').where('kind', '=', 'renewal_applied').execute();
      assert.equal(audits.length, 1);
      const flows = await db.selectFrom('flows').select('state').where('kind', '=', 'renewal').execute();
      assert.deepEqual(flows.map((f) => f.state), ['completed']);
      await t.mail.waitFor(USER.userId, (m) => m.text.includes(number));
    });

    it('the database itself refuses a second application for the same term', async () => {
      const { db } = t.deps;
      const row = await db.selectFrom('renewal_applications').selectAll().where('policy_number', '=', POLICY).executeTakeFirstOrThrow();
      await assert.rejects(db.insertInto('renewal_applications').values({ ...row, id: `${row.id}-2`, reception_number: 'R20261125-XXXXXXXX' }).execute());
      await assert.rejects(db.insertInto('renewal_applications').values({ ...row, id: `${row.id}-3`, current_end_date: '2027-12-27' }).execute(), 'the 受付番号 is unique too');
      assert.equal(await applicationCount(db), 1);
    });
  });
}
