import { japanDate } from '../../platform/clock.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { customerActor } from '../../platform/auth/actor.js';
import { newId } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { RenewalApplicationTable } from '../../platform/db/schema.js';
import { createFlow, isExpired, loadFlow, saveFlow, type Flow } from '../../platform/flow/store.js';
import type { AppDeps } from '../../platform/deps.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { findOwnPolicyDetails } from '../policies/policy-query.js';
import { policyRef } from '../policies/policy-ref.js';
import { isPolicyNumber } from '../policies/policy-number.js';
import { ONLINE_RENEWAL_PRODUCTS } from '../policies/products.js';
import { isInForce } from '../policies/status.js';
import { renewalPhase, renewalWindow, type RenewalWindow } from '../policies/renewal-window.js';
import { currentCoverage, economyCoverage, ratingFacts, recommendedCoverage, sameCoverage, type RatingFacts } from './coverage.js';
import {
  furthest,
  RENEWAL_IDLE_TTL_MS,
  RENEWAL_KIND,
  RENEWAL_STATES,
  type PlanId,
  type RenewalClosedReason,
  type RenewalData,
  type RenewalPayment,
  type RenewalState,
} from './flow.js';
import { CONFIRMATIONS, type PaymentChoice } from './forms.js';
import { renewalMail } from './mail.js';
import { coverageIssues, nextGradeState, quote } from './rating/index.js';
import type { Coverage, CoverageIssue, GradeState, PaymentFrequency, Quote, RateTable } from './rating/index.js';
import { oneYearLater, receptionNumber } from './reception.js';
import { findApplication, findCustomerMail, insertApplication, markProcedure, renewalFlowIds, type RenewalPolicy } from './repository.js';

export type RenewalFlow = Flow<RenewalState, RenewalData>;

/** What the renewal's services need besides the app's deps: the rate table read at start. */
export interface RenewalDeps extends AppDeps {
  rates: RateTable;
}

/** An own policy inside its window, with what every step needs. */
export interface Renewal {
  customerId: string;
  policy: RenewalPolicy;
  /** What stands for the policy in this flow's URLs (features/policies/policy-ref.ts). */
  ref: string;
  window: RenewalWindow;
  current: Coverage;
  facts: RatingFacts;
  /** ノンフリート等級 and 事故有係数適用期間 of the new term. */
  next: GradeState;
  termStart: string;
  termEnd: string;
  flow: RenewalFlow | null;
  /** An earlier flow for this term ran out before it was finished. */
  lapsed: boolean;
}

export type RenewalEntry =
  | { kind: 'not_found' }
  | { kind: 'closed'; policy: RenewalPolicy; window: RenewalWindow; reason: RenewalClosedReason }
  | { kind: 'applied'; policy: RenewalPolicy; ref: string; application: RenewalApplicationTable }
  | { kind: 'open'; renewal: Renewal };

/** The live flow for this policy and term (the oldest if a race made two), and whether one lapsed. */
async function liveFlow(db: Db, customerId: string, policy: RenewalPolicy, now: Date): Promise<{ flow: RenewalFlow | null; lapsed: boolean }> {
  let lapsed = false;
  for (const id of await renewalFlowIds(db, customerId)) {
    const flow = await loadFlow<RenewalState, RenewalData>(db, id, RENEWAL_KIND, RENEWAL_STATES);
    if (!flow || flow.data.policyNumber !== policy.policy_number || flow.data.currentEndDate !== policy.end_date) continue;
    if (!isExpired(flow, now)) return { flow, lapsed: false };
    if (flow.state !== 'completed') lapsed = true;
  }
  return { flow: null, lapsed };
}

/**
 * Where /renewal/:ref/… stands for this customer. Someone else's policy is the same as
 * none at all; an application for the current term wins over the window (the 完了 page and the
 * PDF stay reachable); outside the window nothing else is open.
 */
