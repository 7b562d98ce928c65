import { recordAudit } from '../../platform/auth/audit.js';
import { takeAttempt, type ThrottlePolicy } from '../../platform/auth/throttle.js';
import type { Clock } from '../../platform/clock.js';
import { hashSecret, newId, sha256 } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { newRecoveryCodes, normalizeRecoveryCode, recoveryCodeHash } from './recovery-codes.js';
import { completeStaffSetup, consumeSetupToken, findOpenSetupToken, findStaffById, replaceRecoveryCodes, setPendingCredentials, type StaffRow } from './repository.js';
import { staffPasswordProblem } from './staff-rules.js';
import { matchTotp, newTotpSecret, sealTotpSecret, unsealTotpSecret } from './totp.js';
import './audit-kinds.js';

export interface SetupDeps {
  db: Db;
  clock: Clock;
  secret: string;
}

/** Wrong codes on one setup link before it stops checking them (10 in 15 minutes). */
const SETUP_CODE_POLICY: ThrottlePolicy = { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export interface OpenSetup {
  tokenHash: string;
  staff: StaffRow;
  /** The secret to enrol, once a password has been chosen. */
  pendingSecret: string | null;
  pendingPasswordHash: string | null;
}

/** The setup behind a raw token if it is unused and unexpired (reading it never uses it: a link scanner's GET is harmless). */
export async function openSetup(deps: SetupDeps, rawToken: string): Promise<OpenSetup | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(rawToken)) return null;
  const tokenHash = sha256(rawToken);
  const row = await findOpenSetupToken(deps.db, tokenHash, deps.clock.now());
  if (!row) return null;
  const staff = await findStaffById(deps.db, row.staff_id);
  if (!staff || staff.enabled !== 1) return null;
  const pendingSecret = row.pending_totp_sealed ? unsealTotpSecret(deps.secret, staff.id, row.pending_totp_sealed) : null;
  return { tokenHash, staff, pendingSecret, pendingPasswordHash: row.pending_password_hash };
}

export type PasswordOutcome = { kind: 'ok' } | { kind: 'gone' } | { kind: 'problem'; errors: { password?: string; confirm?: string } };

/**
 * Step 1: the password (12–64 characters, common passwords refused), kept hashed on the token
 * with a new TOTP secret to enrol (a secret already shown is kept, so a scanned code still works).
 */
export async function choosePassword(deps: SetupDeps, rawToken: string, password: string, confirm: string, ip: string): Promise<PasswordOutcome> {
  const setup = await openSetup(deps, rawToken);
  if (!setup) return { kind: 'gone' };
  const problem = staffPasswordProblem(password, setup.staff.login);
  if (problem) return { kind: 'problem', errors: { password: problem } };
  if (password !== confirm) return { kind: 'problem', errors: { confirm: 'パスワードと確認用のパスワードが一致しません。' } };
  const now = deps.clock.now();
  const secret = setup.pendingSecret ?? newTotpSecret();
  const stored = await setPendingCredentials(deps.db, setup.tokenHash, now, await hashSecret(password), sealTotpSecret(deps.secret, setup.staff.id, secret));
  if (!stored) return { kind: 'gone' };
  await recordAudit(deps.db, now, { kind: 'staff_setup_password_chosen', actor: { kind: 'staff', id: setup.staff.id }, subject: { kind: 'staff', id: setup.staff.id }, ip });
  return { kind: 'ok' };
}

export type ConfirmOutcome = { kind: 'ok'; recoveryCodes: string[]; login: string } | { kind: 'gone' } | { kind: 'needs_password' } | { kind: 'wrong_code' } | { kind: 'locked' };

/**
 * Step 2: one code from the authenticator app confirms the enrolment. In one transaction the
 * token is used (conditional update: single use), the password and the sealed secret move to
 * the account, the code's time-step is kept (it cannot be used again to log in), and ten
 * recovery codes are made; they are returned to be shown once.
 */
export async function confirmTotp(deps: SetupDeps, rawToken: string, code: string, ip: string): Promise<ConfirmOutcome> {
  const setup = await openSetup(deps, rawToken);
  if (!setup) return { kind: 'gone' };
  if (!setup.pendingSecret || !setup.pendingPasswordHash) return { kind: 'needs_password' };
  const now = deps.clock.now();
  const attempt = await takeAttempt(deps.db, `console:setup:${setup.tokenHash}`, now, SETUP_CODE_POLICY);
  if (!attempt.allowed) return { kind: 'locked' };
  const step = matchTotp(setup.pendingSecret, code.normalize('NFKC').replace(/\s/g, ''), now);
  const actor = { kind: 'staff' as const, id: setup.staff.id };
  if (step === null) {
    await recordAudit(deps.db, now, { kind: 'staff_setup_code_failed', actor, subject: { kind: 'staff', id: setup.staff.id }, ip, detail: { attempt: attempt.number } });
    return { kind: 'wrong_code' };
  }
  const codes = newRecoveryCodes();
  const { pendingPasswordHash } = setup;
  const done = await deps.db.transaction().execute(async (trx) => {
    if (!(await consumeSetupToken(trx, setup.tokenHash, now))) return false;
    await completeStaffSetup(trx, setup.staff.id, now, { passwordHash: pendingPasswordHash, totpSealed: sealTotpSecret(deps.secret, setup.staff.id, setup.pendingSecret!), totpStep: step });
    await replaceRecoveryCodes(trx, setup.staff.id, now, codes.map((c) => ({ id: newId(), hash: recoveryCodeHash(normalizeRecoveryCode(c)!) })));
    await recordAudit(trx, now, { kind: 'staff_setup_completed', actor, subject: { kind: 'staff', id: setup.staff.id }, ip, detail: { recovery_codes: codes.length } });
    return true;
  });
  return done ? { kind: 'ok', recoveryCodes: codes, login: setup.staff.login } : { kind: 'gone' };
}
