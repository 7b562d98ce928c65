import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, daysBetween, dueOffset, offsetRanges } from './offsets.js';

describe('満期案内 offsets', () => {
  it('gives each offset the days down to the next one', () => {
    assert.deepEqual(offsetRanges([7, 60, 30]), [
      { offsetDays: 60, fromDays: 60, toDays: 31 },
      { offsetDays: 30, fromDays: 30, toDays: 8 },
      { offsetDays: 7, fromDays: 7, toDays: 1 },
    ]);
    assert.deepEqual(offsetRanges([]), []);
  });

  it('is due on its day, late until the next offset is due, never from 満期日 on', () => {
    const offsets = [60, 30, 7];
    const cases: Array<[number, number | null]> = [[61, null], [60, 60], [45, 60], [31, 60], [30, 30], [25, 30], [8, 30], [7, 7], [6, 7], [1, 7], [0, null], [-3, null]];
    for (const [daysLeft, expected] of cases) assert.equal(dueOffset(offsets, daysLeft), expected, `${daysLeft} days left`);
    assert.equal(dueOffset([], 30), null);
  });

  it('counts calendar days across months and leap days', () => {
    assert.equal(addDays('2026-12-01', 60), '2027-01-30');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(daysBetween('2026-12-01', '2027-01-30'), 60);
    assert.equal(daysBetween('2027-01-30', '2026-12-01'), -60);
  });
});
