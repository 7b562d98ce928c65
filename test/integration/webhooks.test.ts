import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import type { Db } from '../../src/platform/db/database.js';
import { enqueueWebhook, RETRY_WINDOW_MS } from '../../src/platform/webhooks/outbox.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds, type DbKind } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { completeAtLink, requestRegistration } from '../support/registration.js';
import { ShiftedClock } from '../support/shifted-clock.js';
import { codeAt, staffLogin } from '../support/staff.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';
import { BASE, loggedIn, place, revisionOf, seedRenewal, USER, walkToReview } from './renewal-support.js';

// A secret in the Standard Webhooks form, as the README says to make one.
const SECRET = `whsec_${Buffer.from('keizoku-webhook-test-secret-32by').toString('base64')}`;
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STAFF_PASSWORD = 'Console-Test-2026';
const SECOND = 1000;

/** Waits for a condition on the database (the worker polls once a second), failing after `ms`. */
async function until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const rows = (db: Db) => db.selectFrom('webhook_outbox').selectAll().orderBy('created_at').orderBy('id').execute();

/** Fails the transaction of the change: an audit row of `kind` cannot be written. */
async function failAuditOf(db: Db, kind: DbKind, auditKind: string): Promise<() => Promise<void>> {
  if (kind === 'sqlite') {
    await sql.raw(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events WHEN NEW.kind = '${auditKind}' BEGIN SELECT RAISE(ABORT, 'audit store down'); END`).execute(db);
    return async () => void (await sql.raw('DROP TRIGGER fail_audit').execute(db));
  }
  await sql.raw(`CREATE FUNCTION fail_audit() RETURNS trigger AS $$ BEGIN IF NEW.kind = '${auditKind}' THEN RAISE EXCEPTION 'audit store down'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`).execute(db);
  await sql.raw('CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_audit()').execute(db);
  return async () => {
    await sql.raw('DROP TRIGGER fail_audit ON audit_events').execute(db);
    await sql.raw('DROP FUNCTION fail_audit()').execute(db);
  };
}

for (const kind of databaseKinds()) {
  describe(`webhooks on ${kind}`, () => {
    // Real time from BASE (renewal windows), moved on by what a test advances.
    const clock = new ShiftedClock();
    clock.advance(BASE.getTime() - Date.now());
    let t: TestApp;
    let receiver: WebhookReceiver;

    const addressChange = async (client: WebClient): Promise<WebPage> => {
      await client.get('/mypage/changes/address');
      return client.post('/mypage/changes/address', { postal_code: '100-0006', address: '東京都千代田区有楽町1-1-1', phone: '03-1111-2222' });
    };

    before(async () => {
      receiver = await new WebhookReceiver(SECRET, clock).start();
      t = await startTestApp({ db: kind, clock, env: { WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET, TRUST_PROXY: '127.0.0.1' } });
      await seedRenewal(t.deps);
      await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [
        { login: 'admin.one', name: '管理 一郎', role: 'admin', agencyCode: null, password: STAFF_PASSWORD, totpSecret: TOTP },
        { login: 'desk.one', name: '窓口 一郎', role: 'desk', agencyCode: null, password: STAFF_PASSWORD, totpSecret: TOTP },
      ]);
    });
    after(async () => {
      await t.close();
      await receiver.stop();
    });

    it('registration, a renewal application and an address change each post one signed event with the identifiers to fetch it', async () => {
      const { db } = t.deps;
      await insertPolicy(db, { policy_number: 'C700000001', birth_date: '1980-02-02' });
      await insertPolicy(db, { policy_number: 'C700000002', birth_date: '1980-02-02' });
      const newcomer = new WebClient(t.baseUrl);
      const link = await requestRegistration(t, newcomer, { policy_number: 'C700000001', birth_date: '1980-02-02', email: 'hanako@example.com' });
      await completeAtLink(newcomer, '/register', link, { keyword: 'Abc123', userId: 'hanako@example.com', password: 'Hanako123' });
      const customer = await db.selectFrom('customers').select('id').where('user_id', '=', 'hanako@example.com').executeTakeFirstOrThrow();

      const holder = await loggedIn(t, USER);
      await walkToReview(holder);
      const applied = await holder.post(place('/review'), { revision: revisionOf(await holder.get(place('/review'))) });
      assert.equal(applied.status, 303);
      const application = await db.selectFrom('renewal_applications').select(['reception_number', 'policy_number']).executeTakeFirstOrThrow();

      assert.equal((await addressChange(holder)).status, 303);
      const change = await db.selectFrom('change_requests').select(['id', 'kind']).executeTakeFirstOrThrow();

      const expected = [
        { type: 'customer.registered', data: { customer_id: customer.id, policy_numbers: ['C700000001', 'C700000002'] } },
        { type: 'renewal_application.created', data: { reception_number: application.reception_number, policy_number: 'C123456789' } },
        { type: 'change_request.created', data: { id: change.id, kind: 'address' } },
      ];
      const queued = await rows(db);
      assert.deepEqual(queued.map((r) => ({ type: r.event_type, data: (JSON.parse(r.payload) as { data: unknown }).data })), expected, 'one event per change, in order');
      for (const row of queued) assert.match(row.id, /^msg_[A-Za-z0-9_-]{22}$/);

      await until(async () => receiver.deliveredIds().length === 3, 'three deliveries');
      assert.ok(receiver.received.every((r) => r.verified), 'every request verifies with Webhook.verify');
      assert.deepEqual(receiver.received.map((r) => r.id), queued.map((r) => r.id), 'each event once, with its webhook-id');
      assert.deepEqual(receiver.received.map((r) => ({ type: r.payload?.type, data: r.payload?.data })), expected);
      for (const [i, got] of receiver.received.entries()) {
        assert.equal(got.body, queued[i]!.payload, 'the body is the stored payload');
        assert.equal(got.payload?.timestamp, queued[i]!.created_at, 'the payload carries the time of the change');
        assert.ok(Math.abs(Number(got.timestamp) * 1000 - clock.now().getTime()) < 60 * SECOND, 'webhook-timestamp is the time of the attempt');
      }
      assert.throws(() => new Webhook(`whsec_${Buffer.from('another-secret-of-thirty-two-byt').toString('base64')}`).verify(receiver.received[0]!.body, { 'webhook-id': receiver.received[0]!.id, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,bm90IGEgc2lnbmF0dXJl' }), 'a wrong signature does not verify');
      await until(async () => (await rows(db)).every((r) => r.delivered_at !== null && r.last_status === 200 && r.attempts === 1), 'all rows marked delivered');
    });

    it('writes no event when the change rolls back', async () => {
      const { db } = t.deps;
      const before = (await rows(db)).length;
      const requests = async () => Number((await db.selectFrom('change_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const requestsBefore = await requests();
      const restore = await failAuditOf(db, kind, 'address_change_requested');
      try {
        const holder = await loggedIn(t, USER);
        const answer = await addressChange(holder);
        assert.equal(answer.status, 500);
      } finally {
        await restore();
      }
      assert.equal(await requests(), requestsBefore, 'no change request either');
      assert.equal((await rows(db)).length, before, 'no webhook row');
    });

    it('retries with back-off while the receiver answers 503 and then refuses, and delivers every event once it is up', async () => {
      const { db } = t.deps;
      receiver.received.length = 0;
      receiver.answer = 503;
      const ids = await db.transaction().execute(async (trx) => {
        const made: string[] = [];
        for (let i = 0; i < 5; i += 1) made.push(await enqueueWebhook(trx, { type: 'test.event', data: { n: i } }, clock.now()));
        return made;
      });
      const ours = async () => (await rows(db)).filter((r) => ids.includes(r.id));
      const afterAttempt = async (n: number) => until(async () => (await ours()).every((r) => r.attempts === n && r.last_attempt_at !== null && r.next_attempt_at > r.last_attempt_at), `attempt ${n} of every event`);
      const delays = async () => (await ours()).map((r) => Date.parse(r.next_attempt_at) - Date.parse(r.last_attempt_at!));

      await afterAttempt(1);
      assert.ok((await ours()).every((r) => r.last_status === 503 && r.last_error === 'HTTP 503'));
      assert.deepEqual(await delays(), Array(5).fill(30 * SECOND), '30 s after the first failure');
      const metrics = await fetch(`${t.baseUrl}/metrics`).then((r) => r.text());
      assert.match(metrics, /^keizoku_webhooks_pending 5$/m);
      assert.ok(Number(/^keizoku_webhooks_oldest_pending_seconds (\S+)$/m.exec(metrics)?.[1]) > 0, metrics);

      await receiver.stop();
      clock.advance(30 * SECOND);
      await afterAttempt(2);
      assert.ok((await ours()).every((r) => r.last_status === null && /ECONNREFUSED/.test(r.last_error ?? '')), JSON.stringify(await ours()));
      assert.deepEqual(await delays(), Array(5).fill(60 * SECOND), 'then 1 minute');
      clock.advance(30 * SECOND);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.ok((await ours()).every((r) => r.attempts === 2), 'not before its time');
      clock.advance(30 * SECOND);
      await afterAttempt(3);
      assert.deepEqual(await delays(), Array(5).fill(120 * SECOND), 'then 2 minutes');

      receiver.answer = 200;
      await receiver.start();
      clock.advance(120 * SECOND);
      await until(async () => (await ours()).every((r) => r.delivered_at !== null), 'every event delivered');
      assert.ok((await ours()).every((r) => r.attempts === 4 && r.last_status === 200 && r.last_error === null));
      assert.ok(receiver.received.every((r) => r.verified));
      assert.deepEqual([...receiver.deliveredIds()].sort(), [...ids].sort(), 'each event delivered once: none lost, none twice');
      for (const id of ids) {
        const posts = receiver.received.filter((r) => r.id === id);
        assert.deepEqual(posts.map((r) => r.answered), [503, 200], `${id}: the 503, then the delivery, under one webhook-id`);
        assert.equal(posts[0]!.body, posts[1]!.body, 'the same body on every attempt');
      }
      assert.match(await fetch(`${t.baseUrl}/metrics`).then((r) => r.text()), /^keizoku_webhooks_pending 0$/m);
    });

    it('gives up after 3 days; the admin sees 断念 on Webhook 配信状況 and 再送 delivers it (audited, with a reason)', async () => {
      const { db } = t.deps;
      receiver.answer = 503;
      const id = await enqueueWebhook(db, { type: 'test.given_up', data: { n: 1 } }, clock.now());
      const row = async () => (await db.selectFrom('webhook_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      await until(async () => (await row()).attempts === 1, 'the first attempt');
      clock.advance(RETRY_WINDOW_MS - 60 * SECOND);
      await until(async () => (await row()).attempts === 2, 'an attempt within the 3 days');
      assert.equal((await row()).gave_up_at, null, 'still retrying within 3 days');
      assert.equal((await row()).next_attempt_at, (await row()).retry_until, 'the last retry falls on the end of the 3 days');
      clock.advance(60 * SECOND);
      await until(async () => (await row()).gave_up_at !== null, 'giving up');
      assert.equal((await row()).attempts, 3);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal((await row()).attempts, 3, 'no attempt after giving up');

      const logIn = async (login: string) => {
        clock.advance(30 * SECOND);
        const client = new WebClient(t.baseUrl, { 'x-forwarded-for': '198.51.100.7' });
        assert.equal((await staffLogin(client, login, STAFF_PASSWORD, codeAt(TOTP, clock.now()))).status, 303, login);
        return client;
      };
      const desk = await logIn('desk.one');
      assert.equal((await desk.get('/console/webhooks')).status, 404, 'admins only');
      assert.equal((await desk.get(`/console/webhooks/${id}`)).status, 404);

      const admin = await logIn('admin.one');
      assert.match(textOf((await admin.get('/console')).html), /Webhook 配信状況/, 'on the admin menu');
      const list = await admin.get('/console/webhooks');
      assert.equal(list.status, 200);
      const text = textOf(list.html);
      assert.match(text, /すべて（9件） 配信済（8件） 再試行待ち（0件） 断念（1件）/, 'the counts: the 8 events of the tests before, this one given up');
      assert.match(text, new RegExp(`断念 test\\.given_up ${id} \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 3 HTTP 503 - - 再送`), 'the row: state, event, id, created, attempts, last result, next, delivered, 再送');
      assert.match(textOf((await admin.get('/console/webhooks?state=gave_up')).html), new RegExp(`断念のWebhook.*${id}`));
      const bad = await admin.get('/console/webhooks?state=lost');
      assert.equal(bad.status, 400);
      assert.match(textOf(bad.html), /状態は「配信済」「再試行待ち」「断念」から選択してください。/);

      const detail = await admin.get(`/console/webhooks/${id}`);
      assert.match(textOf(detail.html), /状態 断念 イベント test\.given_up/);
      const noReason = await admin.post(`/console/webhooks/${id}/resend`, { reason: '  ' });
      assert.equal(noReason.status, 400);
      assert.match(textOf(noReason.html), /理由を入力してください。/);
      assert.notEqual((await row()).gave_up_at, null, 'nothing changed');

      receiver.answer = 200;
      await admin.get(`/console/webhooks/${id}`);
      const resent = await admin.post(`/console/webhooks/${id}/resend`, { reason: '受信側の障害が復旧したため' });
      assert.equal(resent.status, 303);
      assert.equal(resent.location, '/console/webhooks?done=resent');
      assert.match(textOf((await admin.get(resent.location)).html), /Webhookを再送の対象にしました。/);
      await until(async () => (await row()).delivered_at !== null, 'the resent event delivered');
      assert.equal(receiver.deliveredIds().filter((d) => d === id).length, 1);
      const audit = await db.selectFrom('audit_events').selectAll().where('kind', '=', 'webhook_resent').execute();
      assert.equal(audit.length, 1);
      assert.deepEqual({ actor: audit[0]!.actor_kind, subject: [audit[0]!.subject_kind, audit[0]!.subject_id] }, { actor: 'staff', subject: ['webhook', id] });
      const detailOf = JSON.parse(audit[0]!.detail) as { reason: string; before: { state: string; attempts: number }; after: { state: string } };
      assert.deepEqual([detailOf.reason, detailOf.before.state, detailOf.before.attempts, detailOf.after.state], ['受信側の障害が復旧したため', 'gave_up', 3, 'pending']);
      assert.match(textOf((await admin.get('/console/audit')).html), /Webhookの再送/);
      assert.match(textOf((await admin.get(`/console/webhooks/${id}`)).html), /状態 配信済/);
      await admin.get(`/console/webhooks/${id}`);
      const again = await admin.post(`/console/webhooks/${id}/resend`, { reason: 'もう一度' });
      assert.equal(again.status, 409, 'a delivered event is not resent');
      assert.equal((await admin.post('/console/webhooks/msg_unknown/resend', { reason: 'x' })).status, 404);
    });
  });
}
