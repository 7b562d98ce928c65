import type { Db } from '../../platform/db/database.js';
import type { Holder } from '../policies/holder.js';

export interface RecoveringCustomer {
  id: string;
  userId: string;
  holder: Holder;
}

export async function findCustomerByUserId(db: Db, userId: string): Promise<RecoveringCustomer | null> {
  const row = await db
    .selectFrom('customers')
    .select(['id', 'user_id', 'family_name', 'given_name', 'family_kana', 'given_kana', 'birth_date'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    holder: { familyName: row.family_name, givenName: row.given_name, familyKana: row.family_kana, givenKana: row.given_kana, birthDate: row.birth_date },
  };
}
