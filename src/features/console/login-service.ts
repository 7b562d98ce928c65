import { recordAudit } from '../../platform/auth/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { clearAttempts, holdAnswer, refundAttempt, takeAttempts, type Gate, type ThrottlePolicy, type Wait } from '../../platform/auth/throttle.js';
import type { Clock } from '../../platform/clock.js';
import { decoySecretHash, hashSecret, needsRehash, sha256, verifySecret } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { normalizeRecoveryCode, recoveryCodeHash } from './recovery-codes.js';
import { acceptTotpStep, findStaffById, findStaffByLogin, recordStaffLogin, replaceStaffPasswordHash, useRecoveryCode, type StaffRow } from './repository.js';
import { normalizeLogin } from './staff-rules.js';
import { matchTotp, unsealTotpSecret } from './totp.js';
import './audit-kinds.js';

export interface ConsoleLoginDeps {
  db: Db;
  clock: Clock;
  secret: string;
  wait?: Wait;
}

const MINUTE = 60_000;

/** Per login ID (known or not): slower from the 3rd attempt, the 5th locks it for 30 minutes. Passwords and codes count alike. */
export const STAFF_ACCOUNT_POLICY: ThrottlePolicy = { limit: 5, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE, slowAfter: 3 };
/** Per IP: office networks share an address, so a higher limit; it stops someone trying many IDs. */
export const STAFF_IP_POLICY: ThrottlePolicy = { limit: 30, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE };

const accountKey = (login: string) => `console:account:${sha256(login)}`;
const ipKey = (ip: string) => `console:ip:${ip}`;
const keysFor = (login: string, ip: string) => [
  { key: accountKey(login), policy: STAFF_ACCOUNT_POLICY },
  { key: ipKey(ip), policy: STAFF_IP_POLICY },
];

export type Locked = { kind: 'locked'; until: Date };
export type PasswordStep = { kind: 'code_needed'; staffId: string } | { kind: 'invalid' } | Locked;
export type CodeStep = { kind: 'ok'; staffId: string; recoveryCodeUsed: boolean } | { kind: 'invalid' } | Locked;

const staffActor = (id: string): Actor => ({ kind: 'staff', id });
const usable = (staff: StaffRow | undefined): staff is StaffRow => Boolean(staff && staff.enabled === 1 && staff.setup_completed_at && staff.password_hash && staff.totp_secret_sealed);

function lockOf(gate: Gate, now: Date): Locked | null {
  if (!gate.lock?.lockedUntil && gate.allowed) return null;
  return { kind: 'locked', until: gate.lock?.lockedUntil ?? new Date(now.getTime() + STAFF_ACCOUNT_POLICY.lockMs) };
}

/**
 * First factor. The attempt is counted before the password is checked (a parallel burst gets at
 * most the limit of checks); an unknown, disabled or unfinished account costs the same argon2 work
 * and gets the same answer as a wrong password.
 */
export async function checkStaffPassword(deps: ConsoleLoginDeps, input: { login: string; password: string; ip: string }): Promise<PasswordStep> {
  const started = performance.now();
  const now = deps.clock.now();
  const login = normalizeLogin(input.login);
  const gate = await takeAttempts(deps.db, now, keysFor(login, input.ip));
  if (!gate.allowed) {
    const lock = lockOf(gate, now)!;
    await recordAudit(deps.db, now, { kind: 'staff_login_locked', actor: null, ip: input.ip, detail: { step: 'password', until: lock.until.toISOString(), refused: true } });
    await holdAnswer(started, gate.holdMs, deps.wait);
    return lock;
  }
  const staff = await findStaffByLogin(deps.db, login);
  const ok = await verifySecret((usable(staff) ? staff.password_hash : null) ?? (await decoySecretHash()), input.password);
  if (usable(staff) && ok) {
    // The password is right: a hash at older argon2id parameters is replaced now (ASVS 11.2.2).
    if (staff.password_hash && needsRehash(staff.password_hash)) await replaceStaffPasswordHash(deps.db, staff.id, staff.password_hash, await hashSecret(input.password));
    return { kind: 'code_needed', staffId: staff.id };
  }
  const reason = !staff ? 'unknown_login' : staff.enabled !== 1 ? 'disabled' : !usable(staff) ? 'setup_not_completed' : 'wrong_password';
  await recordAudit(deps.db, now, { kind: 'staff_login_failed', actor: null, subject: staff ? { kind: 'staff', id: staff.id } : null, ip: input.ip, detail: { step: 'password', reason, attempt: gate.attempts[0]?.number } });
  const lock = lockOf(gate, now);
  if (lock) await recordAudit(deps.db, now, { kind: 'staff_login_locked', actor: null, subject: staff ? { kind: 'staff', id: staff.id } : null, ip: input.ip, detail: { step: 'password', until: lock.until.toISOString(), refused: false } });
  await holdAnswer(started, gate.holdMs, deps.wait);
  return lock ?? { kind: 'invalid' };
}

