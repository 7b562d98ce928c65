import { japanDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { findCustomer, listOwnPolicies, type CustomerSummary, type OwnPolicy } from './policy-query.js';
import { ONLINE_RENEWAL_PRODUCTS } from './products.js';
import { isInForce } from './status.js';
import { policyRef } from './policy-ref.js';
import { renewalPhase, renewalWindow, type RenewalPhase, type RenewalWindow } from './renewal-window.js';

export interface PolicyView extends OwnPolicy {
  window: RenewalWindow;
  phase: RenewalPhase;
  /** Its product can be renewed online at all. */
  online: boolean;
  /** In force as the core system says (not cancelled or retired as expired). */
  inForce: boolean;
  /** The 継続手続 button is shown: in force, online, inside the window, and not yet applied for this term. */
  renewable: boolean;
  /** This term's renewal was applied for online (継続手続受付済). */
  renewalReceived: boolean;
}

/** A policy on the customer's own pages: with the reference its URLs use (policy-ref.ts). */
export interface OwnPolicyView extends PolicyView {
  ref: string;
}

export interface MyPageData {
  customer: CustomerSummary;
  policies: OwnPolicyView[];
  /** Japan's calendar date the page was made for. */
  today: string;
}

/** A policy judged against `today` (Japan date), as home shows it: online, window, renewable, applied. */
export function policyView(policy: OwnPolicy, today: string): PolicyView {
  const online = ONLINE_RENEWAL_PRODUCTS.has(policy.product);
  const phase = renewalPhase(policy.end_date, today);
  const renewalReceived = policy.renewal_reception_number !== null;
  const inForce = isInForce(policy);
  const renewable = inForce && online && phase === 'open' && !renewalReceived;
  return { ...policy, window: renewalWindow(policy.end_date), phase, online, inForce, renewable, renewalReceived };
}

/** The customer and their own policies, judged against today's date in Japan. Null if the customer is gone. */
export async function loadMyPage({ db, secret }: { db: Db; secret: string }, customerId: string, now: Date): Promise<MyPageData | null> {
  const customer = await findCustomer(db, customerId);
  if (!customer) return null;
  const today = japanDate(now);
  const policies = (await listOwnPolicies(db, customerId)).map((p) => ({ ...policyView(p, today), ref: policyRef(secret, p.policy_number) }));
  return { customer, policies, today };
}
