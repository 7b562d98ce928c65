import { recordAudit } from '../../../platform/auth/audit.js';
import { revokeActorSessions } from '../../../platform/auth/sessions.js';
import { randomToken, sha256 } from '../../../platform/crypto.js';
import type { AppDeps } from '../../../platform/deps.js';
import type { Db } from '../../../platform/db/database.js';
import { secretSlot } from '../../../platform/mail/secrets.js';
import { agencyExists, findStaffById, findStaffByLogin, insertSetupToken, listStaff, type StaffRow } from '../repository.js';
import { addStaff, SETUP_TTL_MS } from '../staff-service.js';
import { isStaffRole, type StaffRole } from '../staff-rules.js';
import { staffSetupMail, type SetupMailInput } from './mail.js';
import { clearStaffCredentials, disableStaffRow, enableStaffRow, latestSetupToken, lockEnabledAdmins, setStaffRole } from './repository.js';
import './audit-kinds.js';

/** The admin acting, and from where. */
export interface AdminActor {
  staffId: string;
  ip: string;
}

/** Refusals and field problems as codes; the views word them. */
export type StaffActionRefusal = 'self' | 'last_admin' | 'not_applicable' | 'no_email' | 'setup_done';
export type StaffActionOutcome = { ok: true } | { ok: false; refusal: StaffActionRefusal } | { ok: false; notFound: true };

export interface StaffSummary {
  id: string;
  login: string;
  name: string;
  email: string | null;
  role: StaffRole | null;
  agencyCode: string | null;
  enabled: boolean;
  mfaEnrolled: boolean;
  lastLoginAt: Date | null;
}

const summary = (s: StaffRow): StaffSummary => ({
  id: s.id,
  login: s.login,
  name: s.name,
  email: s.email,
  role: isStaffRole(s.role) ? s.role : null,
  agencyCode: s.agency_code,
  enabled: s.enabled === 1,
  mfaEnrolled: s.totp_secret_sealed !== null && s.setup_completed_at !== null,
  lastLoginAt: s.last_login_at ? new Date(s.last_login_at) : null,
});

export const staffSummaries = async (db: Db): Promise<StaffSummary[]> => (await listStaff(db)).map(summary);

export async function staffSummary(db: Db, id: string): Promise<StaffSummary | null> {
  const row = await findStaffById(db, id);
  return row ? summary(row) : null;
}

const setupPath = `/console/setup?token=${secretSlot('token')}`;

/** Queues the setup mail with its token in the outbox's sealed secret slot (never readable in the row). */
async function queueSetupMail(deps: AppDeps, trx: Db, staff: { email: string; name: string; login: string }, token: string, now: Date, reason: SetupMailInput['reason']): Promise<void> {
  const url = `${deps.config.baseUrl.replace(/\/$/, '')}${setupPath}`;
  await deps.mail.enqueue(trx, { ...staffSetupMail({ brand: deps.config.brand, to: staff.email, name: staff.name, login: staff.login, url, sentAt: now, ttlMs: SETUP_TTL_MS, reason }), secrets: { token } }, now);
}

/** A new setup URL (24 h) mailed to the member; the links sent before stop working (insertSetupToken retires them). */
async function newSetupLink(deps: AppDeps, trx: Db, staff: { id: string; email: string; name: string; login: string }, now: Date, reason: SetupMailInput['reason']): Promise<void> {
  const token = randomToken();
  await insertSetupToken(trx, { token_hash: sha256(token), staff_id: staff.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SETUP_TTL_MS).toISOString(), used_at: null, pending_password_hash: null, pending_totp_sealed: null });
  await queueSetupMail(deps, trx, staff, token, now, reason);
}

export interface NewStaffInput {
  login: string;
  name: string;
  email: string;
  role: StaffRole;
  agencyCode: string | null;
  reason: string;
}

export type AddOutcome = { ok: true; staffId: string } | { ok: false; errors: Partial<Record<'login' | 'agency', 'taken' | 'unknown'>> } | { ok: false; problems: string[] };

