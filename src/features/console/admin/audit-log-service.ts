import { recordAudit } from '../../../platform/auth/audit.js';
import { japanParts } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { auditKindLabel } from '../audit-labels.js';
import { csvDocument } from '../../../platform/csv.js';
import { auditKindsInUse, findAuditEvents, type AuditFilter, type AuditRow } from './repository.js';
import type { AdminActor } from './staff-admin-service.js';
import './audit-kinds.js';

export const AUDIT_PAGE_SIZE = 50;
/** A CSV holds at most this many events; narrow the filter for more. */
export const AUDIT_CSV_LIMIT = 50_000;

/** The filter as typed in the form (query string); every field optional. */
export interface AuditQuery {
  staff: string;
  customer: string;
  kind: string;
  from: string;
  to: string;
  page: string;
}

export type AuditQueryProblem = 'customer' | 'kind' | 'from' | 'to' | 'range' | 'page';

const JAPAN_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a Japan calendar day starts (YYYY-MM-DD), or null when it is not a real date. */
export function japanDayStart(day: string): Date | null {
  const m = JAPAN_DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  if (y < 2000 || y > 2999 || utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) return null;
  return new Date(utc.getTime() - 9 * 3_600_000);
}

const DAY_MS = 86_400_000;
const SAFE_ID = /^[A-Za-z0-9._@-]{1,100}$/;
const KIND = /^[a-z_]{1,60}$/;

/** Reads the filter: codes for the fields that cannot be used (the page answers 400 and says which). */
export function parseAuditQuery(query: AuditQuery): { ok: true; filter: AuditFilter; page: number } | { ok: false; problems: AuditQueryProblem[] } {
  const problems: AuditQueryProblem[] = [];
  const staff = query.staff.trim();
  const customer = query.customer.trim();
  const kind = query.kind.trim();
  if (customer !== '' && !SAFE_ID.test(customer)) problems.push('customer');
  if (kind !== '' && !KIND.test(kind)) problems.push('kind');
  const from = query.from.trim() === '' ? null : japanDayStart(query.from.trim());
  const to = query.to.trim() === '' ? null : japanDayStart(query.to.trim());
  if (query.from.trim() !== '' && !from) problems.push('from');
  if (query.to.trim() !== '' && !to) problems.push('to');
  if (from && to && from > to) problems.push('range');
  const pageText = query.page.trim() === '' ? '1' : query.page.trim();
  if (!/^[1-9][0-9]{0,5}$/.test(pageText)) problems.push('page');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    page: Number(pageText),
    filter: {
      // An unknown staff id simply matches nothing (the select only offers existing ones).
      staffId: staff === '' ? null : staff.slice(0, 100),
      customerId: customer === '' ? null : customer,
      kind: kind === '' ? null : kind,
      from: from ? from.toISOString() : null,
      until: to ? new Date(to.getTime() + DAY_MS).toISOString() : null,
    },
  };
}

/** An audit event as the log shows it, every column a string (the page and the CSV alike). */
export interface AuditLine {
  at: string;
  kind: string;
  kindLabel: string;
  actor: string;
  target: string;
  /** The customer's console page, when the event concerns a customer. */
  customerHref: string | null;
  ip: string;
  detail: string;
}

// Keys whose values are a person's data: shown as （省略） (the subject's own page has them).
const PERSONAL = /(name|kana|email|mail|user_?id|address|phone|tel|birth|postal|holder|to$|keyword|password|token|secret)/i;
const DETAIL_MAX = 300;

function detailValue(key: string, value: unknown): string {
  if (PERSONAL.test(key) && key !== 'reason' && value !== null && value !== undefined && value !== '') return '（省略）';
  if (value === null || value === undefined) return '-';
  if (typeof value === 'object' && !Array.isArray(value)) {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${detailValue(k, v)}`)
      .join(', ')}}`;
  }
  return Array.isArray(value) ? value.map((v) => detailValue(key, v)).join(';') : String(value);
}

