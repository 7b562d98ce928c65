import assert from 'node:assert/strict';
import { it } from 'node:test';
import { oneYearLater, randomBase32, receptionNumber } from './reception.js';

it('受付番号 is R, the Japan date and 8 base32 characters without I, L, O or U', () => {
  assert.equal(receptionNumber(new Date('2026-11-25T15:30:00Z'), '7KQ2M9XD'), 'R20261126-7KQ2M9XD', 'the date is Japan’s');
  const many = new Set(Array.from({ length: 2000 }, () => randomBase32()));
  assert.ok(many.size > 1990, 'random');
  for (const text of many) assert.match(text, /^[0-9A-HJKMNP-TV-Z]{8}$/);
  assert.equal(randomBase32(4, Buffer.from([0, 31, 32, 255])), '0Z0Z');
});

it('the new term ends a year later; 29 February ends on 28 February', () => {
  assert.equal(oneYearLater('2026-12-27'), '2027-12-27');
  assert.equal(oneYearLater('2028-02-29'), '2029-02-28');
  assert.equal(oneYearLater('2027-02-28'), '2028-02-28');
});
