import type { ApplicationFilter } from '../../policies/processing/renewal-applications.js';

// The 継続申込 list's filters from the query string: 申込日 from/to (Japan dates), 代理店, 取込状態. Pure.

export type AckState = '' | 'pending' | 'acknowledged';

export interface ListQuery {
  from: string;
  to: string;
  agency: string;
  state: AckState;
}

export type FilterProblems = Partial<Record<'from' | 'to' | 'agency' | 'state', string>>;

const isDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

/** Midnight in Japan (UTC+9, no summer time) of a date, as the UTC instant stored times compare with. */
const japanMidnight = (date: string, plusDays = 0): string => new Date(Date.parse(`${date}T00:00:00+09:00`) + plusDays * 86_400_000).toISOString();

export function parseListQuery(query: ListQuery, agencyCodes: string[]): { ok: true; filter: Omit<ApplicationFilter, 'offset' | 'limit'> } | { ok: false; problems: FilterProblems } {
  const problems: FilterProblems = {};
  if (query.from && !isDate(query.from)) problems.from = '申込日（から）は YYYY-MM-DD の日付で入力してください。';
  if (query.to && !isDate(query.to)) problems.to = '申込日（まで）は YYYY-MM-DD の日付で入力してください。';
  if (!problems.from && !problems.to && query.from && query.to && query.from > query.to) problems.to = '申込日（まで）は、申込日（から）と同じか後の日付にしてください。';
  if (query.agency && !agencyCodes.includes(query.agency)) problems.agency = '代理店は一覧から選んでください。';
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    filter: {
      createdFrom: query.from ? japanMidnight(query.from) : null,
      createdBefore: query.to ? japanMidnight(query.to, 1) : null,
      agencyCode: query.agency || null,
      acknowledged: query.state === '' ? null : query.state === 'acknowledged',
    },
  };
}
