import type { Db } from '../db/database.js';
import { randomToken, sha256 } from '../crypto.js';

/** What a mail link's token is worth now. */
export type MailTokenStatus = 'usable' | 'consumed' | 'retired' | 'expired';

export interface MailTokenLookup {
  flowId: string;
  status: MailTokenStatus;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Issues a single-use token for a flow: 32 random bytes for the mail, only the SHA-256 kept. */
export async function issueMailToken(db: Db, flowId: string, now: Date, ttlMs: number): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('mail_tokens')
    .values({
      token_hash: sha256(token),
      flow_id: flowId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
      consumed_at: null,
      retired_at: null,
    })
    .execute();
  return token;
}

/** Looks a token up without using it (a link scanner's GET must not burn the link). */
export async function inspectMailToken(db: Db, token: unknown, now: Date): Promise<MailTokenLookup | null> {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return null;
  const row = await db.selectFrom('mail_tokens').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row) return null;
  const status: MailTokenStatus = row.consumed_at
    ? 'consumed'
    : row.retired_at
      ? 'retired'
      : new Date(row.expires_at).getTime() <= now.getTime()
        ? 'expired'
        : 'usable';
  return { flowId: row.flow_id, status };
}

/** Uses a token once: true only for the one request whose conditional update changed the row. */
export async function consumeMailToken(db: Db, token: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('mail_tokens')
    .set({ consumed_at: now.toISOString() })
    .where('token_hash', '=', sha256(token))
    .where('consumed_at', 'is', null)
    .where('retired_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Retires every open token of these flows (a newer mail replaces them, or the link was burned). */
export async function retireMailTokens(db: Db, flowIds: string[], now: Date): Promise<void> {
  if (flowIds.length === 0) return;
  await db
    .updateTable('mail_tokens')
    .set({ retired_at: now.toISOString() })
    .where('flow_id', 'in', flowIds)
    .where('consumed_at', 'is', null)
    .where('retired_at', 'is', null)
    .execute();
}
