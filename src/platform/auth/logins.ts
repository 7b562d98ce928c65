import { sha256 } from '../crypto.js';
import type { Db } from '../db/database.js';
import { normalizeEmail } from '../text.js';
import { clearAttempts } from './throttle.js';

/** The throttle key of a user ID's failed logins; the ID is hashed so typed addresses are not kept there. */
export const accountThrottleKey = (normalizedUserId: string): string => `login:account:${sha256(normalizedUserId)}`;

/** The throttle key of a browser that logged in to its ID before (its device cookie's SHA-256). */
export const deviceThrottleKey = (deviceTokenHash: string): string => `login:device:${deviceTokenHash}`;

/**
 * Records a successful login: the one before becomes 前回ログイン日時 on home, and the
 * failure counter of the user ID is cleared (a recovery or 再登録 also lifts a lock).
 * Used by the login form and by the flows that end logged in (registration, recovery).
 */
export async function recordSuccessfulLogin(db: Db, customerId: string, at: Date): Promise<void> {
  const row = await db
    .selectFrom('customers')
    .select(['last_login_at', 'user_id'])
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('customers')
    .set({ previous_login_at: row.last_login_at, last_login_at: at.toISOString() })
    .where('id', '=', customerId)
    .execute();
  await clearAttempts(db, accountThrottleKey(normalizeEmail(row.user_id)));
}
