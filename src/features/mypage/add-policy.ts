import { recordAudit } from '../../platform/auth/audit.js';
import { customerActor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { holdAnswer, refundAttempt, takeAttempts, type ThrottlePolicy } from '../../platform/auth/throttle.js';
import { normalizeKana, sameHolder } from '../policies/holder.js';
import { findPolicyHolder } from '../policies/policy-query.js';
import { findAccountHolder, linkPolicy } from './policy-repository.js';

/** Entries per account and per address, counted before the check (a match gives its attempt back): slow down, then lock. */
export const ADD_POLICY_ACCOUNT_THROTTLE: ThrottlePolicy = { limit: 5, windowMs: 30 * 60_000, lockMs: 30 * 60_000, slowAfter: 2 };
export const ADD_POLICY_IP_THROTTLE: ThrottlePolicy = { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000, slowAfter: 3 };

export interface AddPolicyInput {
  customerId: string;
  /** Normalised by the form (NFKC, upper case; kana in katakana). */
  policyNumber: string;
  familyKana: string;
  givenKana: string;
  birthDate: string;
  ip: string;
}

/** `mismatch` covers a wrong number, someone else's policy and one another account has: one answer for all. */
export type AddPolicyOutcome = 'linked' | 'already_own' | 'mismatch' | 'throttled';

const keys = (input: AddPolicyInput) => [
  { key: `add-policy:customer:${input.customerId}`, policy: ADD_POLICY_ACCOUNT_THROTTLE },
  { key: `add-policy:ip:${input.ip}`, policy: ADD_POLICY_IP_THROTTLE },
];

/**
 * 契約中の保険を追加する: the entries must match the policy's holder, and that holder must be the
 * account's own person (name, kana and birth date after normalisation); the policy must be free.
 */
export async function addPolicy(deps: { db: Db; clock: Clock }, input: AddPolicyInput): Promise<AddPolicyOutcome> {
  const { db } = deps;
  const now = deps.clock.now();
  const started = performance.now();
  const gate = await takeAttempts(db, now, keys(input));
  if (!gate.allowed) {
    await recordAudit(db, now, { kind: 'policy_link_throttled', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip });
    await holdAnswer(started, gate.holdMs);
    return 'throttled';
  }
  const giveBack = async () => {
    for (const { key, policy } of keys(input)) await refundAttempt(db, key, policy);
  };
  const candidate = await findPolicyHolder(db, input.policyNumber);
  if (candidate?.customerId === input.customerId) {
    await giveBack();
    return 'already_own';
  }
  const account = await findAccountHolder(db, input.customerId);
  const entered =
    candidate !== null &&
    normalizeKana(candidate.holder.familyKana) === input.familyKana &&
    normalizeKana(candidate.holder.givenKana) === input.givenKana &&
    candidate.holder.birthDate === input.birthDate;
  const linkable = entered && candidate.customerId === null && account !== null && sameHolder(account, candidate.holder);
  if (linkable) {
    const linked = await db.transaction().execute(async (trx) => {
      if (!(await linkPolicy(trx, input.policyNumber, input.customerId, now))) return false;
      await recordAudit(trx, now, { kind: 'policy_linked', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { policyNumber: input.policyNumber } });
      return true;
    });
    if (linked) {
      await giveBack();
      return 'linked';
    }
  }
  const reason = !candidate ? 'unknown_number' : !entered ? 'holder_mismatch' : linkable || candidate.customerId !== null ? 'linked_elsewhere' : 'other_person';
  await recordAudit(db, now, { kind: 'policy_link_failed', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { policyNumber: input.policyNumber, reason } });
  await holdAnswer(started, gate.holdMs);
  return 'mismatch';
}
