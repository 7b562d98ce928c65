import { formatDateJa, japanDate } from '../../platform/clock.js';
import { renewalWindow } from '../policies/renewal-window.js';

/** Where a policy stands, as 契約内容の確認 shows it. */
export type PolicyStatus = { kind: 'in_force' } | { kind: 'renewed'; on: string } | { kind: 'expired' };

export interface StatusInput {
  end_date: string;
  /** 最終手続日時: the renewal procedure sets it. */
  last_procedure_at: string | null;
}

/**
 * 継続手続済 when the last procedure happened in this term's renewal window (one from an earlier
 * term does not count); else 満期日経過 once 満期日 is past (the policy runs through 満期日); else 契約中.
 * `today` is Japan's calendar date.
 */
export function policyStatus(policy: StatusInput, today: string): PolicyStatus {
  if (policy.last_procedure_at) {
    const on = japanDate(new Date(policy.last_procedure_at));
    if (on >= renewalWindow(policy.end_date).opensOn) return { kind: 'renewed', on };
  }
  return policy.end_date < today ? { kind: 'expired' } : { kind: 'in_force' };
}

export function policyStatusLabel(status: PolicyStatus): string {
  switch (status.kind) {
    case 'renewed':
      return `継続手続済（${formatDateJa(status.on)}）`;
    case 'expired':
      return '満期日経過';
    default:
      return '契約中';
  }
}
