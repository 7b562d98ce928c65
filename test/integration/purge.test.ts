import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/crypto.js';
import type { Db } from '../../src/platform/db/database.js';
import { FLOW_GRACE_DAYS, PURGE_BATCH, purgeExpired, retentionCutoff } from '../../src/platform/retention/purge.js';
import { insertCustomer } from '../support/customers.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

const NOW = new Date('2026-12-01T01:00:00.000Z');
const DAY = 86_400_000;
const GRACE = FLOW_GRACE_DAYS * DAY;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const silent = { info: () => {}, warn: () => {}, error: () => {} };

const ids = async (db: Db, table: 'flows' | 'mail_tokens' | 'sessions' | 'throttles' | 'outbox' | 'dev_mailbox' | 'audit_events' | 'change_requests' | 'renewal_reminders') => {
  const column = { flows: 'id', mail_tokens: 'token_hash', sessions: 'id_hash', throttles: 'key', outbox: 'id', dev_mailbox: 'id', audit_events: 'id', change_requests: 'id', renewal_reminders: 'id' }[table];
  const rows = await db.selectFrom(table).select(`${column} as id` as 'id').execute();
  return rows.map((r) => (r as { id: string }).id).sort();
};

describe('retention cut-off', () => {
  it('counts days, and years by the calendar', () => {
    assert.equal(retentionCutoff(NOW, { amount: 30, unit: 'days' }).toISOString(), '2026-11-01T01:00:00.000Z');
    assert.equal(retentionCutoff(NOW, { amount: 7, unit: 'years' }).toISOString(), '2019-12-01T01:00:00.000Z');
    assert.equal(retentionCutoff(new Date('2028-02-29T00:00:00Z'), { amount: 1, unit: 'years' }).toISOString(), '2027-02-28T00:00:00.000Z');
  });
});

