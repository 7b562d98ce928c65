import type { Db } from '../../platform/db/database.js';
import type { ReregistrationHoldTable } from '../../platform/db/schema.js';
import type { Holder } from '../policies/holder.js';
import { CUSTOMER_HOLDER_COLUMNS, customerHolderOf } from '../policies/policy-query.js';

export type HoldStatus = 'pending' | 'applied' | 'cancelled' | 'replaced' | 'refused';

export interface Hold {
  id: string;
  customerId: string;
  flowId: string;
  userId: string;
  passwordHash: string | null;
  status: HoldStatus;
  createdAt: Date;
  effectiveAt: Date;
}

const toHold = (row: ReregistrationHoldTable): Hold => ({
  id: row.id,
  customerId: row.customer_id,
  flowId: row.flow_id,
  userId: row.user_id,
  passwordHash: row.password_hash,
  status: row.status as HoldStatus,
  createdAt: new Date(row.created_at),
  effectiveAt: new Date(row.effective_at),
});

export async function insertHold(db: Db, hold: Omit<Hold, 'status' | 'passwordHash'> & { passwordHash: string; cancelTokenHash: string }): Promise<void> {
  await db
    .insertInto('reregistration_holds')
    .values({
      id: hold.id,
      customer_id: hold.customerId,
      flow_id: hold.flowId,
      user_id: hold.userId,
      password_hash: hold.passwordHash,
      cancel_token_hash: hold.cancelTokenHash,
      status: 'pending',
      created_at: hold.createdAt.toISOString(),
      effective_at: hold.effectiveAt.toISOString(),
      resolved_at: null,
    })
    .execute();
}

/** Ends the customer's pending hold, if any (its password hash dropped); returns its id. */
export async function resolvePendingOfCustomer(db: Db, customerId: string, status: Exclude<HoldStatus, 'pending'>, at: Date): Promise<string | null> {
  const row = await db
    .updateTable('reregistration_holds')
    .set({ status, password_hash: null, resolved_at: at.toISOString() })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Claims a due hold for applying: the conditional update changes the row for one caller only,
 * however many logins race; returns the hold as it was (with its password hash) to that caller.
 */
export async function claimDueHold(db: Db, id: string, at: Date): Promise<Hold | null> {
  const before = await db.selectFrom('reregistration_holds').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) return null;
  const result = await db
    .updateTable('reregistration_holds')
    .set({ status: 'applied', password_hash: null, resolved_at: at.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('effective_at', '<=', at.toISOString())
    .executeTakeFirst();
  return result.numUpdatedRows === 1n ? toHold(before) : null;
}

export async function setHoldStatus(db: Db, id: string, status: HoldStatus): Promise<void> {
  await db.updateTable('reregistration_holds').set({ status }).where('id', '=', id).execute();
}

/** Pending holds past their time whose new user ID, or whose customer's current one, is `userId`. */
export async function dueHoldIdsFor(db: Db, userId: string, at: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('reregistration_holds as h')
    .innerJoin('customers as c', 'c.id', 'h.customer_id')
    .select('h.id')
    .where('h.status', '=', 'pending')
    .where('h.effective_at', '<=', at.toISOString())
    .where((eb) => eb.or([eb('h.user_id', '=', userId), eb('c.user_id', '=', userId)]))
    .execute();
  return rows.map((row) => row.id);
}

/** Pending holds past their time, oldest first. */
export async function dueHoldIds(db: Db, at: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('reregistration_holds')
    .select('id')
    .where('status', '=', 'pending')
    .where('effective_at', '<=', at.toISOString())
    .orderBy('effective_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export async function findHoldByCancelToken(db: Db, tokenHash: string): Promise<Hold | null> {
  const row = await db.selectFrom('reregistration_holds').selectAll().where('cancel_token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toHold(row) : null;
}

/** The 心当たりがない link's single use: only while pending and before its time. */
export async function cancelByToken(db: Db, tokenHash: string, at: Date): Promise<Hold | null> {
  const before = await findHoldByCancelToken(db, tokenHash);
  if (!before) return null;
  const result = await db
    .updateTable('reregistration_holds')
    .set({ status: 'cancelled', password_hash: null, resolved_at: at.toISOString() })
    .where('cancel_token_hash', '=', tokenHash)
    .where('status', '=', 'pending')
    .where('effective_at', '>', at.toISOString())
    .executeTakeFirst();
  return result.numUpdatedRows === 1n ? before : null;
}

export async function findHoldOfFlow(db: Db, flowId: string): Promise<Hold | null> {
  const row = await db.selectFrom('reregistration_holds').selectAll().where('flow_id', '=', flowId).orderBy('created_at', 'desc').executeTakeFirst();
  return row ? toHold(row) : null;
}

/** The account a hold belongs to: its current user ID, its holder (for linking policies) and its language (customers.locale, for the mails a job sends). */
export async function findHoldAccount(db: Db, customerId: string): Promise<{ userId: string; holder: Holder; locale: string } | null> {
  const row = await db
    .selectFrom('customers')
    .select(['user_id', 'locale', ...CUSTOMER_HOLDER_COLUMNS])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!row) return null;
  return { userId: row.user_id, holder: customerHolderOf(row), locale: row.locale };
}
