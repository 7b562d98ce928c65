// Calendar arithmetic on `YYYY-MM-DD` dates, so the demo's policies sit where they should relative to today.

const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
};
const format = (at: Date): string => at.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Whole months later (or earlier); a day the month lacks becomes its last day (01-31 + 1 month = 02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

const daysBetween = (from: string, to: string): number => {
  const [a, b] = [parts(from), parts(to)];
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86_400_000);
};

export interface Term {
  start_date: string;
  end_date: string;
}

/** The same term ending on `end`: whole months when the term runs day-to-day (1 year stays 1 year), else the same number of days. */
export function moveTerm(term: Term, end: string): Term {
  const [sy, sm, sd] = parts(term.start_date);
  const [ey, em, ed] = parts(term.end_date);
  if (sd === ed) return { start_date: addMonths(end, -((ey - sy) * 12 + (em - sm))), end_date: end };
  return { start_date: addDays(end, -daysBetween(term.start_date, term.end_date)), end_date: end };
}

export type Offset = { months: number } | { days: number };

/**
 * Where the demo's policies end, by their order in demo/policies.csv (then again from the first):
 * 1 month and 5 and 6 weeks from today are inside the renewal window (two months before 満期日),
 * 3 months is not yet; the 5th ends exactly 60 days from today, the day of the first 満期案内
 * (RENEWAL_REMINDER_DAYS' default 60), and its holder is the demo's registered customer.
 */
export const DEMO_END_OFFSETS: readonly Offset[] = [{ months: 1 }, { months: 3 }, { days: 35 }, { days: 42 }, { days: 60 }];

/**
 * Where demo/expiry-examples.csv's policies end, so that 満期管理 shows more than 未登録 and 未手続:
 * 10 days ago (満期経過), in 20 days (a cancelled policy: 解約), in 50 days (the other agency's).
 */
export const DEMO_EXAMPLE_OFFSETS: readonly Offset[] = [{ days: -10 }, { days: 20 }, { days: 50 }];

export function demoEndDate(index: number, today: string, offsets: readonly Offset[] = DEMO_END_OFFSETS): string {
  const offset = offsets[index % offsets.length] ?? { months: 1 };
  return 'months' in offset ? addMonths(today, offset.months) : addDays(today, offset.days);
}
