import type { Db } from '../../platform/db/database.js';
import type { StaffAccountTable, StaffSetupTokenTable } from '../../platform/db/schema.js';

export type StaffRow = StaffAccountTable;

export const findStaffByLogin = (db: Db, login: string): Promise<StaffRow | undefined> =>
  db.selectFrom('staff_accounts').selectAll().where('login', '=', login).executeTakeFirst();

export const findStaffById = (db: Db, id: string): Promise<StaffRow | undefined> =>
  db.selectFrom('staff_accounts').selectAll().where('id', '=', id).executeTakeFirst();

export const listStaff = (db: Db): Promise<StaffRow[]> => db.selectFrom('staff_accounts').selectAll().orderBy('login').execute();

export async function agencyExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('agencies').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertStaff(db: Db, row: StaffRow): Promise<void> {
  await db.insertInto('staff_accounts').values(row).execute();
}

/** A new setup token for the account; older unused ones are retired. */
export async function insertSetupToken(db: Db, row: StaffSetupTokenTable): Promise<void> {
  await db.updateTable('staff_setup_tokens').set({ used_at: row.created_at }).where('staff_id', '=', row.staff_id).where('used_at', 'is', null).execute();
  await db.insertInto('staff_setup_tokens').values(row).execute();
}

/** The token row if it is unused and unexpired at `now`. */
export const findOpenSetupToken = (db: Db, tokenHash: string, now: Date): Promise<StaffSetupTokenTable | undefined> =>
  db
    .selectFrom('staff_setup_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();

/** Keeps the chosen password (and the secret to enrol) on an open token; false if the token is no longer open. */
export async function setPendingCredentials(db: Db, tokenHash: string, now: Date, passwordHash: string, totpSealed: string): Promise<boolean> {
  const result = await db
    .updateTable('staff_setup_tokens')
    .set({ pending_password_hash: passwordHash, pending_totp_sealed: totpSealed })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Single use: only one request can move an open token to used. */
export async function consumeSetupToken(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_setup_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function completeStaffSetup(db: Db, staffId: string, now: Date, values: { passwordHash: string; totpSealed: string; totpStep: number }): Promise<void> {
  await db
    .updateTable('staff_accounts')
    .set({ password_hash: values.passwordHash, totp_secret_sealed: values.totpSealed, totp_last_step: values.totpStep, setup_completed_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', staffId)
    .execute();
}

export async function replaceRecoveryCodes(db: Db, staffId: string, now: Date, codes: Array<{ id: string; hash: string }>): Promise<void> {
  await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
  await db
    .insertInto('staff_recovery_codes')
    .values(codes.map((c) => ({ id: c.id, staff_id: staffId, code_hash: c.hash, created_at: now.toISOString(), used_at: null })))
    .execute();
}

/** Accepts a time-step only if it is later than the last accepted one: a replayed code changes no row. */
export async function acceptTotpStep(db: Db, staffId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_accounts')
    .set({ totp_last_step: step })
    .where('id', '=', staffId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uses a recovery code once: the conditional update lets only one request have it. */
export async function useRecoveryCode(db: Db, staffId: string, codeHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, staffId: string): Promise<number> {
  const row = await db.selectFrom('staff_recovery_codes').select((eb) => eb.fn.countAll<string | number>().as('n')).where('staff_id', '=', staffId).where('used_at', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function recordStaffLogin(db: Db, staffId: string, now: Date): Promise<void> {
  await db.updateTable('staff_accounts').set({ last_login_at: now.toISOString() }).where('id', '=', staffId).execute();
}

/** Demo: an account with fixed credentials, created or reset by login (pass the id it already has, if any: the sealed secret is bound to it). */
export async function upsertStaff(db: Db, row: StaffRow): Promise<void> {
  await db
    .insertInto('staff_accounts')
    .values(row)
    .onConflict((oc) =>
      oc.column('login').doUpdateSet({
        name: row.name,
        role: row.role,
        agency_code: row.agency_code,
        password_hash: row.password_hash,
        totp_secret_sealed: row.totp_secret_sealed,
        totp_last_step: null,
        enabled: 1,
        setup_completed_at: row.setup_completed_at,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** A staff password hash made at today's parameters, unless the password changed meanwhile (a conditional update). */
export async function replaceStaffPasswordHash(db: Db, staffId: string, oldHash: string, newHash: string): Promise<void> {
  await db.updateTable('staff_accounts').set({ password_hash: newHash }).where('id', '=', staffId).where('password_hash', '=', oldHash).execute();
}
