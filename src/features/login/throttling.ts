import type { ThrottlePolicy } from '../../platform/auth/throttle.js';

const MINUTE = 60_000;

/**
 * Per user ID (counted whether or not the ID exists, so a lock says nothing about accounts):
 * answers slow down from the 3rd attempt and the 5th locks the ID for 30 minutes.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = { limit: 5, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE, slowAfter: 3 };

/**
 * Per browser that logged in to this ID before (device cookie): the same limit, on its own
 * count, so strangers' wrong guesses cannot lock the owner out of their own browser.
 */
export const DEVICE_POLICY: ThrottlePolicy = ACCOUNT_POLICY;

/**
 * Per IP a higher limit and no slow-down: phones share addresses behind carrier NAT, so
 * the address only stops someone trying many IDs. A successful login gives its attempt back.
 */
export const IP_POLICY: ThrottlePolicy = { limit: 50, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE };

/** Keys of the throttles table (the account's key is platform/auth/logins.ts's: a completed flow clears it too). */
export { accountThrottleKey, deviceThrottleKey } from '../../platform/auth/logins.js';
export const ipThrottleKey = (ip: string): string => `login:ip:${ip}`;
