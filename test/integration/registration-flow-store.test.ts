import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomToken } from '../../src/platform/crypto.js';
import { consumeMailToken, inspectMailToken, issueMailToken, retireMailTokens } from '../../src/platform/flow/mail-token.js';
import { countKeywordAttempt, createFlow, loadBoundFlow, loadFlow, saveFlow } from '../../src/platform/flow/store.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

type State = 'a' | 'b' | 'c';
const STATES: readonly State[] = ['a', 'b', 'c'];
const now = new Date('2026-11-25T01:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

// The generic flow store and mail tokens under registration and recovery, on both databases.
for (const kind of databaseKinds()) {
  describe(`persisted flows and mail tokens on ${kind}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(async () => database.drop());

    it('a flow opens only with its browser key, and moves on only from the row as it was loaded', async () => {
      const { db } = database;
      const { flow, browserKey } = await createFlow<State, { n: number }>(db, { kind: 'test', state: 'a', data: { n: 1 }, now, ttlMs: 60_000 });
      assert.equal(await loadBoundFlow(db, flow.id, randomToken(), 'test', STATES), null);
      assert.equal(await loadBoundFlow(db, flow.id, browserKey, 'other', STATES), null);
      assert.equal(await loadBoundFlow(db, flow.id, browserKey, 'test', ['b']), null);
      const loaded = await loadBoundFlow<State, { n: number }>(db, flow.id, browserKey, 'test', STATES);
      assert.deepEqual(loaded?.data, { n: 1 });
      if (!loaded) return;
      const [first, second] = await Promise.all([
        saveFlow(db, loaded, { state: 'b', data: { n: 2 }, now }),
        saveFlow(db, loaded, { state: 'b', data: { n: 3 }, now }),
      ]);
      assert.equal([first, second].filter((r) => r !== null).length, 1, 'exactly one save wins');
      const moved = await loadBoundFlow<State, { n: number }>(db, flow.id, browserKey, 'test', STATES);
      assert.equal(moved?.state, 'b');
      if (!moved) return;
      const rebound = await saveFlow(db, moved, { state: 'c', data: moved.data, now, rebind: true, ttlMs: 1000 });
      assert.ok(rebound?.browserKey);
      assert.equal(await loadBoundFlow(db, flow.id, browserKey, 'test', STATES), null, 'the old key no longer opens it');
      const final = await loadBoundFlow(db, flow.id, rebound?.browserKey ?? '', 'test', STATES);
      assert.equal(final?.state, 'c');
      assert.equal(final?.expiresAt.toISOString(), later(1000).toISOString());
    });

    it('wrong keywords are counted atomically', async () => {
      const { db } = database;
      const { flow } = await createFlow<State, object>(db, { kind: 'test', state: 'a', data: {}, now, ttlMs: 60_000 });
      const counts = await Promise.all(Array.from({ length: 5 }, () => countKeywordAttempt(db, flow.id, 'a', now)));
      assert.deepEqual([...counts].sort(), [1, 2, 3, 4, 5]);
      assert.equal(await countKeywordAttempt(db, flow.id, 'b', now), null);
      assert.equal((await loadFlow(db, flow.id, 'test', STATES))?.keywordFailures, 5);
    });

    it('a mail token is used once, even by racing requests, and not after its life or retirement', async () => {
      const { db } = database;
      const { flow } = await createFlow<State, object>(db, { kind: 'test', state: 'a', data: {}, now, ttlMs: 60_000 });
      const token = await issueMailToken(db, flow.id, now, 60_000);
      assert.deepEqual(await inspectMailToken(db, token, now), { flowId: flow.id, status: 'usable' });
      assert.deepEqual(await inspectMailToken(db, token, later(60_000)), { flowId: flow.id, status: 'expired' });
      assert.equal(await consumeMailToken(db, token, later(60_000)), false);
      const results = await Promise.all(Array.from({ length: 4 }, () => consumeMailToken(db, token, now)));
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal((await inspectMailToken(db, token, now))?.status, 'consumed');

      const other = await issueMailToken(db, flow.id, now, 60_000);
      await retireMailTokens(db, [flow.id], now);
      assert.equal((await inspectMailToken(db, other, now))?.status, 'retired');
      assert.equal(await consumeMailToken(db, other, now), false);
      assert.equal(await inspectMailToken(db, randomToken(), now), null);
      assert.equal(await inspectMailToken(db, ['x'], now), null);
    });
  });
}
