import type { Db } from '../../platform/db/database.js';
import { newId } from '../../platform/crypto.js';
import type { NewCredentials } from './flow.js';
import type { Holder } from './identity.js';

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
