import { recordAudit } from '../../platform/auth/audit.js';
import { customerActor } from '../../platform/auth/actor.js';
import { clearAttempts, holdAnswer, takeAttempts, type ThrottlePolicy, type Wait } from '../../platform/auth/throttle.js';
import type { Clock } from '../../platform/clock.js';
import { verifySecret } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { findAccount, type Account } from './repository.js';

/**
 * Current-password checks on the settings forms, per customer: a stolen session cannot try
 * passwords at leisure. Slows down from the 3rd, and the 5th locks these forms for 30 minutes.
 */
export const SETTINGS_PASSWORD_THROTTLE: ThrottlePolicy = { limit: 5, windowMs: 30 * 60_000, lockMs: 30 * 60_000, slowAfter: 3 };

export interface SettingsDeps {
  db: Db;
  clock: Clock;
  /** Holds a failed answer back (slow-down); tests may pass their own. */
  wait?: Wait;
}

export type PasswordCheck = { ok: true; account: Account } | { ok: false; reason: 'wrong' | 'throttled' | 'closed' };

const throttleKey = (customerId: string) => `settings:password:${customerId}`;

/** The open account if `password` is its password; counted before the check, audited, slowed down. */
export async function checkPassword(deps: SettingsDeps, input: { customerId: string; password: string; ip: string; purpose: string }): Promise<PasswordCheck> {
  const { db } = deps;
  const started = performance.now();
  const now = deps.clock.now();
  const key = throttleKey(input.customerId);
  const gate = await takeAttempts(db, now, [{ key, policy: SETTINGS_PASSWORD_THROTTLE }]);
  if (!gate.allowed) {
    await recordAudit(db, now, { kind: 'settings_password_throttled', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { purpose: input.purpose } });
    await holdAnswer(started, gate.holdMs, deps.wait);
    return { ok: false, reason: 'throttled' };
  }
  const account = await findAccount(db, input.customerId);
  if (!account) return { ok: false, reason: 'closed' };
  if (await verifySecret(account.passwordHash, input.password)) {
    await clearAttempts(db, key);
    return { ok: true, account };
  }
  await recordAudit(db, now, { kind: 'settings_password_failed', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { purpose: input.purpose, attempt: gate.attempts[0]?.number } });
  await holdAnswer(started, gate.holdMs, deps.wait);
  return { ok: false, reason: gate.lock ? 'throttled' : 'wrong' };
}
