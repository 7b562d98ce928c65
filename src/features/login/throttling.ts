import { sha256 } from '../../platform/crypto.js';
import type { ThrottlePolicy } from '../../platform/http/throttle.js';

const MINUTE = 60_000;

/**
 * Per user ID (counted whether or not the ID exists, so a lock says nothing about accounts):
 * answers slow down from the 3rd failure and the ID locks at the 5th, for 30 minutes.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE, slowAfter: 3 };

/**
 * Per IP a higher limit and no slow-down: phones share addresses behind carrier NAT, so
 * the address only stops someone trying many IDs.
 */
export const IP_POLICY: ThrottlePolicy = { maxFailures: 50, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE };

/** Keys of the throttles table; the ID is hashed so typed addresses are not kept there. */
export const accountThrottleKey = (normalizedUserId: string): string => `login:account:${sha256(normalizedUserId)}`;
export const ipThrottleKey = (ip: string): string => `login:ip:${ip}`;
