import type { Db } from '../../../platform/db/database.js';
import type { AuditEventTable } from '../../../platform/db/schema.js';

export interface AgencyOption {
  code: string;
  name: string;
}

export const listAgencies = (db: Db): Promise<AgencyOption[]> => db.selectFrom('agencies').select(['code', 'name']).orderBy('code').execute();

/**
 * Takes the row locks of every enabled admin (PostgreSQL; SQLite has one writer anyway) before a
 * change that could leave none: two admins disabling each other at once wait for each other, and
 * the second's conditional update then sees the first's change.
 */
export async function lockEnabledAdmins(db: Db): Promise<void> {
  await db.updateTable('staff_accounts').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('role', '=', 'admin').where('enabled', '=', 1).execute();
}

/**
 * Disables an account, only while some other enabled admin remains (there is always one):
 * the condition is in the update, so it holds for the row the statement changes.
 */
export async function disableStaffRow(db: Db, staffId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_accounts')
    .set({ enabled: 0, updated_at: now.toISOString() })
    .where('id', '=', staffId)
    .where('enabled', '=', 1)
    .where((eb) =>
      eb(
        eb.selectFrom('staff_accounts as other').select((o) => o.fn.countAll<number>().as('n')).where('other.role', '=', 'admin').where('other.enabled', '=', 1).where('other.id', '<>', staffId),
        '>=',
        1,
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function enableStaffRow(db: Db, staffId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('staff_accounts').set({ enabled: 1, updated_at: now.toISOString() }).where('id', '=', staffId).where('enabled', '=', 0).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new role and agency; a change away from admin only while another enabled admin remains. */
export async function setStaffRole(db: Db, staffId: string, now: Date, role: string, agencyCode: string | null): Promise<boolean> {
  let query = db.updateTable('staff_accounts').set({ role, agency_code: agencyCode, updated_at: now.toISOString() }).where('id', '=', staffId);
  if (role !== 'admin') {
    query = query.where((eb) =>
      eb.or([
        eb('role', '<>', 'admin'),
        eb('enabled', '=', 0),
        eb(eb.selectFrom('staff_accounts as other').select((o) => o.fn.countAll<number>().as('n')).where('other.role', '=', 'admin').where('other.enabled', '=', 1).where('other.id', '<>', staffId), '>=', 1),
      ]),
    );
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Back to "not set up": no password, no TOTP secret, no recovery codes (the setup link sets all three again). */
export async function clearStaffCredentials(db: Db, staffId: string, now: Date): Promise<void> {
  await db
    .updateTable('staff_accounts')
    .set({ password_hash: null, totp_secret_sealed: null, totp_last_step: null, setup_completed_at: null, updated_at: now.toISOString() })
    .where('id', '=', staffId)
    .execute();
  await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
}

export interface AuditFilter {
  staffId: string | null;
  customerId: string | null;
  kind: string | null;
  /** Inclusive lower and exclusive upper bound, ISO instants. */
  from: string | null;
  until: string | null;
}

export interface AuditRow extends AuditEventTable {
  actor_login: string | null;
  actor_name: string | null;
  subject_login: string | null;
}

/** Audit events matching the filter, newest first, with the staff logins of actor and subject. */
export function findAuditEvents(db: Db, filter: AuditFilter, limit: number, offset: number): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('staff_accounts as actor', (join) => join.onRef('actor.id', '=', 'e.actor_id').on('e.actor_kind', '=', 'staff'))
    .leftJoin('staff_accounts as subject', (join) => join.onRef('subject.id', '=', 'e.subject_id').on('e.subject_kind', '=', 'staff'))
    .selectAll('e')
    .select(['actor.login as actor_login', 'actor.name as actor_name', 'subject.login as subject_login']);
  const { staffId, customerId, kind, from, until } = filter;
  if (staffId !== null)
    query = query.where((eb) =>
      eb.or([eb.and([eb('e.actor_kind', '=', 'staff'), eb('e.actor_id', '=', staffId)]), eb.and([eb('e.subject_kind', '=', 'staff'), eb('e.subject_id', '=', staffId)])]),
    );
  if (customerId !== null) query = query.where('e.customer_id', '=', customerId);
  if (kind !== null) query = query.where('e.kind', '=', kind);
  if (from !== null) query = query.where('e.at', '>=', from);
  if (until !== null) query = query.where('e.at', '<', until);
  return query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(limit).offset(offset).execute();
}

export async function auditKindsInUse(db: Db): Promise<string[]> {
  return (await db.selectFrom('audit_events').select('kind').distinct().orderBy('kind').execute()).map((r) => r.kind);
}

/** The member's newest setup link (used, expired or open), for an audit event's before. */
export const latestSetupToken = (db: Db, staffId: string) =>
  db.selectFrom('staff_setup_tokens').select(['expires_at', 'used_at']).where('staff_id', '=', staffId).orderBy('created_at', 'desc').executeTakeFirst();
