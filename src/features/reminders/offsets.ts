// Which 満期案内 is due for a policy, by the days left until 満期日 (Japan dates).
//
// Each offset d of RENEWAL_REMINDER_DAYS (e.g. 60, 30, 7) covers the days left from d down to
// just above the next smaller offset (the smallest: down to 1, the day before 満期日). A reminder
// is due while its range lasts: on its day, or late (the service was down, the policy came in,
// the holder registered) until the next offset's day. From then on it is never sent: it is
// skipped, not recorded, because the next one says the same and more urgently.
//   60,30,7 → 60: 31–60 days left, 30: 8–30, 7: 1–7.

/** The days-left range of one offset: `fromDays` (the offset) down to `toDays`, both included. */
export interface OffsetRange {
  offsetDays: number;
  fromDays: number;
  toDays: number;
}

/** The ranges of the offsets (largest first, as config gives them). */
export function offsetRanges(offsets: readonly number[]): OffsetRange[] {
  const sorted = [...offsets].sort((a, b) => b - a);
  return sorted.map((d, i) => ({ offsetDays: d, fromDays: d, toDays: (sorted[i + 1] ?? 0) + 1 }));
}

/** The offset due with `daysLeft` days until 満期日, or null (too early, or 満期日 reached). */
export function dueOffset(offsets: readonly number[], daysLeft: number): number | null {
  return offsetRanges(offsets).find((r) => daysLeft <= r.fromDays && daysLeft >= r.toDays)?.offsetDays ?? null;
}

const parts = (date: string): [number, number, number] => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};

/** `YYYY-MM-DD` plus whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from one `YYYY-MM-DD` to another. */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [parts(from), parts(to)];
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86_400_000);
}
