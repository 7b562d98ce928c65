import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/crypto.js';
import type { NewCredentials } from './credential-steps.js';
import type { Holder } from '../holder.js';

export async function insertCustomer(db: Db, holder: Holder, credentials: NewCredentials, at: Date): Promise<string> {
  const id = newId();
  await db
    .insertInto('customers')
    .values({
      id,
      user_id: credentials.userId,
      password_hash: credentials.passwordHash,
      family_name: holder.familyName,
      given_name: holder.givenName,
      family_kana: holder.familyKana,
      given_kana: holder.givenKana,
      birth_date: holder.birthDate,
      last_login_at: null,
      previous_login_at: null,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    })
    .execute();
  return id;
}

/** New user ID and password hash; returns the user ID they replaced. */
export async function replaceCredentials(db: Db, customerId: string, credentials: NewCredentials, at: Date): Promise<string> {
  const before = await db.selectFrom('customers').select('user_id').where('id', '=', customerId).executeTakeFirstOrThrow();
  await db
    .updateTable('customers')
    .set({ user_id: credentials.userId, password_hash: credentials.passwordHash, updated_at: at.toISOString() })
    .where('id', '=', customerId)
    .execute();
  return before.user_id;
}

/** Whether `userId` belongs to a customer other than the flow's own one. */
export async function userIdTaken(db: Db, userId: string, ownCustomerId: string | null): Promise<boolean> {
  const owner = await db.selectFrom('customers').select('id').where('user_id', '=', userId).executeTakeFirst();
  return owner !== undefined && owner.id !== ownCustomerId;
}