/** 理由/詳細: the reason (as typed) first, then the other fields, personal data left out, cut at 300 characters. */
export function detailText(json: string): string {
  let detail: unknown;
  try {
    detail = JSON.parse(json);
  } catch {
    return '';
  }
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return '';
  const { reason, ...rest } = detail as Record<string, unknown>;
  const parts = [
    ...(typeof reason === 'string' && reason !== '' ? [reason] : []),
    ...Object.entries(rest).map(([k, v]) => `${k}: ${detailValue(k, v)}`),
  ];
  const text = parts.join(' / ');
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX)}…` : text;
}

function actorText(row: AuditRow): string {
  switch (row.actor_kind) {
    case 'staff':
      return row.actor_login ? `${row.actor_login}（${row.actor_name ?? ''}）` : `職員 ${row.actor_id ?? ''}`;
    case 'customer':
      return 'お客さま';
    case 'system':
      return 'システム';
    case 'api_client':
      return `連携システム ${row.actor_id ?? ''}`;
    case null:
      return '訪問者';
    default:
      return row.actor_kind;
  }
}

function targetText(row: AuditRow): string {
  const parts: string[] = [];
  if (row.customer_id) parts.push(`お客さま ${row.customer_id}`);
  if (row.subject_kind === 'staff') parts.push(`職員 ${row.subject_login ?? row.subject_id ?? ''}`);
  else if (row.subject_kind) parts.push(`${row.subject_kind} ${row.subject_id ?? ''}`);
  return parts.join(' / ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-25 10:00:05, Japan time (sorts as text, and Excel reads it as a date and time). */
export function japanTimestamp(at: Date): string {
  const p = japanParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

export function auditLine(row: AuditRow): AuditLine {
  return {
    at: japanTimestamp(new Date(row.at)),
    kind: row.kind,
    kindLabel: auditKindLabel(row.kind),
    actor: actorText(row),
    target: targetText(row),
    customerHref: row.customer_id ? `/console/customers/${encodeURIComponent(row.customer_id)}` : null,
    ip: row.ip ?? '',
    detail: detailText(row.detail),
  };
}

const filterDetail = (filter: AuditFilter) => ({ filter: { staff_id: filter.staffId, customer_id: filter.customerId, kind: filter.kind, from: filter.from, until: filter.until } });

export interface AuditPage {
  lines: AuditLine[];
  page: number;
  hasNext: boolean;
  kinds: string[];
}

/** One page of the log (50 events), newest first; the viewing itself is recorded after the page is read. */
export async function auditLogPage(db: Db, by: AdminActor, at: Date, filter: AuditFilter, page: number): Promise<AuditPage> {
  const rows = await findAuditEvents(db, filter, AUDIT_PAGE_SIZE + 1, (page - 1) * AUDIT_PAGE_SIZE);
  const kinds = await auditKindsInUse(db);
  await recordAudit(db, at, { kind: 'audit_log_viewed', actor: { kind: 'staff', id: by.staffId }, ip: by.ip, detail: { ...filterDetail(filter), page } });
  return { lines: rows.slice(0, AUDIT_PAGE_SIZE).map(auditLine), page, hasNext: rows.length > AUDIT_PAGE_SIZE, kinds };
}

export const AUDIT_CSV_HEADER = ['日時', '種別', '操作者', '対象', 'IP', '理由/詳細'] as const;

/** The CSV of every event the filter matches (the page's columns), and its audit event. */
export async function auditLogCsv(db: Db, by: AdminActor, at: Date, filter: AuditFilter): Promise<string> {
  const rows = await findAuditEvents(db, filter, AUDIT_CSV_LIMIT, 0);
  await recordAudit(db, at, { kind: 'audit_log_exported', actor: { kind: 'staff', id: by.staffId }, ip: by.ip, detail: { ...filterDetail(filter), rows: rows.length } });
  return csvDocument(
    AUDIT_CSV_HEADER,
    rows.map(auditLine).map((l) => [l.at, l.kindLabel, l.actor, l.target, l.ip, l.detail]),
  );
}
