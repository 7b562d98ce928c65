import { formatDateJa } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { foldForSearch } from '../../platform/text.js';
import { countMatchingAgencies, findAgencies, findAgency, listAgencies, listNews, type AgencyRow } from './repository.js';

const NEWS_SHOWN = 20;
const MAX_CODE_LENGTH = 64;

export interface NewsItem {
  id: string;
  /** `YYYY-MM-DD` for `<time datetime>`, or null when the stored value is not a date. */
  isoDate: string | null;
  /** 2026年11月25日 */
  dateText: string;
  title: string;
  paragraphs: string[];
}

export interface AgencyPageData {
  agency: AgencyRow;
  news: NewsItem[];
}

/** With this many agencies or fewer the top page lists them all; with more it offers the finder (decision 0025). */
export const DIRECT_LIST_MAX = 20;
/** Agencies on one page of the finder's results. */
export const FINDER_PAGE_SIZE = 20;
/** The longest search text read (longer is refused, not cut). */
export const FINDER_QUERY_MAX_LENGTH = 50;
const FINDER_MAX_PAGE = 500;

export type FinderProblem = 'empty' | 'too_long' | 'bad_page';

/** What the top page shows of the agencies. */
export type TopPageAgencies =
  | { kind: 'list'; agencies: AgencyRow[] }
  | { kind: 'finder' }
  | { kind: 'problem'; q: string; problem: FinderProblem }
  | { kind: 'results'; q: string; total: number; page: number; pageCount: number; first: number; agencies: AgencyRow[] };

const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

/** The finder's query string: no q is the top page itself, a q a search (or a problem, never an error). */
export function parseFinder(query: Record<string, unknown>): { q: string; page: number } | { q: string; problem: FinderProblem } | null {
  const raw = one(query.q);
  if (raw === undefined) return null;
  const q = raw.replace(/\p{Cc}/gu, '');
  if ([...q].length > FINDER_QUERY_MAX_LENGTH) return { q: '', problem: 'too_long' };
  if (foldForSearch(q) === '') return { q, problem: 'empty' };
  const rawPage = one(query.page) ?? '1';
  const page = /^[1-9]\d{0,3}$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!(page <= FINDER_MAX_PAGE)) return { q, problem: 'bad_page' };
  return { q, page };
}

export async function topPageAgencies(db: Db, query: Record<string, unknown>): Promise<TopPageAgencies> {
  const search = parseFinder(query);
  if (search === null) {
    const agencies = await listAgencies(db, DIRECT_LIST_MAX + 1);
    return agencies.length <= DIRECT_LIST_MAX ? { kind: 'list', agencies } : { kind: 'finder' };
  }
  if ('problem' in search) return { kind: 'problem', ...search };
  const total = await countMatchingAgencies(db, search.q);
  const pageCount = Math.max(1, Math.ceil(total / FINDER_PAGE_SIZE));
  const page = Math.min(search.page, pageCount);
  const first = (page - 1) * FINDER_PAGE_SIZE;
  const agencies = total === 0 ? [] : await findAgencies(db, search.q, first, FINDER_PAGE_SIZE);
  return { kind: 'results', q: search.q, total, page, pageCount, first: first + 1, agencies };
}

/**
 * A code worth looking up: short and free of control characters (PostgreSQL refuses NUL in text).
 * Anything else cannot be an agency, so it is simply not found.
 */
export function plausibleAgencyCode(code: string): boolean {
  return code.length > 0 && code.length <= MAX_CODE_LENGTH && !/[\p{Cc}]/u.test(code);
}

export async function agencyPage(db: Db, code: string): Promise<AgencyPageData | null> {
  if (!plausibleAgencyCode(code)) return null;
  const agency = await findAgency(db, code);
  if (!agency) return null;
  const rows = await listNews(db, agency.code, NEWS_SHOWN);
  return { agency, news: rows.map(toNewsItem) };
}

function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

export function toNewsItem(row: { id: string; published_on: string; title: string; body: string }): NewsItem {
  const isoDate = isIsoDate(row.published_on) ? row.published_on : null;
  return {
    id: row.id,
    isoDate,
    dateText: isoDate ? formatDateJa(isoDate) : row.published_on,
    title: row.title,
    paragraphs: row.body
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
  };
}
