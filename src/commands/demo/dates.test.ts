import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, addMonths, demoEndDate, moveTerm } from './dates.js';

describe('demo dates', () => {
  it('adds days and months, clamping to the end of a shorter month', () => {
    assert.equal(addDays('2026-12-27', 5), '2027-01-01');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2026-12-27', -12), '2025-12-27');
    assert.equal(addMonths('2026-11-25', 3), '2027-02-25');
  });

  it('moves a term to a new end, keeping a year a year', () => {
    assert.deepEqual(moveTerm({ start_date: '2025-12-27', end_date: '2026-12-27' }, '2026-12-25'), { start_date: '2025-12-25', end_date: '2026-12-25' });
    assert.deepEqual(moveTerm({ start_date: '2025-03-01', end_date: '2026-03-01' }, '2028-02-29'), { start_date: '2027-02-28', end_date: '2028-02-29' });
    // Not day-to-day: the same number of days.
    assert.deepEqual(moveTerm({ start_date: '2026-01-01', end_date: '2026-01-31' }, '2026-03-10'), { start_date: '2026-02-08', end_date: '2026-03-10' });
  });

  it('keeps the number of days of any term that is not day-to-day', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 800 }), day, (start, length, end) => {
        const term = { start_date: start, end_date: addDays(start, length) };
        fc.pre(start.slice(8) !== term.end_date.slice(8));
        const moved = moveTerm(term, end);
        return addDays(moved.start_date, length) === end;
      }),
    );
  });

  it('puts the demo policies 1 month, 3 months, 5 weeks, 6 weeks and 60 days from today, then again', () => {
    const today = '2026-11-25';
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => demoEndDate(i, today)), ['2026-12-25', '2027-02-25', '2026-12-30', '2027-01-06', '2027-01-24', '2026-12-25']);
  });
});
