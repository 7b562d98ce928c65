import { recordAudit } from '../../../platform/auth/audit.js';
import { japanDate } from '../../../platform/clock.js';
import { EXPIRY_STATUSES, rangeOf, type EndDateRange, type ExpiryQuery, type ExpiryStatus, type MonthChoice } from './expiry.js';
import type { AgencyChoice } from './agency-choice.js';
import type { AgencyDeps, StaffAct } from './deps.js';
import * as repo from './expiry-repository.js';
import './audit-kinds.js';

// 満期管理: whose policies (an agency account's own agency; desk and admin choose one), the terms
// of the chosen months with their status and reminders, and the audit of every view and CSV.

/** The most rows the page lists (the counts and the CSV have them all). */
export const LIST_LIMIT = 500;

export interface ExpiryTerm extends repo.ExpiryRow {
  reminders: repo.ReminderSent[];
}

/** 60日前（2026年10月28日） for each 満期案内 sent; the CSV writes its dates as YYYY-MM-DD. */
export const remindersText = (term: ExpiryTerm, date: (iso: string) => string): string =>
  term.reminders.map((r) => `${r.offset_days}日前（${date(r.sent_at)}）`).join('、');

export interface ExpiryView {
  agency: { code: string; name: string };
  /** The agencies to choose from (desk and admin); null for an agency account. */
  agencies: Array<{ code: string; name: string }> | null;
  month: MonthChoice;
  status: ExpiryStatus | null;
  range: EndDateRange;
  today: string;
  counts: Record<ExpiryStatus, number>;
  total: number;
  terms: ExpiryTerm[];
}

const whereOf = (deps: AgencyDeps, agencyCode: string, month: MonthChoice): repo.ExpiryWhere => {
  const now = deps.clock.now();
  const today = japanDate(now);
  return { agencyCode, range: rangeOf(month, today), today, nowIso: now.toISOString() };
};

function withReminders(rows: repo.ExpiryRow[], reminders: repo.ReminderSent[]): ExpiryTerm[] {
  const byPolicy = new Map<string, repo.ReminderSent[]>();
  for (const r of reminders) byPolicy.set(r.policy_number, [...(byPolicy.get(r.policy_number) ?? []), r]);
  return rows.map((row) => ({ ...row, reminders: byPolicy.get(row.policy_number) ?? [] }));
}

async function load(deps: AgencyDeps, agencyCode: string, query: ExpiryQuery, limit: number | null) {
  const where = whereOf(deps, agencyCode, query.month);
  const rows = await repo.listTerms(deps.db, where, query.status, limit);
  const reminders = rows.length ? await repo.remindersOfTerms(deps.db, where) : [];
  return { where, terms: withReminders(rows, reminders) };
}

export async function expiryView(deps: AgencyDeps, staff: StaffAct, choice: Extract<AgencyChoice, { kind: 'ok' }>, query: ExpiryQuery): Promise<ExpiryView> {
  const { where, terms } = await load(deps, choice.agency.code, query, LIST_LIMIT);
  const counted = await repo.countTerms(deps.db, where);
  const counts = Object.fromEntries(EXPIRY_STATUSES.map((s) => [s, counted.get(s) ?? 0])) as Record<ExpiryStatus, number>;
  await recordAudit(deps.db, deps.clock.now(), {
    kind: 'console_expiries_viewed',
    actor: staff.actor,
    subject: { kind: 'agency', id: choice.agency.code },
    ip: staff.ip,
    detail: { from: where.range.from, until: where.range.until, status: query.status, shown: terms.length },
  });
  return { agency: choice.agency, agencies: choice.agencies, month: query.month, status: query.status, range: where.range, today: where.today, counts, total: [...counted.values()].reduce((a, b) => a + b, 0), terms };
}

/** Every term of the view (no limit), for the CSV; the export is audited with its row count. */
export async function expiryExport(deps: AgencyDeps, staff: StaffAct, agencyCode: string, query: ExpiryQuery): Promise<{ terms: ExpiryTerm[]; range: EndDateRange }> {
  const { where, terms } = await load(deps, agencyCode, query, null);
  await recordAudit(deps.db, deps.clock.now(), {
    kind: 'console_expiries_exported',
    actor: staff.actor,
    subject: { kind: 'agency', id: agencyCode },
    ip: staff.ip,
    detail: { from: where.range.from, until: where.range.until, status: query.status, rows: terms.length },
  });
  return { terms, range: where.range };
}
