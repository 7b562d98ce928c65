import { japanDate } from '../../platform/clock.js';
import { formatDate } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { mypageMessages } from './messages.js';
import { renewalWindow } from '../policies/renewal-window.js';

/** Where a policy stands, as 契約内容の確認 shows it. */
export type PolicyStatus = { kind: 'in_force' } | { kind: 'renewed'; on: string } | { kind: 'expired' } | { kind: 'cancelled' };

export interface StatusInput {
  end_date: string;
  /** 最終手続日時: the renewal procedure sets it. */
  last_procedure_at: string | null;
  /** The core system's status: in_force, cancelled or expired. */
  status: string;
}

/**
 * 継続手続済 when the last procedure happened in this term's renewal window (one from an earlier
 * term does not count); else 満期日経過 once 満期日 is past (the policy runs through 満期日) or the core
 * system says it expired; 解約 when it says cancelled; else 契約中.
 * `today` is Japan's calendar date.
 */
export function policyStatus(policy: StatusInput, today: string): PolicyStatus {
  if (policy.status === 'cancelled') return { kind: 'cancelled' };
  if (policy.last_procedure_at) {
    const on = japanDate(new Date(policy.last_procedure_at));
    if (on >= renewalWindow(policy.end_date).opensOn) return { kind: 'renewed', on };
  }
  return policy.end_date < today || policy.status === 'expired' ? { kind: 'expired' } : { kind: 'in_force' };
}

/** The status as its badge reads, in the page's language. */
export function policyStatusLabel(status: PolicyStatus, locale: Locale = 'ja'): string {
  const m = mypageMessages.of(locale);
  switch (status.kind) {
    case 'renewed':
      return m.statusRenewed({ on: formatDate(locale, status.on) });
    case 'expired':
      return m.statusExpired;
    case 'cancelled':
      return m.statusCancelled;
    default:
      return m.statusInForce;
  }
}
