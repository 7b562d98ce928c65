import { policyRef } from '../../src/features/policies/policy-ref.js';

type WithSecret = { deps: { secret: string } };

// The URLs the site links a customer's policy by: its reference, never the 証券番号 (decision 0030).

export const renewalUrl = (t: WithSecret, policyNumber: string, step = ''): string => `/renewal/${policyRef(t.deps.secret, policyNumber)}${step}`;

export const policyUrl = (t: WithSecret, policyNumber: string): string => `/mypage/policies/${policyRef(t.deps.secret, policyNumber)}`;