/**
 * Second factor: a 6-digit TOTP code of a time-step later than the last accepted one (a replayed
 * code is refused by a conditional update), or an unused recovery code (used up the same way).
 * Counted on the same keys as the password.
 */
export async function checkStaffCode(deps: ConsoleLoginDeps, input: { staffId: string; code: string; ip: string }): Promise<CodeStep> {
  const started = performance.now();
  const now = deps.clock.now();
  const staff = await findStaffById(deps.db, input.staffId);
  if (!usable(staff)) return { kind: 'invalid' };
  const keys = keysFor(staff.login, input.ip);
  const gate = await takeAttempts(deps.db, now, keys);
  const subject = { kind: 'staff', id: staff.id };
  if (!gate.allowed) {
    const lock = lockOf(gate, now)!;
    await recordAudit(deps.db, now, { kind: 'staff_login_locked', actor: null, subject, ip: input.ip, detail: { step: 'code', until: lock.until.toISOString(), refused: true } });
    await holdAnswer(started, gate.holdMs, deps.wait);
    return lock;
  }
  const typed = input.code.normalize('NFKC').replace(/\s/g, '');
  let accepted: 'totp' | 'recovery' | null = null;
  let reason = 'wrong_code';
  if (/^[0-9]{6}$/.test(typed)) {
    const secret = unsealTotpSecret(deps.secret, staff.id, staff.totp_secret_sealed!);
    const step = secret ? matchTotp(secret, typed, now) : null;
    if (step !== null) {
      if (await acceptTotpStep(deps.db, staff.id, step)) accepted = 'totp';
      else reason = 'replayed_code';
    }
  } else {
    const normalized = normalizeRecoveryCode(typed);
    if (normalized && (await useRecoveryCode(deps.db, staff.id, recoveryCodeHash(normalized), now))) accepted = 'recovery';
    else reason = 'wrong_recovery_code';
  }
  if (accepted) {
    await deps.db.transaction().execute(async (trx) => {
      await recordStaffLogin(trx, staff.id, now);
      await clearAttempts(trx, keys[0]!.key);
      await refundAttempt(trx, keys[1]!.key, keys[1]!.policy);
      // The password's attempt on the address is given back too.
      await refundAttempt(trx, keys[1]!.key, keys[1]!.policy);
      if (accepted === 'recovery') await recordAudit(trx, now, { kind: 'staff_recovery_code_used', actor: staffActor(staff.id), subject, ip: input.ip });
      await recordAudit(trx, now, { kind: 'staff_login_succeeded', actor: staffActor(staff.id), subject, ip: input.ip, detail: { second_factor: accepted } });
    });
    return { kind: 'ok', staffId: staff.id, recoveryCodeUsed: accepted === 'recovery' };
  }
  await recordAudit(deps.db, now, { kind: 'staff_login_failed', actor: null, subject, ip: input.ip, detail: { step: 'code', reason, attempt: gate.attempts[0]?.number } });
  const lock = lockOf(gate, now);
  if (lock) await recordAudit(deps.db, now, { kind: 'staff_login_locked', actor: null, subject, ip: input.ip, detail: { step: 'code', until: lock.until.toISOString(), refused: false } });
  await holdAnswer(started, gate.holdMs, deps.wait);
  return lock ?? { kind: 'invalid' };
}

/** The live account behind a staff session, or null when it is gone or disabled. */
export async function liveStaff(db: Db, staffId: string): Promise<StaffRow | null> {
  const staff = await findStaffById(db, staffId);
  return staff && staff.enabled === 1 ? staff : null;
}