export async function openRenewal(deps: RenewalDeps, customerId: string, policyNumber: string): Promise<RenewalEntry> {
  if (!isPolicyNumber(policyNumber)) return { kind: 'not_found' };
  const policy = await findOwnPolicyDetails(deps.db, customerId, policyNumber);
  if (!policy) return { kind: 'not_found' };
  const now = deps.clock.now();
  const window = renewalWindow(policy.end_date);
  const ref = policyRef(deps.secret, policy.policy_number);
  const application = await findApplication(deps.db, policy.policy_number, policy.end_date);
  if (application) return { kind: 'applied', policy, ref, application };
  if (!isInForce(policy)) return { kind: 'closed', policy, window, reason: 'not_in_force' };
  const current = currentCoverage(policy);
  const facts = ratingFacts(policy);
  if (!ONLINE_RENEWAL_PRODUCTS.has(policy.product) || !current || !facts) return { kind: 'closed', policy, window, reason: 'not_online' };
  const phase = renewalPhase(policy.end_date, japanDate(now));
  if (phase !== 'open') return { kind: 'closed', policy, window, reason: phase };
  const { flow, lapsed } = await liveFlow(deps.db, customerId, policy, now);
  if (flow?.state === 'completed') {
    // A parallel 申し込む committed between the look at the applications and this one: its
    // application came in the same transaction as the flow's completion, so it is there now.
    const won = await findApplication(deps.db, policy.policy_number, policy.end_date);
    if (won) return { kind: 'applied', policy, ref, application: won };
  }
  const next = nextGradeState({ grade: facts.grade, accidentCoefficientYears: facts.accidentCoefficientYears }, facts.claimsThisTerm);
  return {
    kind: 'open',
    renewal: { customerId, policy, ref, window, current, facts, next, termStart: policy.end_date, termEnd: oneYearLater(policy.end_date), flow, lapsed },
  };
}

/** The problems of a coverage for this holder and term, as codes (empty: it can be quoted). */
export const coverageProblems = (rates: RateTable, renewal: Renewal, coverage: Coverage): CoverageIssue[] =>
  coverageIssues(rates, coverage, { birthDate: renewal.policy.birth_date, termStart: renewal.termStart });

export const quoteFor = (rates: RateTable, renewal: Renewal, coverage: Coverage, paymentFrequency: PaymentFrequency): Quote =>
  quote(rates, { vehicleClass: renewal.facts.vehicleClass, next: renewal.next, coverage, paymentFrequency });

export interface PlanOffer {
  id: Exclude<PlanId, 'custom'>;
  coverage: Coverage;
  /** null when the plan cannot be chosen (see problems). */
  quote: Quote | null;
  /** Why not, as codes the view words in its language. */
  problems: CoverageIssue[];
}

/** 前年同等, おすすめ and 保険料を抑えた, each quoted for annual payment. */
export function offeredPlans(rates: RateTable, renewal: Renewal): PlanOffer[] {
  const plans: Array<[PlanOffer['id'], Coverage]> = [
    ['same', renewal.current],
    ['recommended', recommendedCoverage(rates, renewal.current)],
    ['economy', economyCoverage(rates, renewal.current)],
  ];
  return plans.map(([id, coverage]) => {
    const problems = coverageProblems(rates, renewal, coverage);
    return { id, coverage, problems, quote: problems.length ? null : quoteFor(rates, renewal, coverage, 'annual') };
  });
}

/** Until 満期日 0:00 in Japan (the window's end), at most 7 days from the last change. */
function ttlMs(renewal: Renewal, now: Date): number {
  const windowEnd = new Date(`${renewal.policy.end_date}T00:00:00+09:00`).getTime();
  return Math.max(1, Math.min(RENEWAL_IDLE_TTL_MS, windowEnd - now.getTime()));
}

/** The state the flow moved to, or 'moved' when someone else changed it first. */
export type SaveOutcome = RenewalState | 'moved';

/** Moves the flow on only if nobody changed it since it was loaded (another tab, a double submit). */
async function save(deps: RenewalDeps, renewal: Renewal, state: RenewalState, change: Partial<RenewalData>): Promise<SaveOutcome> {
  const flow = renewal.flow;
  if (!flow) return 'moved';
  const now = deps.clock.now();
  const data: RenewalData = { ...flow.data, ...change, revision: flow.data.revision + 1 };
  const saved = await saveFlow(deps.db, flow, { state, data, now, ttlMs: ttlMs(renewal, now) });
  return saved ? state : 'moved';
}

