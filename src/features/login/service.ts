import { recordAudit } from '../../platform/auth/audit.js';
import { customerActor } from '../../platform/auth/actor.js';
import { clearAttempts, holdAnswer, refundAttempt, takeAttempts, type Gate, type Wait } from '../../platform/auth/throttle.js';
import type { Clock } from '../../platform/clock.js';
import { decoySecretHash, hashSecret, needsRehash, verifySecret } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { BrandConfig } from '../../config.js';
import { deviceOwner, rememberDevice } from '../../platform/auth/devices.js';
import { recordLoginEvent } from '../../platform/auth/login-events.js';
import { recordLogin } from '../../platform/auth/login-notice.js';
import { recordSuccessfulLogin } from '../../platform/auth/logins.js';
import type { MailQueue } from '../../platform/mail/outbox.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { temporaryPasswordOf } from '../policies/account/temporary-password.js';
import { findAccountByUserId, replacePasswordHash } from './repository.js';
import { ACCOUNT_POLICY, DEVICE_POLICY, IP_POLICY, accountThrottleKey, deviceThrottleKey, ipThrottleKey } from './throttling.js';

export interface LoginDeps {
  db: Db;
  clock: Clock;
  /** ログインのお知らせ goes out through the outbox. */
  mail: MailQueue;
  config: { brand: BrandConfig };
  /** Holds a failed or refused answer back (slow-down); tests may pass their own. */
  wait?: Wait;
}

export interface LoginAttempt {
  /** Already normalised (normalizeUserId). */
  userId: string;
  password: string;
  ip: string;
  /** The browser's device cookie, if it sent one. */
  deviceToken: string | null;
  /** The browser's User-Agent header ('' if none): the login history and the notice name it. */
  userAgent: string;
  /** The request's language: ログインのお知らせ is written in it (Japanese when not given). */
  locale?: Locale;
}

export type LockScope = 'account' | 'ip';

export interface Locked {
  kind: 'locked';
  scope: LockScope;
  until: Date;
}

/** `deviceToken`: the device cookie to (re)set on this browser. */
/** `temporary_expired`: the right 仮パスワード, past its 72 hours (only its holder learns that). */
/** `password_stopped`: the right password of an account that logs in by passkey only (only its holder learns that). */
export type LoginOutcome = { kind: 'ok'; customerId: string; deviceToken: string } | { kind: 'invalid' } | { kind: 'temporary_expired' } | { kind: 'password_stopped' } | Locked;

/**
 * A browser that logged in to this ID before counts on its own key; any other counts on the
 * ID's key and on the address's.
 */
async function keysFor(db: Db, attempt: LoginAttempt) {
  const device = await deviceOwner(db, attempt.deviceToken);
  const account = device ? await findAccountByUserId(db, attempt.userId) : undefined;
  if (device && account?.id === device.customerId) {
    return { device: true, keys: [{ key: deviceThrottleKey(device.tokenHash), policy: DEVICE_POLICY }] };
  }
  return { device: false, keys: [{ key: accountThrottleKey(attempt.userId), policy: ACCOUNT_POLICY }, { key: ipThrottleKey(attempt.ip), policy: IP_POLICY }] };
}

function lockOf(gate: Gate): Locked | null {
  const lock = gate.lock;
  if (!lock?.lockedUntil) return null;
  return { kind: 'locked', scope: lock.key.startsWith('login:ip:') ? 'ip' : 'account', until: lock.lockedUntil };
}

/**
 * Checks an ID and password. The attempt is counted before the password is checked, so a burst
 * of parallel guesses gets at most the limit of checks; a refused attempt is never checked.
 * Unknown IDs cost the same argon2 work and count the same as known ones, and every failed or
 * refused answer is held to the time its attempt number sets, so neither the answer nor its
 * timing tells accounts or passwords apart.
 */
