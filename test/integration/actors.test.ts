import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/platform/db/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { createTestDatabase, databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { WebClient } from '../support/web-client.js';

const BASE = new Date('2026-11-25T01:00:00Z');

for (const kind of databaseKinds()) {
  describe(`sessions and audit events name their actor on ${kind}`, () => {
    let t: TestApp;
    let customerId: string;
    before(async () => {
      t = await startTestApp({ db: kind, clock: new ManualClock(BASE) });
      await insertPolicy(t.deps.db);
      customerId = (await insertCustomer(t.deps.db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789'] })).id;
    });
    after(async () => t.close());

    it('a login’s session belongs to the customer; a failed attempt is a visitor’s, the success the customer’s', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      assert.equal((await client.post('/login', { userId: 'abc@example.com', password: 'Wrong1234' })).status, 401);
      assert.equal((await client.post('/login', { userId: 'abc@example.com', password: 'Abc12345' })).status, 303);
      const sessions = await t.deps.db.selectFrom('sessions').select(['actor_kind', 'actor_id', 'customer_id']).execute();
      assert.deepEqual(sessions, [{ actor_kind: 'customer', actor_id: customerId, customer_id: customerId }]);
      const events = await t.deps.db.selectFrom('audit_events').select(['kind', 'actor_kind', 'actor_id', 'customer_id']).orderBy('kind').execute();
      assert.deepEqual(events, [
        { kind: 'login_failed', actor_kind: null, actor_id: null, customer_id: customerId },
        { kind: 'login_succeeded', actor_kind: 'customer', actor_id: customerId, customer_id: customerId },
      ]);
    });
  });

  describe(`the actors migration on ${kind}`, () => {
    it('keeps the sessions that were open, as customers’ sessions, and audit events as they were', async () => {
      const test = await createTestDatabase(kind, '0006_outbox_sealed');
      try {
        const { db } = test;
        const customer = await insertCustomer(db, { userId: 'old@example.com', password: 'Abc12345' });
        const at = BASE.toISOString();
        await sql`insert into sessions (id_hash, customer_id, created_at, last_seen_at, revoked_at, ip, user_agent) values ('h1', ${customer.id}, ${at}, ${at}, null, '127.0.0.1', 'UA')`.execute(db);
        await sql`insert into audit_events (id, at, kind, customer_id, ip, detail) values ('a1', ${at}, 'login_succeeded', ${customer.id}, '127.0.0.1', '{}')`.execute(db);
        assert.equal((await migrateToLatest(db))[0], '0007_actors');
        const session = await db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual([session.actor_kind, session.actor_id, session.customer_id, session.user_agent], ['customer', customer.id, customer.id, 'UA']);
        const event = await db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual([event.kind, event.customer_id, event.actor_kind], ['login_succeeded', customer.id, null]);
      } finally {
        await test.drop();
      }
    });
  });
}
