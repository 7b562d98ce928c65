import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { changeRequestFeed } from '../../src/features/policies/processing/change-requests.js';
import type { FeedPage, FeedQuery, FeedResult } from '../../src/features/policies/processing/cursor.js';
import { renewalApplicationFeed } from '../../src/features/policies/processing/renewal-applications.js';
import { migrateToLatest, type Db } from '../../src/platform/db/database.js';
import { insertCustomer } from '../support/customers.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { addressRequest, applicationRow, insertApplicationRow, insertConcurrently } from '../support/processing.js';

// The cursor feeds on both dialects: a reader pages through (a small limit) while others insert
// concurrently, each insert holding its transaction open for a random while so that commits come
// out of the order the rows were inserted in. The reader must get every row exactly once, in the
// feed's order, and nothing it has not been given may appear behind its cursor later.

const page = <T>(result: FeedResult<T>): FeedPage<T> => {
  assert.ok(result.ok, 'the feed answers');
  return result;
};

/** Reads the feed until `done()` and then once more to the end; returns the keys in the order read. */
async function readWhile<T>(feed: (q: FeedQuery) => Promise<FeedResult<T>>, key: (item: T) => string, done: () => boolean): Promise<string[]> {
  const seen: string[] = [];
  let cursor = '';
  for (;;) {
    const finished = done();
    const answer = page(await feed({ after: cursor, limit: 7 }));
    seen.push(...answer.items.map(key));
    cursor = answer.next_cursor;
    if (answer.items.length === 0 && finished) return seen;
    if (answer.items.length === 0) await sleep(2);
  }
}

for (const kind of databaseKinds()) {
  describe(`the cursor feeds under concurrent inserts on ${kind}`, () => {
    let database: TestDatabase;
    let db: Db;
    let customerId = '';

    before(async () => {
      database = await createTestDatabase(kind);
      db = database.db;
      await insertPolicy(db);
      customerId = (await insertCustomer(db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789'] })).id;
    });
    after(() => database.drop());

    it('give a reader each of 200 renewal applications exactly once, in order, while they are being created', async () => {
      let inserting = true;
      const endDate = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      const writers = insertConcurrently(db, 200, 8, (trx, n) => insertApplicationRow(trx, applicationRow('C123456789', customerId, { current_end_date: endDate(n), reception_number: `R-${String(n).padStart(3, '0')}` }))).finally(() => {
        inserting = false;
      });
      const read = await readWhile(
        (q) => renewalApplicationFeed(db, q),
        (item) => item.reception_number,
        () => !inserting,
      );
      await writers;
      assert.equal(read.length, 200, 'every application read');
      assert.equal(new Set(read).size, 200, 'none read twice');
      const inFeedOrder = await db.selectFrom('renewal_applications').select('reception_number').orderBy('feed_position').execute();
      assert.deepEqual(read, inFeedOrder.map((r) => r.reception_number), 'in the feed order (oldest first)');
      const again = page(await renewalApplicationFeed(db, { limit: 500 }));
      assert.deepEqual(again.items.map((i) => i.reception_number), read, 'a second reader from the start gets the same sequence');
      assert.deepEqual(page(await renewalApplicationFeed(db, { after: again.next_cursor })).items, [], 'nothing after the end');
    });

    it('give a reader each of 60 change requests exactly once, in order, while they are being filed', async () => {
      let inserting = true;
      const writers = insertConcurrently(db, 60, 6, (trx, n) => addressRequest(trx, customerId, new Date(Date.UTC(2026, 10, 25, 1, 0, n)), `東京都港区芝公園${n}`)).finally(() => {
        inserting = false;
      });
      const read = await readWhile(
        (q) => changeRequestFeed(db, q),
        (item) => item.requested.address ?? '',
        () => !inserting,
      );
      await writers;
      assert.equal(read.length, 60);
      assert.equal(new Set(read).size, 60);
      const inFeedOrder = await db.selectFrom('change_requests').select('data').orderBy('feed_position').execute();
      assert.deepEqual(read, inFeedOrder.map((r) => (JSON.parse(r.data) as { address: string }).address));
    });

    it('number the rows filed before migration 0016 in the order they were received, and new ones after them', async () => {
      const old = await createTestDatabase(kind, '0013_policy_status');
      try {
        await insertPolicy(old.db);
        const id = (await insertCustomer(old.db, { userId: 'old@example.com', password: 'Abc12345', policies: ['C123456789'] })).id;
        for (const [n, at] of [['second', '2026-11-02T00:00:00.000Z'], ['first', '2026-11-01T00:00:00.000Z'], ['third', '2026-11-03T00:00:00.000Z']] as const) {
          await old.db.insertInto('change_requests').values({ id: n, customer_id: id, kind: 'address', data: '{}', status: 'pending', created_at: at }).execute();
        }
        await migrateToLatest(old.db);
        await addressRequest(old.db, id, new Date('2026-10-01T00:00:00Z'));
        const feed = page(await changeRequestFeed(old.db, {}));
        assert.deepEqual(feed.items.slice(0, 3).map((i) => i.id), ['first', 'second', 'third']);
        assert.equal(feed.items.length, 4, 'a request filed after the migration comes after them, whatever its time');
      } finally {
        await old.drop();
      }
    });

    it('refuse a cursor it did not issue and a limit over 500', async () => {
      assert.deepEqual(await renewalApplicationFeed(db, { after: 'MTIz' }), { ok: false, problem: 'invalid_cursor' });
      assert.deepEqual(await changeRequestFeed(db, { limit: 501 }), { ok: false, problem: 'invalid_limit' });
    });
  });
}
