import { formatDateJa } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { findAgency, listAgencies, listNews, type AgencyRow } from './repository.js';

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

export async function topPageAgencies(db: Db): Promise<AgencyRow[]> {
  return listAgencies(db);
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