/** 職員の追加: the CLI's rules (staff-service's addStaff), the setup URL mailed to the new member, not shown. */
export async function addStaffByAdmin(deps: AppDeps, by: AdminActor, input: NewStaffInput): Promise<AddOutcome> {
  const errors: Partial<Record<'login' | 'agency', 'taken' | 'unknown'>> = {};
  if (await findStaffByLogin(deps.db, input.login)) errors.login = 'taken';
  if (input.agencyCode !== null && !(await agencyExists(deps.db, input.agencyCode))) errors.agency = 'unknown';
  if (errors.login || errors.agency) return { ok: false, errors };
  const outcome = await addStaff(
    deps,
    { login: input.login, name: input.name, role: input.role, agencyCode: input.agencyCode, email: input.email },
    {
      actor: { kind: 'staff', id: by.staffId },
      ip: by.ip,
      reason: input.reason,
      withinTransaction: (trx, created) => queueSetupMail(deps, trx, { email: input.email, name: input.name.trim(), login: input.login }, created.setupToken, deps.clock.now(), 'created'),
    },
  );
  if (!outcome.ok) return { ok: false, problems: outcome.problems };
  deps.mail.kick();
  return { ok: true, staffId: outcome.staffId };
}

const staffSubject = (id: string) => ({ kind: 'staff', id });

/** 停止: the account can no longer log in and every session of it ends now. Not oneself; never the last enabled admin. */
export async function disableStaff(deps: AppDeps, by: AdminActor, staffId: string, reason: string): Promise<StaffActionOutcome> {
  const target = await findStaffById(deps.db, staffId);
  if (!target) return { ok: false, notFound: true };
  if (target.id === by.staffId) return { ok: false, refusal: 'self' };
  if (target.enabled !== 1) return { ok: false, refusal: 'not_applicable' };
  const now = deps.clock.now();
  const done = await deps.db.transaction().execute(async (trx) => {
    await lockEnabledAdmins(trx);
    if (!(await disableStaffRow(trx, staffId, now))) return false;
    await revokeActorSessions(trx, { kind: 'staff', id: staffId }, now);
    await recordAudit(trx, now, { kind: 'staff_disabled', actor: { kind: 'staff', id: by.staffId }, subject: staffSubject(staffId), ip: by.ip, detail: { reason, before: { enabled: true }, after: { enabled: false } } });
    return true;
  });
  return done ? { ok: true } : { ok: false, refusal: 'last_admin' };
}

/** 再開: the account can log in again with its password and authenticator app. */
export async function enableStaff(deps: AppDeps, by: AdminActor, staffId: string, reason: string): Promise<StaffActionOutcome> {
  const target = await findStaffById(deps.db, staffId);
  if (!target) return { ok: false, notFound: true };
  const now = deps.clock.now();
  const done = await deps.db.transaction().execute(async (trx) => {
    if (!(await enableStaffRow(trx, staffId, now))) return false;
    await recordAudit(trx, now, { kind: 'staff_enabled', actor: { kind: 'staff', id: by.staffId }, subject: staffSubject(staffId), ip: by.ip, detail: { reason, before: { enabled: false }, after: { enabled: true } } });
    return true;
  });
  return done ? { ok: true } : { ok: false, refusal: 'not_applicable' };
}

export type RoleChangeOutcome = StaffActionOutcome | { ok: false; agency: 'required' | 'not_allowed' | 'unknown' };

/**
 * 権限の変更: role and agency (an agency role needs a known agency, the others none). The
 * change takes effect on the member's next request (the console reads the account each time).
 * Not one's own role; never the last enabled admin's.
 */