/** Step 1 with both answers いいえ-free (no change): the flow starts, or goes on from where it was. */
export async function confirmContract(deps: RenewalDeps, renewal: Renewal, ip: string): Promise<SaveOutcome> {
  const now = deps.clock.now();
  if (renewal.flow) return save(deps, renewal, furthest(renewal.flow.state, 'plans'), { answeredAt: now.toISOString() });
  const { policy, customerId } = renewal;
  const data: RenewalData = { policyNumber: policy.policy_number, currentEndDate: policy.end_date, revision: 1, answeredAt: now.toISOString() };
  await deps.db.transaction().execute(async (trx) => {
    const { flow } = await createFlow<RenewalState, RenewalData>(trx, { kind: RENEWAL_KIND, state: 'plans', data, customerId, now, ttlMs: ttlMs(renewal, now) });
    await recordAudit(trx, now, { kind: 'renewal_started', actor: customerActor(customerId), customerId, ip, detail: { flowId: flow.id, policyNumber: policy.policy_number } });
  });
  return 'plans';
}

/** Step 1 answered with a change of car or insured person: no online renewal; recorded for the agency's follow-up. */
export async function recordNotPossible(deps: RenewalDeps, renewal: Renewal, changes: { vehicle: boolean; insured: boolean }, ip: string): Promise<void> {
  await recordAudit(deps.db, deps.clock.now(), { kind: 'renewal_not_possible', actor: customerActor(renewal.customerId), customerId: renewal.customerId, ip, detail: { policyNumber: renewal.policy.policy_number, ...changes } });
}

/**
 * Step 2: a new coverage is quoted (for the payment frequency already chosen, else annual) and
 * the flow goes to 保険料の確認; the 意向確認 given for another coverage no longer counts.
 * Choosing what was already chosen changes nothing and goes on from where the flow was.
 */
export async function choosePlan(deps: RenewalDeps, renewal: Renewal, plan: PlanId, coverage: Coverage): Promise<SaveOutcome> {
  const flow = renewal.flow;
  if (!flow) return 'moved';
  const { data } = flow;
  if (data.plan === plan && data.coverage && sameCoverage(data.coverage, coverage)) return save(deps, renewal, furthest(flow.state, 'premium'), {});
  const frequency = data.payment?.frequency ?? 'annual';
  const quoted = quoteFor(deps.rates, renewal, coverage, frequency);
  const change: Partial<RenewalData> = { plan, coverage, quote: quoted, confirmations: [] };
  return save(deps, renewal, 'premium', change);
}

/** Step 3: the premium was seen. */
export const confirmPremium = (deps: RenewalDeps, renewal: Renewal): Promise<SaveOutcome> =>
  save(deps, renewal, furthest(renewal.flow?.state ?? 'plans', 'matters'), {});

/** Step 4: every confirmation, each with the time it was given; on to お支払方法, or to the review once it was chosen. */
export async function confirmMatters(deps: RenewalDeps, renewal: Renewal): Promise<SaveOutcome> {
  const at = deps.clock.now().toISOString();
  const confirmations = CONFIRMATIONS.map((c) => ({ key: c.key, at }));
  const next = renewal.flow?.data.payment ? 'review' : 'payment';
  return save(deps, renewal, furthest(renewal.flow?.state ?? 'plans', next), { confirmations });
}

/** Step 5: the method and frequency; the quote follows the frequency (月払 has its surcharge). */
export async function choosePayment(deps: RenewalDeps, renewal: Renewal, payment: RenewalPayment): Promise<SaveOutcome> {
  const coverage = renewal.flow?.data.coverage;
  if (!coverage) return 'moved';
  const quoted = quoteFor(deps.rates, renewal, coverage, payment.frequency);
  return save(deps, renewal, 'review', { payment, quote: quoted });
}

/** The choice step 5 shows as selected: what was chosen before, else the current method. */
export function paymentChoiceOf(renewal: Renewal): { method: PaymentChoice; frequency: PaymentFrequency } {
  const payment = renewal.flow?.data.payment;
  if (!payment) return { method: 'keep', frequency: 'annual' };
  return { method: payment.changed ? payment.method : 'keep', frequency: payment.frequency };
}

