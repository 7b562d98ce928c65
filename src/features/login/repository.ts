import type { Db } from '../../platform/db/database.js';

export interface LoginAccount {
  id: string;
  password_hash: string;
}

export async function findAccountByUserId(db: Db, userId: string): Promise<LoginAccount | undefined> {
  return db.selectFrom('customers').select(['id', 'password_hash']).where('user_id', '=', userId).executeTakeFirst();
}
