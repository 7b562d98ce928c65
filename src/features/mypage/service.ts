import { japanDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { findCustomer, findOwnPolicy, listOwnPolicies, type CustomerSummary, type OwnPolicy } from './repository.js';
import { renewalPhase, renewalWindow, type RenewalPhase, type RenewalWindow } from './renewal-window.js';

/** Online renewal is for auto policies (種目 自動車保険) inside their window. */
export const ONLINE_RENEWAL_PRODUCTS = new Set(['auto']);

export interface PolicyView extends OwnPolicy {
  window: RenewalWindow;
  phase: RenewalPhase;
  /** Its product can be renewed online at all. */
  online: boolean;
  /** The 継続手続 button is shown: online and inside the window. */
  renewable: boolean;
}

export interface MyPageData {
  customer: CustomerSummary;
  policies: PolicyView[];
}

function view(policy: OwnPolicy, today: string): PolicyView {
  const online = ONLINE_RENEWAL_PRODUCTS.has(policy.product);
  const phase = renewalPhase(policy.end_date, today);
  return { ...policy, window: renewalWindow(policy.end_date), phase, online, renewable: online && phase === 'open' };
}

/** The customer and their own policies, judged against today's date in Japan. Null if the customer is gone. */
export async function loadMyPage(db: Db, customerId: string, now: Date): Promise<MyPageData | null> {
  const customer = await findCustomer(db, customerId);
  if (!customer) return null;
  const today = japanDate(now);
  const policies = (await listOwnPolicies(db, customerId)).map((p) => view(p, today));
  return { customer, policies };
}

export type RenewalEntry =
  | { kind: 'not_found' }
  | { kind: 'not_online'; policy: PolicyView }
  | { kind: 'before' | 'open' | 'after'; policy: PolicyView };

/** Where /renewal/:policyNumber stands; someone else's policy is the same as none at all. */
export async function renewalEntry(db: Db, customerId: string, policyNumber: string, now: Date): Promise<RenewalEntry> {
  if (policyNumber.length > 40) return { kind: 'not_found' };
  const found = await findOwnPolicy(db, customerId, policyNumber);
  if (!found) return { kind: 'not_found' };
  const today = japanDate(now);
  const policy = view(found, today);
  return policy.online ? { kind: policy.phase, policy } : { kind: 'not_online', policy };
}