export type ApplyOutcome = { outcome: 'applied'; receptionNumber: string } | { outcome: 'already'; receptionNumber: string } | { outcome: 'moved' };

class FlowMoved extends Error {}

/** Everything the application needs, or null when a step is missing (the flow is not at review). */
function applicationRow(renewal: Renewal, number: string, now: Date): RenewalApplicationTable | null {
  const data = renewal.flow?.data;
  if (!data?.plan || !data.coverage || !data.quote || !data.payment || data.confirmations?.length !== CONFIRMATIONS.length) return null;
  const confirmations = CONFIRMATIONS.map((c) => ({ key: c.key, text: c.label, at: data.confirmations?.find((given) => given.key === c.key)?.at ?? null }));
  if (confirmations.some((c) => c.at === null)) return null;
  return {
    id: newId(),
    reception_number: number,
    policy_number: renewal.policy.policy_number,
    customer_id: renewal.customerId,
    current_end_date: renewal.policy.end_date,
    new_start_date: renewal.termStart,
    new_end_date: renewal.termEnd,
    plan: data.plan,
    coverage: JSON.stringify(data.coverage),
    next_grade: renewal.next.grade,
    next_accident_coefficient_years: renewal.next.accidentCoefficientYears,
    annual_premium: data.quote.annualPremium,
    monthly_premium: data.quote.monthlyPremium,
    total_payable: data.quote.totalPayable,
    payment_method: data.payment.method,
    payment_method_changed: data.payment.changed ? 1 : 0,
    payment_frequency: data.payment.frequency,
    quote_breakdown: JSON.stringify(data.quote.breakdown),
    confirmations: JSON.stringify(confirmations),
    created_at: now.toISOString(),
  };
}

/**
 * 申し込む: the application, 最終手続日時, the flow's completion, the audit event and the mail (in
 * the request's language) in one transaction. The unique (policy, term) pair lets exactly one of any number of racing
 * submissions through; the others learn the winner's 受付番号.
 */
export async function applyRenewal(deps: RenewalDeps, renewal: Renewal, ip: string, locale: Locale = 'ja'): Promise<ApplyOutcome> {
  const { db, clock, config } = deps;
  const flow = renewal.flow;
  const now = clock.now();
  const number = receptionNumber(now);
  const row = applicationRow(renewal, number, now);
  if (!flow || !row) return { outcome: 'moved' };
  const to = await findCustomerMail(db, renewal.customerId);
  try {
    const outcome = await db.transaction().execute(async (trx): Promise<ApplyOutcome> => {
      if (!(await insertApplication(trx, row))) {
        const existing = await findApplication(trx, row.policy_number, row.current_end_date);
        return { outcome: 'already', receptionNumber: existing?.reception_number ?? '' };
      }
      const completed = await saveFlow(trx, flow, { state: 'completed', data: { ...flow.data, receptionNumber: number }, now });
      if (!completed) throw new FlowMoved();
      await markProcedure(trx, row.policy_number, now);
      await recordAudit(trx, now, { kind: 'renewal_applied', actor: customerActor(renewal.customerId), customerId: renewal.customerId, ip, detail: { policyNumber: row.policy_number, receptionNumber: number, flowId: flow.id } });
      await deps.webhooks.enqueue(trx, { type: 'renewal_application.created', data: { reception_number: number, policy_number: row.policy_number } }, now);
      if (to) await deps.mail.enqueue(trx, renewalMail({ brand: config.brand, baseUrl: config.baseUrl, to, receptionNumber: number, policyNumber: row.policy_number, appliedAt: now, termStart: row.new_start_date, termEnd: row.new_end_date, paymentChanged: row.payment_method_changed === 1, locale }), now);
      return { outcome: 'applied', receptionNumber: number };
    });
    if (outcome.outcome === 'applied') deps.mail.kick();
    return outcome;
  } catch (error) {
    if (error instanceof FlowMoved) return { outcome: 'moved' };
    throw error;
  }
}
