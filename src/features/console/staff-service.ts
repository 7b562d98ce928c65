import { recordAudit } from '../../platform/auth/audit.js';
import { SYSTEM, type Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { hashSecret, newId, randomToken, sha256 } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { agencyExists, findStaffByLogin, insertSetupToken, insertStaff, listStaff, upsertStaff } from './repository.js';
import { newStaffProblems, type NewStaff, type StaffRole } from './staff-rules.js';
import { sealTotpSecret } from './totp.js';
import './audit-kinds.js';

/** A setup URL is valid for 24 hours (the console contract). */
export const SETUP_TTL_MS = 24 * 3_600_000;

export const setupUrl = (baseUrl: string, rawToken: string): string => `${baseUrl.replace(/\/$/, '')}/console/setup?token=${rawToken}`;

export type AddStaffOutcome = { ok: true; staffId: string; setupToken: string; expiresAt: Date } | { ok: false; problems: string[] };

/** Who adds the account (the CLI: the system) and what else commits with it (the console mails the setup link). */
export interface AddStaffBy {
  actor: Actor;
  ip?: string | null;
  reason?: string;
  /** Runs in the account's transaction, e.g. to queue the setup mail. */
  withinTransaction?: (trx: Db, created: { staffId: string; setupToken: string; expiresAt: Date }) => Promise<void>;
}

/** Creates a staff account without credentials and a setup token (32 random bytes; only its SHA-256 is kept). */
export async function addStaff(deps: { db: Db; clock: Clock }, input: NewStaff, by: AddStaffBy = { actor: SYSTEM }): Promise<AddStaffOutcome> {
  const problems = newStaffProblems(input);
  if (problems.length) return { ok: false, problems };
  const { db } = deps;
  if (input.agencyCode && !(await agencyExists(db, input.agencyCode))) return { ok: false, problems: [`no agency with code ${input.agencyCode}`] };
  if (await findStaffByLogin(db, input.login)) return { ok: false, problems: [`the login ${input.login} is taken`] };
  const now = deps.clock.now();
  const staffId = newId();
  const setupToken = randomToken();
  const expiresAt = new Date(now.getTime() + SETUP_TTL_MS);
  await db.transaction().execute(async (trx) => {
    await insertStaff(trx, {
      id: staffId,
      login: input.login,
      name: input.name.trim(),
      email: input.email,
      role: input.role,
      agency_code: input.agencyCode,
      password_hash: null,
      totp_secret_sealed: null,
      totp_last_step: null,
      enabled: 1,
      setup_completed_at: null,
      last_login_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await insertSetupToken(trx, { token_hash: sha256(setupToken), staff_id: staffId, created_at: now.toISOString(), expires_at: expiresAt.toISOString(), used_at: null, pending_password_hash: null, pending_totp_sealed: null });
    await recordAudit(trx, now, {
      kind: 'staff_created',
      actor: by.actor,
      subject: { kind: 'staff', id: staffId },
      ip: by.ip ?? null,
      detail: { ...(by.reason !== undefined ? { reason: by.reason } : {}), before: null, after: { login: input.login, name: input.name.trim(), role: input.role, agency_code: input.agencyCode, email: input.email } },
    });
    await by.withinTransaction?.(trx, { staffId, setupToken, expiresAt });
  });
  return { ok: true, staffId, setupToken, expiresAt };
}

export interface StaffListing {
  login: string;
  name: string;
  role: string;
  agencyCode: string | null;
  enabled: boolean;
  mfaEnrolled: boolean;
}

export async function staffListing(db: Db): Promise<StaffListing[]> {
  return (await listStaff(db)).map((s) => ({ login: s.login, name: s.name, role: s.role, agencyCode: s.agency_code, enabled: s.enabled === 1, mfaEnrolled: s.totp_secret_sealed !== null && s.setup_completed_at !== null }));
}

export interface ReadyStaff {
  login: string;
  name: string;
  role: StaffRole;
  agencyCode: string | null;
  password: string;
  totpSecret: string;
}

/**
 * Accounts that are set up already, with a known password and TOTP secret: for the demo only
 * (the CLI's accounts always go through the setup URL). Loading again resets them.
 */
export async function upsertReadyStaff(db: Db, appSecret: string, now: Date, accounts: ReadyStaff[]): Promise<number> {
  for (const account of accounts) {
    const id = (await findStaffByLogin(db, account.login))?.id ?? newId();
    await upsertStaff(db, {
      id,
      login: account.login,
      name: account.name,
      email: null,
      role: account.role,
      agency_code: account.agencyCode,
      password_hash: await hashSecret(account.password),
      totp_secret_sealed: sealTotpSecret(appSecret, id, account.totpSecret),
      totp_last_step: null,
      enabled: 1,
      setup_completed_at: now.toISOString(),
      last_login_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
  }
  return accounts.length;
}
