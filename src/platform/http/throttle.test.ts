import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../test/support/db.js';
import { readThrottle, recordFailure, type ThrottlePolicy } from './throttle.js';

const policy: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 30 * 60_000 };
const t0 = new Date('2026-11-25T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

for (const kind of databaseKinds()) {
  describe(`failure counters on ${kind}`, () => {
    let test: TestDatabase;
    before(async () => {
      test = await createTestDatabase(kind);
    });
    after(async () => test.drop());

    it('counts parallel failures exactly and locks at the limit', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => recordFailure(test.db, 'k:parallel', t0, policy)));
      assert.deepEqual(results.map((r) => r.failures).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8]);
      const state = await readThrottle(test.db, 'k:parallel', later(1000), policy);
      assert.equal(state.lockedUntil?.toISOString(), later(policy.lockMs).toISOString());
    });

    it('starts a new window once the old one is over', async () => {
      await recordFailure(test.db, 'k:window', t0, policy);
      await recordFailure(test.db, 'k:window', later(60_000), policy);
      const fresh = await recordFailure(test.db, 'k:window', later(policy.windowMs + 1), policy);
      assert.equal(fresh.failures, 1);
      assert.equal(fresh.lockedUntil, null);
    });
  });
}
