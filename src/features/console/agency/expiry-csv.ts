import { japanDate, japanParts } from '../../../platform/clock.js';
import { csvDocument } from '../../../platform/csv.js';
import { EXPIRY_STATUS_LABELS } from './expiry.js';
import { remindersText, type ExpiryTerm } from './expiry-service.js';

/** 2026-11-25 18:30, Japan time. */
function dateTime(iso: string): string {
  const p = japanParts(new Date(iso));
  return `${japanDate(new Date(iso))} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export const EXPIRY_CSV_HEADER = ['証券番号', '契約者', '満期日', '状況', '最終手続日時', '満期案内'] as const;

/** 満期管理's columns as the page shows them, dates as Excel reads them (YYYY-MM-DD). */
export function expiryCsv(terms: readonly ExpiryTerm[]): string {
  return csvDocument(
    EXPIRY_CSV_HEADER,
    terms.map((t) => [t.policy_number, `${t.holder_family_name} ${t.holder_given_name}`, t.end_date, EXPIRY_STATUS_LABELS[t.status], t.last_procedure_at ? dateTime(t.last_procedure_at) : '', remindersText(t, (iso) => japanDate(new Date(iso)))]),
  );
}
