import type { Clock } from '../../src/platform/clock.js';

/**
 * Real time, moved on by what a test advances (e.g. past a 再登録 hold): unlike ManualClock the
 * other tests of a suite keep the order of real time (rows written one after another sort so).
 */
export class ShiftedClock implements Clock {
  private shiftMs = 0;

  now(): Date {
    return new Date(Date.now() + this.shiftMs);
  }

  advance(ms: number): void {
    this.shiftMs += ms;
  }
}
