import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { requestRecovery } from '../../src/features/recovery/service.js';
import type { RegistrationEntries } from '../../src/features/registration/flow.js';
import { REGISTRATION_MAIL_CAP, sendRegistrationMail, startRegistration, type RegistrationFlow } from '../../src/features/registration/service.js';
import { EMAIL_CHANGE_MAIL_THROTTLE } from '../../src/features/settings/email-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { loadFlow } from '../../src/platform/flow/store.js';
import { MAILBOX_DAILY_CAP, SENDER_IP_DAILY_CAP } from '../../src/platform/mail/caps.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { secondInstance, type SecondInstance } from '../support/instances.js';
import { WebClient, textOf } from '../support/web-client.js';

// How much mail strangers can make us send into one mailbox, from one address, through one
// policy: daily caps counted in the transaction that queues the mail, with the same answer
// past a cap as for a sent mail.

const BASE = new Date('2026-11-25T01:00:00Z');
const HOUR = 3_600_000;

const holder = (n: number) => ({ given: `太郎${n}`, kana: `タロウ${'ア'.repeat(n)}` });
const entriesFor = (n: number, email: string): RegistrationEntries => ({
  familyName: '三住',
  givenName: holder(n).given,
  familyKana: 'ミツスミ',
  givenKana: holder(n).kana,
  birthDate: '1975-01-01',
  email,
  policyNumber: `C70000${String(n).padStart(4, '0')}`,
});

for (const kind of databaseKinds()) {
  describe(`daily mail caps on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    const outboxCount = async () => (await t.deps.db.selectFrom('outbox').select('id').execute()).length;

    async function registrationMail(n: number, email: string, ip: string) {
      const started = await startRegistration(t.deps, { entries: entriesFor(n, email), keyword: 'Abc123', ip }, null);
      assert.equal(started.outcome, 'started');
      if (started.outcome !== 'started') throw new Error('not started');
      const flow = await loadFlow<RegistrationFlow['state'], RegistrationFlow['data']>(t.deps.db, started.flowId, 'registration', ['confirming']);
      assert.ok(flow);
      return sendRegistrationMail(t.deps, flow, ip);
    }

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      for (let n = 1; n <= 12; n++) await insertPolicy(t.deps.db, { policy_number: entriesFor(n, '').policyNumber, holder_given_name: holder(n).given, holder_given_kana: holder(n).kana });
    });
    after(async () => t.close());
    beforeEach(async () => {
      clock.set(BASE);
      for (const table of ['outbox', 'throttles', 'mail_tokens', 'flows', 'audit_events'] as const) await t.deps.db.deleteFrom(table).execute();
      await t.deps.db.deleteFrom('customers').execute();
    });

    it('recovery: one mailbox gets at most its daily cap, however the requests are spread over the hours', async () => {
      await insertCustomer(t.deps.db, { userId: 'hanako@example.com', password: 'Kz7pWq2x', birthDate: '1980-02-02' });
      const outcomes: string[] = [];
      for (let hour = 0; hour < 4; hour++) {
        clock.set(new Date(BASE.getTime() + hour * HOUR));
        for (let i = 0; i < 5; i++) outcomes.push((await requestRecovery(t.deps, { email: 'hanako@example.com', birthDate: '1980-02-02', ip: '198.51.100.7' })).outcome);
      }
      assert.deepEqual(new Set(outcomes), new Set(['shown']), 'past the cap the answer stays the one for a sent mail');
      assert.equal(await outboxCount(), MAILBOX_DAILY_CAP.limit);
      clock.set(new Date(BASE.getTime() + 25 * HOUR));
      await requestRecovery(t.deps, { email: 'hanako@example.com', birthDate: '1980-02-02', ip: '198.51.100.7' });
      assert.equal(await outboxCount(), MAILBOX_DAILY_CAP.limit + 1, 'the next day mail goes out again');
    });

    it('registration: +tag and case variants of one mailbox share its cap, across policies', async () => {
      const outcomes: string[] = [];
      for (let n = 1; n <= 3; n++) {
        for (let i = 0; i < 4; i++) outcomes.push(await registrationMail(n, `Victim+${n}x${i}@example.jp`, `203.0.113.${n}`));
      }
      assert.deepEqual(new Set(outcomes), new Set(['sent']));
      assert.equal(await outboxCount(), MAILBOX_DAILY_CAP.limit);
      const stored = await t.deps.db.selectFrom('outbox').select('to_address').execute();
      assert.ok(stored.every((m) => /^Victim\+\dx\d@example\.jp$/.test(m.to_address)), 'the address is stored as typed');
    });

    it('registration: one policy gets at most its daily cap of mails, to any mailboxes', async () => {
      for (let i = 0; i < REGISTRATION_MAIL_CAP.limit + 3; i++) assert.equal(await registrationMail(4, `someone${i}@example.jp`, `203.0.113.${10 + i}`), 'sent');
      assert.equal(await outboxCount(), REGISTRATION_MAIL_CAP.limit);
    });

    it('one address gets at most its daily cap of mails sent, to any mailboxes through any policies', async () => {
      const policies = Math.ceil((SENDER_IP_DAILY_CAP.limit + 1) / REGISTRATION_MAIL_CAP.limit);
      for (let n = 1; n <= policies; n++) {
        for (let i = 0; i < REGISTRATION_MAIL_CAP.limit; i++) assert.equal(await registrationMail(n, `p${n}m${i}@example.jp`, '198.51.100.99'), 'sent');
      }
      assert.equal(await outboxCount(), SENDER_IP_DAILY_CAP.limit);
    });
  });

  describe(`e-mail change mail limit under parallel requests on two instances sharing ${kind}`, () => {
    let t: TestApp;
    let other: SecondInstance;
    before(async () => {
      t = await startTestApp({ db: kind });
      other = await secondInstance(t);
      await insertPolicy(t.deps.db);
      await insertCustomer(t.deps.db, { userId: 'race@example.com', password: 'Mt4sQx9v', policies: ['C123456789'] });
    });
    after(async () => {
      await other.close();
      await t.close();
    });

    it('20 parallel requests with the right password queue no more mails than the daily limit', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      assert.equal((await client.post('/login', { userId: 'race@example.com', password: 'Mt4sQx9v' })).status, 303);
      await client.get('/mypage/changes/email');
      const fields = { new_email: 'new@example.com', new_email_confirm: 'new@example.com', current_password: 'Mt4sQx9v', _csrf: client.csrf ?? '' };
      const peer = new WebClient(other.baseUrl);
      for (const [k, v] of client.cookies) peer.cookies.set(k, v);
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? peer : client).post('/mypage/changes/email', fields)));
      const mails = await t.deps.db.selectFrom('outbox').select('id').where('to_address', '=', 'new@example.com').execute();
      assert.equal(mails.length, EMAIL_CHANGE_MAIL_THROTTLE.limit, answers.map((a) => `${a.status} ${textOf(a.html).slice(0, 80)}`).join('\n'));
      assert.ok(answers.every((a) => a.status < 500));
    });
  });
}
