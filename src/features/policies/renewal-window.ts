// 継続手続の受付期間: from two months before 満期日 (same day of month, or the month's last
// day when that month is shorter) until the day before 満期日. Dates are `YYYY-MM-DD`, Japan.

export interface RenewalWindow {
  opensOn: string;
  closesOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

function parts(isoDate: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${isoDate}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days in a month (1–12) of a year. */
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function renewalWindow(endDate: string): RenewalWindow {
  const [y, m, d] = parts(endDate);
  const monthIndex = y * 12 + (m - 1) - 2;
  const openYear = Math.floor(monthIndex / 12);
  const openMonth = (monthIndex % 12) + 1;
  const opensOn = iso(openYear, openMonth, Math.min(d, daysIn(openYear, openMonth)));
  const dayBefore = new Date(Date.UTC(y, m - 1, d - 1));
  const closesOn = iso(dayBefore.getUTCFullYear(), dayBefore.getUTCMonth() + 1, dayBefore.getUTCDate());
  return { opensOn, closesOn };
}

/** Whether `today` (Japan date) lies in the renewal window of a policy ending on `endDate`. */
export function isInRenewalWindow(endDate: string, today: string): boolean {
  const { opensOn, closesOn } = renewalWindow(endDate);
  return opensOn <= today && today <= closesOn;
}

/** Where `today` stands against the window: before it opens, inside, or from 満期日 on. */
export type RenewalPhase = 'before' | 'open' | 'after';

export function renewalPhase(endDate: string, today: string): RenewalPhase {
  const { opensOn, closesOn } = renewalWindow(endDate);
  if (today < opensOn) return 'before';
  return today <= closesOn ? 'open' : 'after';
}
