import type { Db } from '../../platform/db/database.js';
import { clearAttempts } from '../../platform/auth/throttle.js';
import { accountThrottleKey } from './throttling.js';
import { normalizeUserId } from './user-id.js';

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
  await clearAttempts(db, accountThrottleKey(normalizeUserId(row.user_id)));
}
