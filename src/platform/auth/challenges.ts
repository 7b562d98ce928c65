import { sha256 } from '../crypto.js';
import type { Db } from '../db/database.js';

/** How long a WebAuthn challenge may be answered. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/** Who a challenge was handed to: nobody yet (a login), or a customer in one session. */
export interface ChallengeBinding {
  purpose: string;
  customerId: string | null;
  sessionHash: string | null;
}

/**
 * Keeps a challenge handed to a browser: only its SHA-256 (a stolen table answers nothing),
 * what it is for and whom, and until when.
 */
export async function storeChallenge(db: Db, challenge: string, binding: ChallengeBinding, now: Date, ttlMs: number = CHALLENGE_TTL_MS): Promise<void> {
  await db
    .insertInto('webauthn_challenges')
    .values({
      challenge_hash: sha256(challenge),
      purpose: binding.purpose,
      customer_id: binding.customerId,
      session_hash: binding.sessionHash,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
      used_at: null,
    })
    .execute();
}

/**
 * Uses up a challenge in one conditional update: it must be unused, unexpired and bound as
 * `binding` says. However many requests carry the same challenge at once, one gets true.
 */
export async function consumeChallenge(db: Db, challenge: string, binding: ChallengeBinding, now: Date): Promise<boolean> {
  const at = now.toISOString();
  let update = db
    .updateTable('webauthn_challenges')
    .set({ used_at: at })
    .where('challenge_hash', '=', sha256(challenge))
    .where('purpose', '=', binding.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at);
  update = binding.customerId === null ? update.where('customer_id', 'is', null) : update.where('customer_id', '=', binding.customerId);
  update = binding.sessionHash === null ? update.where('session_hash', 'is', null) : update.where('session_hash', '=', binding.sessionHash);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
