import { randomToken, sha256 } from '../crypto.js';
import type { Db } from '../db/database.js';

/** A device cookie lives about as long as browsers keep one (Chrome caps at 400 days). */
export const DEVICE_COOKIE_DAYS = 400;

/** The customer whose browser this device cookie is, if it is one we issued. */
export async function deviceOwner(db: Db, token: string | null): Promise<{ tokenHash: string; customerId: string } | null> {
  if (!token || token.length !== 43) return null;
  const tokenHash = sha256(token);
  const row = await db.selectFrom('known_devices').select('customer_id').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? { tokenHash, customerId: row.customer_id } : null;
}

/**
 * After a successful login: the browser's device cookie, kept if it is already this customer's
 * (one conditional update: the login has looked the cookie up already), else a new one.
 */
export async function rememberDevice(db: Db, customerId: string, token: string | null, at: Date): Promise<string> {
  if (token && token.length === 43) {
    const kept = await db.updateTable('known_devices').set({ last_used_at: at.toISOString() }).where('token_hash', '=', sha256(token)).where('customer_id', '=', customerId).executeTakeFirst();
    if (kept.numUpdatedRows > 0n) return token;
  }
  const fresh = randomToken();
  await db.insertInto('known_devices').values({ token_hash: sha256(fresh), customer_id: customerId, created_at: at.toISOString(), last_used_at: at.toISOString() }).execute();
  return fresh;
}
