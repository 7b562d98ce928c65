import { recordAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { decoySecretHash, verifySecret } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { readThrottle, recordFailure, slowDownMs, type ThrottleState } from '../../platform/http/throttle.js';
import { recordSuccessfulLogin } from './logins.js';
import { findAccountByUserId } from './repository.js';
import { ACCOUNT_POLICY, IP_POLICY, accountThrottleKey, ipThrottleKey } from './throttling.js';

export interface LoginDeps {
  db: Db;
  clock: Clock;
  /** Holds a failed answer back (slow-down); tests may pass their own. */
  wait?: (ms: number) => Promise<void>;
}

export interface LoginAttempt {
  /** Already normalised (normalizeUserId). */
  userId: string;
  password: string;
  ip: string;
}

export type LockScope = 'account' | 'ip';

export interface Locked {
  kind: 'locked';
  scope: LockScope;
  until: Date;
}

export type LoginOutcome = { kind: 'ok'; customerId: string } | { kind: 'invalid' } | Locked;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function lockOf(account: ThrottleState, ip: ThrottleState): Locked | null {
  if (ip.lockedUntil) return { kind: 'locked', scope: 'ip', until: ip.lockedUntil };
  if (account.lockedUntil) return { kind: 'locked', scope: 'account', until: account.lockedUntil };
  return null;
}

/**
 * Checks an ID and password. Unknown IDs cost the same argon2 work and count towards the
 * same per-ID lock as known ones, so neither the answer nor its timing tells them apart.
 */
export async function attemptLogin(deps: LoginDeps, attempt: LoginAttempt): Promise<LoginOutcome> {
  const { db } = deps;
  const now = deps.clock.now();
  const keys = { account: accountThrottleKey(attempt.userId), ip: ipThrottleKey(attempt.ip) };
  const refusedIfLocked = async (customerId: string | null): Promise<Locked | null> => {
    const lock = lockOf(await readThrottle(db, keys.account, now, ACCOUNT_POLICY), await readThrottle(db, keys.ip, now, IP_POLICY));
    if (lock) await recordAudit(db, now, { kind: 'login_locked', customerId, ip: attempt.ip, detail: { scope: lock.scope, until: lock.until.toISOString(), refused: true } });
    return lock;
  };
  const before = await refusedIfLocked(null);
  if (before) return before;

  const account = await findAccountByUserId(db, attempt.userId);
  const passwordOk = await verifySecret(account?.password_hash ?? (await decoySecretHash()), attempt.password);
  if (account && passwordOk) {
    // Looked again after the slow check: parallel guesses counted meanwhile may have locked the ID.
    const during = await refusedIfLocked(account.id);
    if (during) return during;
    await db.transaction().execute(async (trx) => {
      await recordSuccessfulLogin(trx, account.id, now);
      await recordAudit(trx, now, { kind: 'login_succeeded', customerId: account.id, ip: attempt.ip });
    });
    return { kind: 'ok', customerId: account.id };
  }

  const after = await db.transaction().execute(async (trx) => {
    const accountState = await recordFailure(trx, keys.account, now, ACCOUNT_POLICY);
    const ipState = await recordFailure(trx, keys.ip, now, IP_POLICY);
    const reason = account ? 'wrong_password' : 'unknown_user_id';
    await recordAudit(trx, now, { kind: 'login_failed', customerId: account?.id ?? null, ip: attempt.ip, detail: { reason, failures: accountState.failures } });
    const lock = lockOf(accountState, ipState);
    if (lock) {
      await recordAudit(trx, now, { kind: 'login_locked', customerId: account?.id ?? null, ip: attempt.ip, detail: { scope: lock.scope, until: lock.until.toISOString(), refused: false } });
    }
    return { accountState, lock };
  });
  await (deps.wait ?? sleep)(slowDownMs(after.accountState, ACCOUNT_POLICY));
  return after.lock ?? { kind: 'invalid' };
}

/** Whole minutes left of a lock, rounded up, for the message. */
export function minutesLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
