import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeskOpen, isPublicHoliday, isWorkingDay } from './business-calendar.js';

const jst = (text: string) => new Date(`${text}+09:00`);

describe('the desk calendar', () => {
  it('knows Japanese public holidays from the holiday data, substitute days included', () => {
    assert.equal(isPublicHoliday('2026-11-23'), true); // 勤労感謝の日
    assert.equal(isPublicHoliday('2026-05-06'), true); // 振替休日
    assert.equal(isPublicHoliday('2026-11-24'), false);
  });

  it('is open on working days within hours only', () => {
    assert.equal(isDeskOpen(jst('2026-11-25T09:00:00'), '09:00', '17:30'), true);
    assert.equal(isDeskOpen(jst('2026-11-25T17:30:00'), '09:00', '17:30'), false);
    assert.equal(isDeskOpen(jst('2026-11-25T08:59:00'), '09:00', '17:30'), false);
  });

  it('is closed on weekends, holidays and 12/29–1/3', () => {
    assert.equal(isWorkingDay(jst('2026-11-28T10:00:00')), false); // Saturday
    assert.equal(isWorkingDay(jst('2026-11-23T10:00:00')), false); // holiday
    assert.equal(isWorkingDay(jst('2026-12-29T10:00:00')), false);
    assert.equal(isWorkingDay(jst('2027-01-04T10:00:00')), true);
    assert.equal(isWorkingDay(jst('2026-12-28T10:00:00')), true);
  });

  it('uses Japan time, not the server zone', () => {
    // 2026-11-27 (Fri) 23:30 UTC is Saturday 08:30 in Japan.
    assert.equal(isWorkingDay(new Date('2026-11-27T23:30:00Z')), false);
  });
});
