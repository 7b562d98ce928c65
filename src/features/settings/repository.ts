import type { Db } from '../../platform/db/database.js';
import { ownPolicyNumbers } from '../policies/policy-query.js';
import { newId } from '../../platform/crypto.js';

/** The account as the settings pages need it (open accounts only). */
export interface Account {
  id: string;
  userId: string;
  passwordHash: string;
}

export async function findAccount(db: Db, customerId: string): Promise<Account | null> {
  const row = await db
    .selectFrom('customers')
    .select(['id', 'user_id', 'password_hash'])
    .where('id', '=', customerId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id, passwordHash: row.password_hash } : null;
}

/** Whether another customer (open or not) holds this user ID. */
export async function userIdHeldByOther(db: Db, userId: string, customerId: string): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('user_id', '=', userId).where('id', '!=', customerId).executeTakeFirst();
  return row !== undefined;
}

export async function updateUserId(db: Db, customerId: string, userId: string, at: Date): Promise<void> {
  await db.updateTable('customers').set({ user_id: userId, updated_at: at.toISOString() }).where('id', '=', customerId).execute();
}

export async function updatePasswordHash(db: Db, customerId: string, passwordHash: string, at: Date): Promise<void> {
  await db.updateTable('customers').set({ password_hash: passwordHash, updated_at: at.toISOString() }).where('id', '=', customerId).execute();
}

/**
 * 利用停止: the row stays for audit, but it can no longer log in or be recovered, and its
 * address is free for a new registration (the user ID becomes a value no address can equal).
 */
export async function closeCustomer(db: Db, customerId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set({ closed_at: at.toISOString(), user_id: `closed:${customerId}`, password_hash: '', updated_at: at.toISOString() })
    .where('id', '=', customerId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Unlinks every policy of the customer (the policies themselves are untouched); returns their numbers. */
export async function unlinkPolicies(db: Db, customerId: string, at: Date): Promise<string[]> {
  const numbers = await ownPolicyNumbers(db, customerId);
  await db.updateTable('policies').set({ customer_id: null, updated_at: at.toISOString() }).where('customer_id', '=', customerId).execute();
  return numbers;
}

/** Ends every open flow of the customer (registration, recovery, e-mail change) now. */
export async function expireCustomerFlows(db: Db, customerId: string, at: Date): Promise<string[]> {
  const rows = await db.selectFrom('flows').select('id').where('customer_id', '=', customerId).where('expires_at', '>', at.toISOString()).execute();
  const ids = rows.map((row) => row.id);
  if (ids.length > 0) await db.updateTable('flows').set({ expires_at: at.toISOString(), updated_at: at.toISOString() }).where('id', 'in', ids).execute();
  return ids;
}

/** The contact on file: from the customer's policy ending last that has any (the core system's data). */
export interface ContactOnFile {
  postalCode: string | null;
  address: string | null;
  phone: string | null;
}

export async function contactOnFile(db: Db, customerId: string): Promise<ContactOnFile | null> {
  const row = await db
    .selectFrom('policies')
    .select(['postal_code', 'address', 'phone'])
    .where('customer_id', '=', customerId)
    .where((eb) => eb.or([eb('postal_code', 'is not', null), eb('address', 'is not', null), eb('phone', 'is not', null)]))
    .orderBy('end_date', 'desc')
    .orderBy('policy_number')
    .executeTakeFirst();
  return row ? { postalCode: row.postal_code, address: row.address, phone: row.phone } : null;
}

export interface NewChangeRequest {
  customerId: string;
  kind: 'address';
  data: unknown;
  at: Date;
}

export async function insertChangeRequest(db: Db, request: NewChangeRequest): Promise<string> {
  const id = newId();
  await db
    .insertInto('change_requests')
    .values({ id, customer_id: request.customerId, kind: request.kind, data: JSON.stringify(request.data), status: 'pending', created_at: request.at.toISOString() })
    .execute();
  return id;
}

export interface ChangeRequestRow {
  id: string;
  kind: string;
  data: string;
  status: string;
  created_at: string;
}

/** The customer's requests the insurer has not taken yet, newest first. */
export async function pendingChangeRequests(db: Db, customerId: string, kind: string): Promise<ChangeRequestRow[]> {
  return db
    .selectFrom('change_requests')
    .select(['id', 'kind', 'data', 'status', 'created_at'])
    .where('customer_id', '=', customerId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(5)
    .execute();
}

/** The newest open e-mail change of the customer (its flow id), if any. */
export async function latestEmailChangeFlowId(db: Db, customerId: string, kind: string, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('flows')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('kind', '=', kind)
    .where('state', '=', 'mail_sent')
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** 満期案内メール: whether the customer chose 受け取らない (a row in reminder_opt_outs). */
export async function remindersOptedOut(db: Db, customerId: string): Promise<boolean> {
  return (await db.selectFrom('reminder_opt_outs').select('customer_id').where('customer_id', '=', customerId).executeTakeFirst()) !== undefined;
}

/** Sets 受け取らない (a row) or 受け取る (none); true when that changed anything. */
export async function setRemindersOptOut(db: Db, customerId: string, optOut: boolean, at: Date): Promise<boolean> {
  if (optOut) {
    const inserted = await db.insertInto('reminder_opt_outs').values({ customer_id: customerId, created_at: at.toISOString() }).onConflict((oc) => oc.column('customer_id').doNothing()).executeTakeFirst();
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
  const deleted = await db.deleteFrom('reminder_opt_outs').where('customer_id', '=', customerId).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}
