// 満期管理's rules without I/O: the months it can show, the status of a policy's term and the
// query string. Statuses are codes; the views and the CSV name them in Japanese.

/** In the order the page counts them. 解約 (policies.status cancelled) is shown, not left out. */
export const EXPIRY_STATUSES = ['unregistered', 'not_started', 'in_progress', 'applied', 'lapsed', 'cancelled'] as const;
export type ExpiryStatus = (typeof EXPIRY_STATUSES)[number];

export const EXPIRY_STATUS_LABELS: Record<ExpiryStatus, string> = {
  unregistered: '未登録',
  not_started: '未手続',
  in_progress: '手続中',
  applied: '申込済',
  lapsed: '満期経過',
  cancelled: '解約',
};

const isStatus = (value: string): value is ExpiryStatus => (EXPIRY_STATUSES as readonly string[]).includes(value);

/** 満期日 from (included) to (excluded), both `YYYY-MM-DD`. */
export interface EndDateRange {
  from: string;
  until: string;
}

/** A chosen month (`YYYY-MM`), or null: this month and the next (the default). */
export type MonthChoice = string | null;

const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (year: number, month: number): string => {
  const index = year * 12 + (month - 1);
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
};
const firstDay = (month: string): string => `${month}-01`;
const plusMonths = (month: string, n: number): string => monthOf(Number(month.slice(0, 4)), Number(month.slice(5, 7)) + n);

export function rangeOf(choice: MonthChoice, today: string): EndDateRange {
  const start = choice ?? today.slice(0, 7);
  return { from: firstDay(start), until: firstDay(plusMonths(start, choice ? 1 : 2)) };
}

/** The months offered: six back and twelve ahead of today's. */
export function monthOptions(today: string): string[] {
  const current = today.slice(0, 7);
  return Array.from({ length: 19 }, (_, i) => plusMonths(current, i - 6));
}

/** 2026年12月 from `2026-12`. */
export const monthLabel = (month: string): string => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/** 2026年11月・2026年12月 for the default, 2026年12月 for a chosen month. */
export const rangeLabel = (choice: MonthChoice, range: EndDateRange): string =>
  choice ? monthLabel(choice) : `${monthLabel(range.from.slice(0, 7))}・${monthLabel(plusMonths(range.from.slice(0, 7), 1))}`;

export type ExpiryQueryProblem = 'month' | 'status';

export interface ExpiryQuery {
  month: MonthChoice;
  status: ExpiryStatus | null;
  /** The agency code asked for (desk and admin choose one; an agency account may only name its own). */
  agency: string;
}

const MONTH = /^(20\d\d)-(0[1-9]|1[0-2])$/;

/** The page's query: an unknown month or status is a problem shown next to its field, never an error. */
export function parseExpiryQuery(values: { month: string; status: string; agency: string }): { ok: true; query: ExpiryQuery } | { ok: false; problems: ExpiryQueryProblem[]; query: ExpiryQuery } {
  const problems: ExpiryQueryProblem[] = [];
  if (values.month !== '' && !MONTH.test(values.month)) problems.push('month');
  if (values.status !== '' && !isStatus(values.status)) problems.push('status');
  const query: ExpiryQuery = {
    month: MONTH.test(values.month) ? values.month : null,
    status: isStatus(values.status) ? values.status : null,
    agency: values.agency.slice(0, 64),
  };
  return problems.length ? { ok: false, problems, query } : { ok: true, query };
}

/** The query string of a view of the page (the CSV link and the counts' links keep it). */
export function expiryQueryString(q: { month: MonthChoice; status: ExpiryStatus | null; agency: string | null }): string {
  const params = new URLSearchParams();
  if (q.agency) params.set('agency', q.agency);
  if (q.month) params.set('month', q.month);
  if (q.status) params.set('status', q.status);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The CSV's file name: agency code and month (or the two months of the default), e.g. 満期管理_D0001_2026-12.csv. */
export function expiryCsvName(agencyCode: string, range: EndDateRange, choice: MonthChoice): string {
  const months = choice ?? `${range.from.slice(0, 7)}_${plusMonths(range.from.slice(0, 7), 1)}`;
  return `満期管理_${agencyCode}_${months}.csv`;
}
