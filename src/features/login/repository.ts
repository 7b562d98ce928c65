import type { Db } from '../../platform/db/database.js';

export interface LoginAccount {
  id: string;
  password_hash: string;
  /** 「パスワードでのログインを停止する」: set while only passkeys log in (decision 0022). */
  password_login_stopped_at: string | null;
}

export async function findAccountByUserId(db: Db, userId: string): Promise<LoginAccount | undefined> {
  // A closed account (利用停止), or one the desk suspended, logs in no more: the same answer as an unknown ID.
  return db.selectFrom('customers').select(['id', 'password_hash', 'password_login_stopped_at']).where('user_id', '=', userId).where('closed_at', 'is', null).where('suspended_at', 'is', null).executeTakeFirst();
}

/** Stores a password hash made at today's parameters, unless the password changed meanwhile (a conditional update). */
export async function replacePasswordHash(db: Db, customerId: string, oldHash: string, newHash: string): Promise<void> {
  await db.updateTable('customers').set({ password_hash: newHash }).where('id', '=', customerId).where('password_hash', '=', oldHash).execute();
}
