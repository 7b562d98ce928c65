import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor, feedPage, parseFeedQuery } from './cursor.js';

describe('feed cursors', () => {
  it('round-trip a position and read an absent cursor as the start', () => {
    assert.equal(decodeCursor(encodeCursor(0)), 0);
    assert.equal(decodeCursor(encodeCursor(123_456)), 123_456);
    assert.equal(decodeCursor(undefined), 0);
    assert.equal(decodeCursor(''), 0);
    assert.notEqual(encodeCursor(42), '42', 'the cursor is opaque, not the bare position');
  });

  it('refuse what this service did not issue', () => {
    for (const bad of ['42', 'not a cursor', Buffer.from('p1.-1').toString('base64url'), Buffer.from('p1.01').toString('base64url'), Buffer.from('p2.5').toString('base64url'), 'x'.repeat(41)]) {
      assert.equal(decodeCursor(bad), null, bad);
    }
  });

  it('take limits from 1 to 500, 100 by default', () => {
    assert.deepEqual(parseFeedQuery({}), { ok: true, after: 0, limit: 100 });
    assert.deepEqual(parseFeedQuery({ limit: 500 }), { ok: true, after: 0, limit: 500 });
    for (const limit of [0, 501, 1.5, -3, Number.NaN]) assert.deepEqual(parseFeedQuery({ limit }), { ok: false, problem: 'invalid_limit' }, String(limit));
    assert.deepEqual(parseFeedQuery({ after: 'junk!' }), { ok: false, problem: 'invalid_cursor' });
  });

  it('continue after the last row, or stay where it was when nothing came', () => {
    const page = feedPage([{ feed_position: 7 }, { feed_position: 9 }], 5, (r) => r.feed_position);
    assert.deepEqual(page.items, [7, 9]);
    assert.equal(decodeCursor(page.next_cursor), 9);
    assert.equal(decodeCursor(feedPage([], 5, () => 0).next_cursor), 5);
  });
});
