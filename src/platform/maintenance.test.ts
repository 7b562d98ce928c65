import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeMaintenance, describeWindowsJa, parseMaintenanceWindows } from './maintenance.js';
import { parseDuration } from './duration.js';

describe('maintenance windows', () => {
  const windows = parseMaintenanceWindows('Mon 02:00-04:00');

  it('is active on Monday 2:00–4:00 Japan time and says when service resumes', () => {
    const mondayThreeJst = new Date('2026-11-30T03:00:00+09:00');
    const active = activeMaintenance(windows, mondayThreeJst);
    assert.equal(active?.resumesAt.toISOString(), new Date('2026-11-30T04:00:00+09:00').toISOString());
  });

  it('is not active just before or at the end, nor on other days', () => {
    assert.equal(activeMaintenance(windows, new Date('2026-11-30T01:59:59+09:00')), null);
    assert.equal(activeMaintenance(windows, new Date('2026-11-30T04:00:00+09:00')), null);
    assert.equal(activeMaintenance(windows, new Date('2026-12-01T03:00:00+09:00')), null);
  });

  it('reads every-day windows, lists, and none', () => {
    assert.deepEqual(parseMaintenanceWindows('none'), []);
    const daily = parseMaintenanceWindows('* 23:00-23:30, Sun 01:00-02:00');
    assert.equal(daily.length, 2);
    assert.ok(activeMaintenance(daily, new Date('2026-11-25T23:10:00+09:00')));
    assert.equal(describeWindowsJa(windows), '毎週月曜日 2:00～4:00');
  });

  it('refuses what it cannot read, naming the part', () => {
    assert.throws(() => parseMaintenanceWindows('Monday 2-4'), /Monday 2-4/);
    assert.throws(() => parseMaintenanceWindows('Mon 04:00-02:00'), /Mon 04:00-02:00/);
  });
});

describe('durations', () => {
  it('reads 48h, 90m, 2s and refuses the rest', () => {
    assert.equal(parseDuration('48h'), 48 * 3_600_000);
    assert.equal(parseDuration('90m'), 90 * 60_000);
    assert.equal(parseDuration('2s'), 2000);
    assert.equal(parseDuration('0s'), null);
    assert.equal(parseDuration('2 days'), null);
  });
});

describe('windows that touch', () => {
  it('resume at the end of the last touching window, not at midnight', () => {
    const windows = parseMaintenanceWindows('Sun 23:00-24:00, Mon 00:00-04:00');
    const active = activeMaintenance(windows, new Date('2026-11-29T23:30:00+09:00'));
    assert.equal(active?.resumesAt.toISOString(), new Date('2026-11-30T04:00:00+09:00').toISOString());
  });

  it('an always-on window resumes a week later at most', () => {
    const now = new Date('2026-11-25T10:00:00+09:00');
    const active = activeMaintenance(parseMaintenanceWindows('* 00:00-24:00'), now);
    assert.ok(active && active.resumesAt.getTime() - now.getTime() <= 8 * 86_400_000);
  });
});
