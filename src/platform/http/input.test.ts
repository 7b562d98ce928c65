import assert from 'node:assert/strict';
import { it } from 'node:test';
import { containsNul } from './input.js';

it('finds a NUL in a value, an array, a nested object or a key', () => {
  assert.ok(containsNul('a\u0000b'));
  assert.ok(containsNul({ userId: ['x', '\u0000'] }));
  assert.ok(containsNul({ a: { b: { c: '\u0000' } } }));
  assert.ok(containsNul({ 'a\u0000': 'x' }));
});

it('lets everything else through', () => {
  for (const value of [undefined, null, 1, '', 'テスト', '<script>', { a: ['x', 'y'] }, Object.create(null) as object]) {
    assert.equal(containsNul(value), false);
  }
});
