import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../test/support/db.js';
import { MAX_HOLD_MS, clearAttempts, refundAttempt, slowDownMs, takeAttempt, takeAttempts, type ThrottlePolicy } from './throttle.js';

const policy: ThrottlePolicy = { limit: 5, windowMs: 15 * 60_000, lockMs: 30 * 60_000, slowAfter: 3 };
const t0 = new Date('2026-11-25T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

for (const kind of databaseKinds()) {
  describe(`attempt counters on ${kind}`, () => {
    let test: TestDatabase;
    before(async () => {
      test = await createTestDatabase(kind);
    });
    after(async () => test.drop());

    it('allows exactly the limit out of a parallel burst and locks at the limit', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => takeAttempt(test.db, 'k:burst', t0, policy)));
      assert.deepEqual(results.map((r) => r.number).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.equal(results.filter((r) => r.allowed).length, policy.limit);
      const fifth = results.find((r) => r.number === policy.limit);
      assert.equal(fifth?.lockedUntil?.toISOString(), later(policy.lockMs).toISOString());
      assert.equal(results.find((r) => r.number === 4)?.lockedUntil, null);
    });

    it('refuses until the lock ends, then starts again at 1', async () => {
      for (let i = 0; i < policy.limit; i++) await takeAttempt(test.db, 'k:lock', t0, policy);
      assert.equal((await takeAttempt(test.db, 'k:lock', later(policy.windowMs + 1), policy)).allowed, false, 'the lock outlasts the window');
      const fresh = await takeAttempt(test.db, 'k:lock', later(policy.lockMs), policy);
      assert.deepEqual([fresh.number, fresh.allowed, fresh.lockedUntil], [1, true, null]);
    });

    it('starts a new window once the old one is over', async () => {
      await takeAttempt(test.db, 'k:window', t0, policy);
      await takeAttempt(test.db, 'k:window', later(60_000), policy);
      const fresh = await takeAttempt(test.db, 'k:window', later(policy.windowMs + 1), policy);
      assert.equal(fresh.number, 1);
    });

    it('clears on success, and a refund gives one attempt back and lifts the lock below the limit', async () => {
      for (let i = 0; i < policy.limit; i++) await takeAttempt(test.db, 'k:refund', t0, policy);
      await refundAttempt(test.db, 'k:refund', policy);
      const after = await takeAttempt(test.db, 'k:refund', t0, policy);
      assert.deepEqual([after.number, after.allowed], [policy.limit, true]);
      await clearAttempts(test.db, 'k:refund');
      assert.equal((await takeAttempt(test.db, 'k:refund', t0, policy)).number, 1);
    });

    it('a gate counts the keys up to the first that refuses and holds a refused guess the longest', async () => {
      const tight: ThrottlePolicy = { limit: 1, windowMs: 60_000, lockMs: 60_000, slowAfter: 1 };
      const loose: ThrottlePolicy = { limit: 100, windowMs: 60_000, lockMs: 60_000 };
      const keys = [{ key: 'g:tight', policy: tight }, { key: 'g:loose', policy: loose }];
      const first = await takeAttempts(test.db, t0, keys);
      assert.equal(first.allowed, true);
      assert.equal(first.lock?.key, 'g:tight', 'the attempt that reached the limit locked its key');
      const second = await takeAttempts(test.db, t0, keys);
      assert.deepEqual([second.allowed, second.lock?.key, second.holdMs], [false, 'g:tight', MAX_HOLD_MS]);
      assert.equal(second.attempts.length, 1, 'the key after the refusing one was not counted');
      const reversed = await takeAttempts(test.db, t0, [...keys].reverse());
      assert.deepEqual(reversed.attempts.map((a) => a.number), [2, 3]);
    });
  });
}

describe('slow-down', () => {
  it('holds answers from the mark on, 500 ms a step, at most 2 s', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 20].map((n) => slowDownMs(n, policy)), [0, 0, 500, 1000, 1500, 2000, 2000]);
    assert.equal(slowDownMs(50, { limit: 50, windowMs: 1, lockMs: 1 }), 0);
  });
});