export async function changeStaffRole(deps: AppDeps, by: AdminActor, staffId: string, role: StaffRole, agencyCode: string | null, reason: string): Promise<RoleChangeOutcome> {
  const target = await findStaffById(deps.db, staffId);
  if (!target) return { ok: false, notFound: true };
  if (target.id === by.staffId) return { ok: false, refusal: 'self' };
  if (role === 'agency' && agencyCode === null) return { ok: false, agency: 'required' };
  if (role !== 'agency' && agencyCode !== null) return { ok: false, agency: 'not_allowed' };
  if (agencyCode !== null && !(await agencyExists(deps.db, agencyCode))) return { ok: false, agency: 'unknown' };
  if (target.role === role && target.agency_code === agencyCode) return { ok: false, refusal: 'not_applicable' };
  const now = deps.clock.now();
  const done = await deps.db.transaction().execute(async (trx) => {
    await lockEnabledAdmins(trx);
    if (!(await setStaffRole(trx, staffId, now, role, agencyCode))) return false;
    await recordAudit(trx, now, {
      kind: 'staff_role_changed',
      actor: { kind: 'staff', id: by.staffId },
      subject: staffSubject(staffId),
      ip: by.ip,
      detail: { reason, before: { role: target.role, agency_code: target.agency_code }, after: { role, agency_code: agencyCode } },
    });
    return true;
  });
  return done ? { ok: true } : { ok: false, refusal: 'last_admin' };
}

/**
 * 2段階認証のリセット (a lost phone): every session ends, the password, the TOTP secret and the
 * recovery codes are cleared, and a new setup URL (24 h) is mailed, so the member sets a password
 * and enrols an authenticator app again through the same setup as a new account. Not oneself
 * (another admin resets an admin's), and only for an account with an e-mail address.
 */
export async function resetStaffMfa(deps: AppDeps, by: AdminActor, staffId: string, reason: string): Promise<StaffActionOutcome> {
  const target = await findStaffById(deps.db, staffId);
  if (!target) return { ok: false, notFound: true };
  if (target.id === by.staffId) return { ok: false, refusal: 'self' };
  if (target.enabled !== 1) return { ok: false, refusal: 'not_applicable' };
  const email = target.email;
  if (!email) return { ok: false, refusal: 'no_email' };
  const now = deps.clock.now();
  const wasEnrolled = target.totp_secret_sealed !== null && target.setup_completed_at !== null;
  await deps.db.transaction().execute(async (trx) => {
    await clearStaffCredentials(trx, staffId, now);
    await revokeActorSessions(trx, { kind: 'staff', id: staffId }, now);
    await newSetupLink(deps, trx, { id: staffId, email, name: target.name, login: target.login }, now, 'mfa_reset');
    await recordAudit(trx, now, {
      kind: 'staff_mfa_reset',
      actor: { kind: 'staff', id: by.staffId },
      subject: staffSubject(staffId),
      ip: by.ip,
      detail: { reason, before: { mfa_enrolled: wasEnrolled, password_set: target.password_hash !== null }, after: { mfa_enrolled: false, password_set: false } },
    });
  });
  deps.mail.kick();
  return { ok: true };
}

/**
 * 初期設定URLの再発行: for a member who has not finished the setup (the link expired or was
 * lost); a new link is mailed and the old ones stop working. A member who has finished it
 * needs 2段階認証のリセット instead.
 */
export async function reissueSetupLink(deps: AppDeps, by: AdminActor, staffId: string, reason: string): Promise<StaffActionOutcome> {
  const target = await findStaffById(deps.db, staffId);
  if (!target) return { ok: false, notFound: true };
  if (target.enabled !== 1 || summary(target).mfaEnrolled) return { ok: false, refusal: 'setup_done' };
  const email = target.email;
  if (!email) return { ok: false, refusal: 'no_email' };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await latestSetupToken(trx, staffId);
    await newSetupLink(deps, trx, { id: staffId, email, name: target.name, login: target.login }, now, 'reissued');
    await recordAudit(trx, now, {
      kind: 'staff_setup_reissued',
      actor: { kind: 'staff', id: by.staffId },
      subject: staffSubject(staffId),
      ip: by.ip,
      detail: { reason, before: { setup_link_expires_at: before?.expires_at ?? null, setup_link_used: Boolean(before?.used_at) }, after: { setup_link_expires_at: new Date(now.getTime() + SETUP_TTL_MS).toISOString() } },
    });
  });
  deps.mail.kick();
  return { ok: true };
}
