/** The time source; tests pass their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface JapanParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const JST_OFFSET_MS = 9 * 3_600_000; // Japan has no daylight saving time.

export function japanParts(at: Date): JapanParts {
  const d = new Date(at.getTime() + JST_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-25`, the calendar date in Japan. */
export function japanDate(at: Date): string {
  const p = japanParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 2026年11月25日 from `2026-11-25`. */
export function formatDateJa(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2026年11月25日 18時30分 (Japan time). */
export function formatDateTimeJa(at: Date): string {
  const p = japanParts(at);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}時${pad(p.minute)}分`;
}
