import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { systemClock, ManualClock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/db/database.js';
import { startWorker, type Worker } from '../../src/platform/jobs/index.js';
import { purgeExpired } from '../../src/platform/retention/purge.js';
import { WebhookDispatcher, WEBHOOK_DELIVERY } from '../../src/platform/webhooks/delivery.js';
import { enqueueWebhook } from '../../src/platform/webhooks/outbox.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { loggedIn } from '../support/integration.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = `whsec_${Buffer.from('keizoku-webhook-test-secret-32by').toString('base64')}`;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const DAY = 86_400_000;

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const delivered = async (db: Db) => Number((await db.selectFrom('webhook_outbox').select((eb) => eb.fn.count<number>('delivered_at').as('n')).executeTakeFirstOrThrow()).n);

for (const kind of databaseKinds()) {
  describe(`webhook delivery by several workers on ${kind}`, () => {
    let database: TestDatabase;
    let receiver: WebhookReceiver;
    const workers: Worker[] = [];
    before(async () => {
      database = await createTestDatabase(kind);
      receiver = await new WebhookReceiver(SECRET, systemClock).start();
      receiver.delayMs = 15;
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      receiver.received.length = 0;
      await database.db.deleteFrom('webhook_outbox').execute();
    });
    after(async () => {
      await receiver.stop();
      await database.drop();
    });
    const dispatcher = (db: Db) => new WebhookDispatcher(db, { url: receiver.url, secret: SECRET }, systemClock, silent);

    it('two workers on one database post each event once while events keep coming', async () => {
      const handles = [database.db, database.open()];
      for (const db of handles) workers.push(startWorker({ db, clock: systemClock, log: silent, jobs: [dispatcher(db).job] }));
      const ids: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        ids.push(await enqueueWebhook(database.db, { type: 'test.event', data: { n: i } }, new Date()));
        if (i % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 150));
      }
      await until(async () => (await delivered(database.db)) === 40, 'every event delivered');
      assert.ok(receiver.received.every((r) => r.verified && r.answered === 200));
      assert.equal(receiver.received.length, 40, 'forty posts for forty events');
      assert.deepEqual([...receiver.deliveredIds()].sort(), [...ids].sort(), 'each webhook-id once');
      const job = await database.db.selectFrom('jobs').selectAll().where('name', '=', WEBHOOK_DELIVERY).executeTakeFirstOrThrow();
      assert.equal(job.failures, 0);
    });

    it('two drains at once (as if a lease were lost) still post each event once: every row is claimed', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 20; i += 1) ids.push(await enqueueWebhook(database.db, { type: 'test.event', data: { n: i } }, new Date()));
      await Promise.all([dispatcher(database.db).drain(), dispatcher(database.open()).drain()]);
      assert.equal(await delivered(database.db), 20);
      assert.deepEqual([...receiver.deliveredIds()].sort(), [...ids].sort());
      assert.equal(receiver.received.length, 20);
    });
  });

  describe(`webhook rows and the purge on ${kind}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(async () => database.drop());

    it('deletes events delivered or given up 30 days ago, never a pending one', async () => {
      const { db } = database;
      const now = new Date('2026-12-01T01:00:00.000Z');
      const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
      const row = (id: string, created: number, end: { delivered?: number; gaveUp?: number }) => ({
        id,
        event_type: 'test.event',
        payload: '{}',
        created_at: ago(created),
        attempts: 1,
        next_attempt_at: ago(created),
        retry_until: ago(created - 3),
        last_attempt_at: ago(created),
        delivered_at: end.delivered === undefined ? null : ago(end.delivered),
        last_status: 200,
        last_error: null,
        gave_up_at: end.gaveUp === undefined ? null : ago(end.gaveUp),
      });
      await db
        .insertInto('webhook_outbox')
        .values([row('w-delivered-old', 31, { delivered: 31 }), row('w-delivered-recent', 31, { delivered: 29 }), row('w-gave-up-old', 40, { gaveUp: 37 }), row('w-gave-up-recent', 32, { gaveUp: 29 }), row('w-pending-old', 60, {})])
        .execute();
      const counts = await purgeExpired({ db, clock: new ManualClock(now), log: silent, auditRetention: { amount: 7, unit: 'years' } });
      assert.equal(counts.webhooks, 2);
      const left = (await db.selectFrom('webhook_outbox').select('id').orderBy('id').execute()).map((r) => r.id);
      assert.deepEqual(left, ['w-delivered-recent', 'w-gave-up-recent', 'w-pending-old']);
    });
  });
}

describe('without WEBHOOK_URL', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await insertPolicy(t.deps.db);
    await insertCustomer(t.deps.db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789'] });
  });
  after(async () => t.close());

  it('writes no webhook rows and runs no webhook job', async () => {
    const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
    await client.get('/mypage/changes/address');
    assert.equal((await client.post('/mypage/changes/address', { postal_code: '100-0006', address: '東京都千代田区有楽町1-1-1', phone: '03-1111-2222' })).status, 303);
    assert.equal((await t.deps.db.selectFrom('change_requests').selectAll().execute()).length, 1, 'the change itself is kept');
    assert.deepEqual(await t.deps.db.selectFrom('webhook_outbox').selectAll().execute(), []);
    await until(async () => (await t.deps.db.selectFrom('jobs').select('name').execute()).length >= 3, 'the jobs registered');
    const jobs = (await t.deps.db.selectFrom('jobs').select('name').execute()).map((r) => r.name);
    assert.ok(!jobs.includes(WEBHOOK_DELIVERY), jobs.join(', '));
    assert.match(await fetch(`${t.baseUrl}/metrics`).then((r) => r.text()), /^keizoku_webhooks_pending 0$/m);
  });
});
