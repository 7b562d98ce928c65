import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webhookRetryDelayMs } from './delivery.js';
import { RETRY_WINDOW_MS } from './outbox.js';

describe('webhook back-off', () => {
  it('doubles from 30 s and stays at 1 hour', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map((n) => webhookRetryDelayMs(n) / 1000), [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });

  it('makes 79 attempts in the 3 days before giving up', () => {
    let at = 0;
    let attempts = 1;
    while (at + webhookRetryDelayMs(attempts) < RETRY_WINDOW_MS) {
      at += webhookRetryDelayMs(attempts);
      attempts += 1;
    }
    // …and a last one at the end of the window itself.
    assert.equal(attempts + 1, 79);
  });
});
