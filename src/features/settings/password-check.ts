import { recordAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { verifySecret } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { clearThrottle, readThrottle, recordFailure, slowDownMs, type ThrottlePolicy } from '../../platform/http/throttle.js';
import { findAccount, type Account } from './repository.js';

/**
 * Wrong current passwords on the settings forms, per customer: a stolen session cannot try
 * passwords at leisure. Slows down from the 3rd, locks these forms at the 5th for 30 minutes.
 */
export const SETTINGS_PASSWORD_THROTTLE: ThrottlePolicy = { maxFailures: 5, windowMs: 30 * 60_000, lockMs: 30 * 60_000, slowAfter: 3 };

export interface SettingsDeps {
  db: Db;
  clock: Clock;
  /** Holds a failed answer back (slow-down); tests may pass their own. */
  wait?: (ms: number) => Promise<void>;
}

export type PasswordCheck = { ok: true; account: Account } | { ok: false; reason: 'wrong' | 'throttled' | 'closed' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const throttleKey = (customerId: string) => `settings:password:${customerId}`;

/** The open account if `password` is its password; failures are counted, audited and slowed down. */
export async function checkPassword(deps: SettingsDeps, input: { customerId: string; password: string; ip: string; purpose: string }): Promise<PasswordCheck> {
  const { db } = deps;
  const now = deps.clock.now();
  const key = throttleKey(input.customerId);
  if ((await readThrottle(db, key, now, SETTINGS_PASSWORD_THROTTLE)).lockedUntil) {
    await recordAudit(db, now, { kind: 'settings_password_throttled', customerId: input.customerId, ip: input.ip, detail: { purpose: input.purpose } });
    return { ok: false, reason: 'throttled' };
  }
  const account = await findAccount(db, input.customerId);
  if (!account) return { ok: false, reason: 'closed' };
  if (await verifySecret(account.passwordHash, input.password)) {
    await clearThrottle(db, key);
    return { ok: true, account };
  }
  const state = await recordFailure(db, key, now, SETTINGS_PASSWORD_THROTTLE);
  await recordAudit(db, now, { kind: 'settings_password_failed', customerId: input.customerId, ip: input.ip, detail: { purpose: input.purpose, failures: state.failures } });
  await (deps.wait ?? sleep)(slowDownMs(state, SETTINGS_PASSWORD_THROTTLE));
  return { ok: false, reason: state.lockedUntil ? 'throttled' : 'wrong' };
}
