import { randomInt } from 'node:crypto';
import { passwordProblem, type PasswordPolicy } from '../../../platform/auth/password-rule.js';
import type { Db } from '../../../platform/db/database.js';
import { fixedQuery } from '../../../platform/db/fixed-query.js';

// 仮パスワード (decision 0018): the desk issues it, login honours it, the customer's first page
// after login replaces it. It replaces the account's password; the row says it is temporary.

export const TEMPORARY_PASSWORD_TTL_MS = 72 * 3_600_000;

/** Read out by phone: lower-case letters and digits without i, l, o, 0 and 1. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

/** A random temporary password (about 50 bits) that the customer password rule accepts. */
export function newTemporaryPassword(userId: string, policy: PasswordPolicy): string {
  const length = Math.min(policy.maxLength, Math.max(policy.minLength, LENGTH));
  for (;;) {
    const password = Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (passwordProblem(password, userId, policy) === null) return password;
  }
}

export type TemporaryDelivery = 'screen' | 'mail';

export interface IssuedTemporaryPassword {
  customerId: string;
  passwordHash: string;
  delivery: TemporaryDelivery;
  issuedBy: string;
  issuedAt: Date;
  revealSealed: string | null;
}

/** The account's password becomes the temporary one (one per account: a new one replaces the last). */
export async function saveTemporaryPassword(db: Db, t: IssuedTemporaryPassword): Promise<Date> {
  const expiresAt = new Date(t.issuedAt.getTime() + TEMPORARY_PASSWORD_TTL_MS);
  await db.updateTable('customers').set({ password_hash: t.passwordHash, updated_at: t.issuedAt.toISOString() }).where('id', '=', t.customerId).execute();
  await db.deleteFrom('temporary_passwords').where('customer_id', '=', t.customerId).execute();
  await db
    .insertInto('temporary_passwords')
    .values({ customer_id: t.customerId, password_hash: t.passwordHash, delivery: t.delivery, issued_by: t.issuedBy, issued_at: t.issuedAt.toISOString(), expires_at: expiresAt.toISOString(), reveal_sealed: t.revealSealed })
    .execute();
  return expiresAt;
}

// Read on every page of a session (new-password-routes.tsx): two one-table reads by key, the
// second only when a temporary password exists, cost a fifth of the join (decision 0010).
const temporaryByCustomer = fixedQuery((db, customerId: string) => db.selectFrom('temporary_passwords').select(['expires_at', 'password_hash']).where('customer_id', '=', customerId), 1);
const passwordHashOf = fixedQuery((db, customerId: string) => db.selectFrom('customers').select('password_hash').where('id', '=', customerId), 1);

/** The account's temporary password, if its password is one (null once anything replaced it). */
export async function temporaryPasswordOf(db: Db, customerId: string): Promise<{ expiresAt: Date } | null> {
  const [temporary] = await temporaryByCustomer(db, customerId);
  if (!temporary) return null;
  const [account] = await passwordHashOf(db, customerId);
  return account?.password_hash === temporary.password_hash ? { expiresAt: new Date(temporary.expires_at) } : null;
}

export async function clearTemporaryPassword(db: Db, customerId: string): Promise<void> {
  await db.deleteFrom('temporary_passwords').where('customer_id', '=', customerId).execute();
}

/**
 * The sealed clear text for its one showing, taken by a conditional update (a reload or a
 * second tab gets null). Only the issuing staff member, and only within `since`.
 */
export async function takeReveal(db: Db, customerId: string, staffId: string, since: Date): Promise<{ sealed: string; expiresAt: Date } | null> {
  const row = await db
    .selectFrom('temporary_passwords')
    .select(['reveal_sealed', 'expires_at'])
    .where('customer_id', '=', customerId)
    .where('issued_by', '=', staffId)
    .where('issued_at', '>', since.toISOString())
    .where('reveal_sealed', 'is not', null)
    .executeTakeFirst();
  if (!row?.reveal_sealed) return null;
  const taken = await db.updateTable('temporary_passwords').set({ reveal_sealed: null }).where('customer_id', '=', customerId).where('reveal_sealed', '=', row.reveal_sealed).executeTakeFirst();
  return taken.numUpdatedRows === 1n ? { sealed: row.reveal_sealed, expiresAt: new Date(row.expires_at) } : null;
}
