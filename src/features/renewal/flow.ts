import type { Locale } from '../../platform/ui/i18n/locale.js';
import { renewalMessages } from './messages.js';
import type { Coverage, PaymentFrequency, Quote } from './rating/index.js';

/**
 * 継続手続 as a flow row (kind `renewal`), one per policy and customer. There is no row while
 * the customer is at step 1; answering it creates the row at `plans`. See renewal-flow.md.
 */
export type RenewalState = 'plans' | 'premium' | 'matters' | 'payment' | 'review' | 'completed';

export const RENEWAL_KIND = 'renewal';
export const RENEWAL_STATES: readonly RenewalState[] = ['plans', 'premium', 'matters', 'payment', 'review', 'completed'];

/** The seven steps as the step indicator names them, in a language. */
export const renewalSteps = (locale: Locale): string[] => {
  const m = renewalMessages.of(locale);
  return [m.step1, m.step2, m.step3, m.step4, m.step5, m.step6, m.step7];
};

/** The seven steps in Japanese. */
export const RENEWAL_STEPS = renewalSteps('ja');

/** A step the customer can be on: step 1 (`contract`) has no state of its own. */
export type RenewalStep = 'contract' | RenewalState;

const ORDER: readonly RenewalStep[] = ['contract', ...RENEWAL_STATES];

/** 1-based step number for the indicator. */
export const stepNumber = (step: RenewalStep): number => ORDER.indexOf(step) + 1;

/** The later of two states: a step the flow already passed never pulls it back. */
export const furthest = (a: RenewalState, b: RenewalState): RenewalState => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

/** Whether a step may be shown (and changed) while the flow is at `state`. */
export const reachable = (step: RenewalStep, state: RenewalState): boolean => state !== 'completed' && ORDER.indexOf(step) <= ORDER.indexOf(state);

const SEGMENTS: Record<RenewalStep, string> = {
  contract: '',
  plans: '/plans',
  premium: '/premium',
  matters: '/important-matters',
  payment: '/payment',
  review: '/review',
  completed: '/complete',
};

/** The URL of a step of the renewal of the policy `policyRef` stands for (features/policies/policy-ref.ts). */
export const renewalPlace = (policyRef: string, step: RenewalStep): string => `/renewal/${encodeURIComponent(policyRef)}${SEGMENTS[step]}`;

export type PlanId = 'same' | 'recommended' | 'economy' | 'custom';
export const PLAN_IDS: readonly PlanId[] = ['same', 'recommended', 'economy', 'custom'];

export type PaymentMethod = 'bank' | 'card' | 'convenience';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['bank', 'card', 'convenience'];

export type ConfirmationKey = 'coverage' | 'drivers' | 'use' | 'matters';

export interface RenewalPayment {
  method: PaymentMethod;
  /** The customer chose another method than the current one (the insurer's payment procedure follows). */
  changed: boolean;
  frequency: PaymentFrequency;
}

export interface RenewalData {
  policyNumber: string;
  /** 満期日 of the term being renewed: a flow for an older term is not resumed. */
  currentEndDate: string;
  /** Bumped by every change: forms that confirm what was shown (意向確認, 申し込む) carry it. */
  revision: number;
  /** Step 1: both questions answered いいえ, and when. */
  answeredAt?: string;
  /** Step 2: the chosen plan and its coverage. */
  plan?: PlanId;
  coverage?: Coverage;
  /** The quote for the chosen coverage and payment frequency, as shown from step 3 on. */
  quote?: Quote;
  /** Step 4: each confirmation with the time it was given. */
  confirmations?: Array<{ key: ConfirmationKey; at: string }>;
  /** Step 5. */
  payment?: RenewalPayment;
  /** Step 7. */
  receptionNumber?: string;
}

/** A flow lives 7 days from its last change, and never past the end of its window (満期日 0:00 in Japan). */
export const RENEWAL_IDLE_TTL_MS = 7 * 24 * 3_600_000;

/** Why an own policy has no online renewal now: before the window, from 満期日 on, not online, or no longer in force. */
export type RenewalClosedReason = 'before' | 'after' | 'not_online' | 'not_in_force';
