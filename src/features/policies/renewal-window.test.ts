import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isInRenewalWindow, renewalPhase, renewalWindow } from './renewal-window.js';

describe('renewalWindow', () => {
  it('opens on the same day two months before 満期日 and closes the day before', () => {
    assert.deepEqual(renewalWindow('2026-12-27'), { opensOn: '2026-10-27', closesOn: '2026-12-26' });
  });

  it('crosses the year backwards', () => {
    assert.deepEqual(renewalWindow('2027-01-15'), { opensOn: '2026-11-15', closesOn: '2027-01-14' });
    assert.deepEqual(renewalWindow('2027-02-01'), { opensOn: '2026-12-01', closesOn: '2027-01-31' });
    assert.deepEqual(renewalWindow('2027-01-01'), { opensOn: '2026-11-01', closesOn: '2026-12-31' });
  });

  it('clamps to the end of a shorter month', () => {
    assert.equal(renewalWindow('2026-04-30').opensOn, '2026-02-28');
    assert.equal(renewalWindow('2024-04-30').opensOn, '2024-02-29');
    assert.equal(renewalWindow('2026-04-29').opensOn, '2026-02-28');
    assert.equal(renewalWindow('2026-12-31').opensOn, '2026-10-31');
    assert.equal(renewalWindow('2026-08-31').opensOn, '2026-06-30');
    assert.equal(renewalWindow('2026-03-31').opensOn, '2026-01-31');
  });

  it('closes on the last day of February, leap years included', () => {
    assert.equal(renewalWindow('2026-03-01').closesOn, '2026-02-28');
    assert.equal(renewalWindow('2028-03-01').closesOn, '2028-02-29');
  });

  it('refuses what is not a date', () => {
    assert.throws(() => renewalWindow('2026/12/27'));
  });
});

describe('isInRenewalWindow at the boundaries', () => {
  const end = '2026-12-27';
  const cases: Array<[string, boolean]> = [
    ['2026-10-26', false],
    ['2026-10-27', true],
    ['2026-11-25', true],
    ['2026-12-26', true],
    ['2026-12-27', false],
    ['2027-01-10', false],
  ];
  for (const [today, expected] of cases) {
    it(`${today} → ${expected}`, () => assert.equal(isInRenewalWindow(end, today), expected));
  }

  it('names the phase', () => {
    assert.equal(renewalPhase(end, '2026-10-26'), 'before');
    assert.equal(renewalPhase(end, '2026-10-27'), 'open');
    assert.equal(renewalPhase(end, '2026-12-26'), 'open');
    assert.equal(renewalPhase(end, '2026-12-27'), 'after');
  });
});

describe('renewalWindow for every date', () => {
  const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('opens 59–62 days before 満期日 and always closes the day before it', () => {
    fc.assert(
      fc.property(date, (end) => {
        const { opensOn, closesOn } = renewalWindow(end);
        const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
        assert.equal(days(closesOn, end), 1);
        assert.ok(days(opensOn, end) >= 59 && days(opensOn, end) <= 62, `${end}: ${opensOn}`);
        assert.ok(isInRenewalWindow(end, opensOn) && isInRenewalWindow(end, closesOn) && !isInRenewalWindow(end, end));
        const dayBeforeOpening = new Date(Date.parse(opensOn) - 86_400_000).toISOString().slice(0, 10);
        assert.equal(isInRenewalWindow(end, dayBeforeOpening), false);
      }),
    );
  });
});