export async function attemptLogin(deps: LoginDeps, attempt: LoginAttempt): Promise<LoginOutcome> {
  const { db } = deps;
  const started = performance.now();
  const now = deps.clock.now();
  const { device, keys } = await keysFor(db, attempt);
  const gate = await takeAttempts(db, now, keys);
  if (!gate.allowed) {
    const lock = lockOf(gate);
    await recordAudit(db, now, { kind: 'login_locked', actor: null, customerId: null, ip: attempt.ip, detail: { scope: lock?.scope, until: lock?.until.toISOString(), refused: true, device } });
    await holdAnswer(started, gate.holdMs, deps.wait);
    return lock ?? { kind: 'locked', scope: 'account', until: new Date(now.getTime() + ACCOUNT_POLICY.lockMs) };
  }

  const account = await findAccountByUserId(db, attempt.userId);
  const passwordOk = await verifySecret(account?.password_hash ?? (await decoySecretHash()), attempt.password);
  if (account && passwordOk && account.password_login_stopped_at) {
    // Counted as a failed attempt (no refund): the password alone no longer logs this account in.
    await recordAudit(db, now, { kind: 'login_failed', actor: null, customerId: account.id, ip: attempt.ip, detail: { reason: 'password_login_stopped', attempt: gate.attempts[0]?.number, device } });
    await holdAnswer(started, gate.holdMs, deps.wait);
    return lockOf(gate) ?? { kind: 'password_stopped' };
  }
  if (account && passwordOk) {
    const temporary = await temporaryPasswordOf(db, account.id);
    if (temporary && temporary.expiresAt <= now) {
      await recordLoginEvent(db, { customerId: account.id, method: 'password', succeeded: false, at: now, userAgent: attempt.userAgent, ip: attempt.ip });
      await recordAudit(db, now, { kind: 'login_temporary_password_expired', actor: null, customerId: account.id, ip: attempt.ip, detail: { expiredAt: temporary.expiresAt.toISOString(), device } });
      return { kind: 'temporary_expired' };
    }
    const rehashed = needsRehash(account.password_hash) ? await hashSecret(attempt.password) : null;
    const deviceToken = await db.transaction().execute(async (trx) => {
      if (rehashed) await replacePasswordHash(trx, account.id, account.password_hash, rehashed);
      await recordSuccessfulLogin(trx, account.id, now);
      const login = { customerId: account.id, userId: attempt.userId, method: 'password' as const, at: now, userAgent: attempt.userAgent, ip: attempt.ip, knownBrowser: device };
      await recordLogin(trx, { mail: deps.mail, brand: deps.config.brand }, { ...login, locale: attempt.locale });
      for (const { key, policy } of keys) {
        if (key.startsWith('login:ip:')) await refundAttempt(trx, key, policy);
        else await clearAttempts(trx, key);
      }
      await recordAudit(trx, now, { kind: 'login_succeeded', actor: customerActor(account.id), customerId: account.id, ip: attempt.ip, detail: { device } });
      return rememberDevice(trx, account.id, attempt.deviceToken, now);
    });
    if (!device) deps.mail.kick();
    return { kind: 'ok', customerId: account.id, deviceToken };
  }

  if (account) await recordLoginEvent(db, { customerId: account.id, method: 'password', succeeded: false, at: now, userAgent: attempt.userAgent, ip: attempt.ip });
  const lock = lockOf(gate);
  const reason = account ? 'wrong_password' : 'unknown_user_id';
  await recordAudit(db, now, { kind: 'login_failed', actor: null, customerId: account?.id ?? null, ip: attempt.ip, detail: { reason, attempt: gate.attempts[0]?.number, device } });
  if (lock) await recordAudit(db, now, { kind: 'login_locked', actor: null, customerId: account?.id ?? null, ip: attempt.ip, detail: { scope: lock.scope, until: lock.until.toISOString(), refused: false, device } });
  await holdAnswer(started, gate.holdMs, deps.wait);
  return lock ?? { kind: 'invalid' };
}

/** Whole minutes left of a lock, rounded up, for the message. */
export function minutesLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