for (const kind of databaseKinds()) {
  describe(`the purge on ${kind}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(async () => database.drop());

    it('deletes exactly what has served its purpose, children first, and keeps the rest', async () => {
      const { db } = database;
      const customer = await insertCustomer(db, { userId: 'keep@example.com', password: 'Mt4sQx9v' });
      const flow = (id: string, expiresAt: string) => ({ id, kind: 'registration', state: 'mailed', data: '{}', keyword_hash: null, keyword_failures: 0, customer_id: null, created_at: ago(10 * DAY), updated_at: ago(10 * DAY), expires_at: expiresAt });
      await db.insertInto('flows').values([flow('flow-old', ago(GRACE + DAY)), flow('flow-just-expired', ago(GRACE - DAY / 2)), flow('flow-live', ago(-DAY))]).execute();
      const token = (hash: string, flowId: string, expiresAt: string, consumedAt: string | null = null) => ({ token_hash: hash, flow_id: flowId, created_at: ago(10 * DAY), expires_at: expiresAt, consumed_at: consumedAt, retired_at: null });
      await db.insertInto('mail_tokens').values([token('tok-old-used', 'flow-old', ago(GRACE + 2 * DAY), ago(GRACE + 2 * DAY)), token('tok-old', 'flow-old', ago(GRACE + DAY)), token('tok-live', 'flow-live', ago(-DAY)), token('tok-recent', 'flow-just-expired', ago(GRACE - DAY / 2))]).execute();
      const session = (id: string, s: { created: string; lastSeen: string; revoked?: string }) => ({ id_hash: id, actor_kind: 'customer', actor_id: customer.id, customer_id: customer.id, created_at: s.created, last_seen_at: s.lastSeen, revoked_at: s.revoked ?? null, ip: '192.0.2.1', user_agent: 'test' });
      await db
        .insertInto('sessions')
        .values([
          session('s-revoked-old', { created: ago(40 * DAY), lastSeen: ago(40 * DAY), revoked: ago(31 * DAY) }),
          session('s-idle-old', { created: ago(31 * DAY), lastSeen: ago(31 * DAY) }),
          session('s-revoked-recent', { created: ago(29 * DAY), lastSeen: ago(29 * DAY), revoked: ago(29 * DAY) }),
          session('s-current', { created: ago(3_600_000), lastSeen: ago(60_000) }),
        ])
        .execute();
      await db
        .insertInto('throttles')
        .values([
          { key: 'th-over', failures: 3, window_started_at: ago(2 * DAY), locked_until: null },
          { key: 'th-lock-ended', failures: 5, window_started_at: ago(2 * DAY), locked_until: ago(DAY) },
          { key: 'th-still-locked', failures: 5, window_started_at: ago(2 * DAY), locked_until: ago(-60_000) },
          { key: 'th-in-window', failures: 9, window_started_at: ago(DAY / 2), locked_until: null },
        ])
        .execute();
      const mail = (id: string, status: string, createdAt: string, sentAt: string | null) => ({ id, to_address: 'keep@example.com', subject: 's', text_body: 't', secrets_sealed: null, status, attempts: 1, next_attempt_at: createdAt, last_error: null, created_at: createdAt, sent_at: sentAt });
      await db
        .insertInto('outbox')
        .values([
          mail('o-sent-old', 'sent', ago(31 * DAY), ago(31 * DAY)),
          mail('o-failed-old', 'failed', ago(33 * DAY), null),
          mail('o-sent-recent', 'sent', ago(29 * DAY), ago(29 * DAY)),
          mail('o-queued-old', 'queued', ago(40 * DAY), null),
          mail('o-sending-old', 'sending', ago(40 * DAY), null),
        ])
        .execute();
      const dev = (id: string, at: string) => ({ id, to_address: 'a@example.com', from_address: 'b@example.com', subject: 's', text_body: 't', created_at: at });
      await db.insertInto('dev_mailbox').values([dev('d-old', ago(8 * DAY)), dev('d-recent', ago(6 * DAY))]).execute();
      const audit = (id: string, at: string) => ({ id, at, kind: 'login_succeeded', actor_kind: null, actor_id: null, customer_id: customer.id, subject_kind: null, subject_id: null, ip: null, detail: '{}' });
      await db.insertInto('audit_events').values([audit('a-8y', ago(8 * 365 * DAY)), audit('a-6y', ago(6 * 365 * DAY)), audit('a-now', ago(0))]).execute();
      await db.insertInto('api_clients').values({ id: 'c1', name: 'core', client_id: 'kzc_1', secret_hash: 'x', scopes: 'policies:read', created_at: ago(DAY), last_used_at: null, revoked_at: null, revoked_reason: null }).execute();
      await db.insertInto('api_tokens').values([{ token_hash: 'tk-expired', client_id: 'c1', created_at: ago(2 * 3_600_000), expires_at: ago(3_600_000) }, { token_hash: 'tk-live', client_id: 'c1', created_at: ago(60_000), expires_at: ago(-3_540_000) }]).execute();
      const key = (k: string, expiresAt: string) => ({ client_id: 'c1', key: k, request_hash: 'h', response_status: 200, response_body: '{}', created_at: ago(DAY), expires_at: expiresAt });
      await db.insertInto('api_idempotency_keys').values([key('k-expired', ago(60_000)), key('k-live', ago(-60_000))]).execute();
      const login = (id: string, at: string) => ({ id, customer_id: customer.id, at, method: 'password', succeeded: 1, user_agent: 'test', ip: '192.0.2.1' });
      await db.insertInto('login_events').values([login('l-91d', ago(91 * DAY)), login('l-89d', ago(89 * DAY))]).execute();
      const challenge = (hash: string, expiresAt: string, usedAt: string | null) => ({ challenge_hash: hash, purpose: 'login', customer_id: null, session_hash: null, created_at: ago(DAY), expires_at: expiresAt, used_at: usedAt });
      await db.insertInto('webauthn_challenges').values([challenge('w-expired', ago(60_000), null), challenge('w-used-expired', ago(1000), ago(2000)), challenge('w-live', ago(-60_000), null)]).execute();
      await db.insertInto('change_requests').values({ id: 'cr-old', customer_id: customer.id, kind: 'address', data: '{}', status: 'pending', created_at: ago(3000 * DAY) }).execute();

      const counts = await purgeExpired({ db, clock: new ManualClock(NOW), log: silent, auditRetention: { amount: 7, unit: 'years' } });
      assert.deepEqual(counts, { mailTokens: 2, flows: 1, sessions: 2, throttles: 2, outbox: 2, webhooks: 0, apiTokens: 1, idempotencyKeys: 1, webauthnChallenges: 2, devMailbox: 1, loginEvents: 1, auditEvents: 1 });
      assert.deepEqual((await db.selectFrom('login_events').select('id').execute()).map((r) => r.id), ['l-89d']);
      assert.deepEqual((await db.selectFrom('webauthn_challenges').select('challenge_hash').execute()).map((r) => r.challenge_hash), ['w-live']);
      assert.deepEqual((await db.selectFrom('api_tokens').select('token_hash').execute()).map((r) => r.token_hash), ['tk-live']);
      assert.deepEqual((await db.selectFrom('api_idempotency_keys').select('key').execute()).map((r) => r.key), ['k-live']);
      assert.deepEqual(await ids(db, 'flows'), ['flow-just-expired', 'flow-live']);
      assert.deepEqual(await ids(db, 'mail_tokens'), ['tok-live', 'tok-recent']);
      assert.deepEqual(await ids(db, 'sessions'), ['s-current', 's-revoked-recent']);
      assert.deepEqual(await ids(db, 'throttles'), ['th-in-window', 'th-still-locked']);
      assert.deepEqual(await ids(db, 'outbox'), ['o-queued-old', 'o-sending-old', 'o-sent-recent']);
      assert.deepEqual(await ids(db, 'dev_mailbox'), ['d-recent']);
      assert.deepEqual(await ids(db, 'audit_events'), ['a-6y', 'a-now']);
      assert.deepEqual(await ids(db, 'change_requests'), ['cr-old'], 'change requests are kept');

      const again = await purgeExpired({ db, clock: new ManualClock(NOW), log: silent, auditRetention: { amount: 7, unit: 'years' } });
      assert.ok(Object.values(again).every((n) => n === 0), 'nothing more the second time');
      const shorter = await purgeExpired({ db, clock: new ManualClock(NOW), log: silent, auditRetention: { amount: 1, unit: 'days' } });
      assert.equal(shorter.auditEvents, 1, 'AUDIT_RETENTION=1d lets the 6-year-old event go, keeps today’s');
    });

    it('deletes in batches until none is left', async () => {
      const { db } = database;
      const total = PURGE_BATCH * 2 + 17;
      const rows = Array.from({ length: total }, () => ({ id: newId(), to_address: 'a@example.com', from_address: 'b@example.com', subject: 's', text_body: 't', created_at: ago(9 * DAY) }));
      for (let i = 0; i < rows.length; i += 200) await db.insertInto('dev_mailbox').values(rows.slice(i, i + 200)).execute();
      const counts = await purgeExpired({ db, clock: new ManualClock(NOW), log: silent, auditRetention: { amount: 7, unit: 'years' } });
      assert.equal(counts.devMailbox, total);
      assert.deepEqual(await ids(db, 'dev_mailbox'), ['d-recent']);
    });
  });
}
