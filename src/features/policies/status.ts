/**
 * A policy's status as the insurer's core system reports it (API and CSV): 継続中 in_force,
 * 解約 cancelled, expired (満期 without renewal, or retired by an import's --retire-missing).
 * Only a policy in force can be renewed, reminded of or listed for renewal.
 */
export const POLICY_STATUSES = ['in_force', 'cancelled', 'expired'] as const;

export type PolicyStatusCode = (typeof POLICY_STATUSES)[number];

export const isInForce = (policy: { status: string }): boolean => policy.status === 'in_force';
