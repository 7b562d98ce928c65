import { randomToken, sha256 } from '../crypto.js';
import type { Db } from '../db/database.js';
import { fixedQuery } from '../db/fixed-query.js';
import type { Actor } from './actor.js';

/** How long a session lives: idle limit and absolute limit from its start. */
export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

/** A customer's session: 30 idle minutes, 12 hours at most (the baseline). */
export const CUSTOMER_SESSION: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/** A staff member's console session: 15 idle minutes, 10 hours at most (the console contract). */
export const STAFF_SESSION: SessionLimits = { idleMs: 15 * 60_000, absoluteMs: 10 * 3_600_000 };

// last_seen_at is written at most once a minute: a page view then costs no write.
const TOUCH_EVERY_MS = 60_000;

export interface LiveSession {
  idHash: string;
  actor: Actor;
  createdAt: string;
  /** When the session last proved its owner (its login, or a re-entry of the password or a passkey). */
  authenticatedAt: string;
}

/** A new session row for the actor; returns the raw id for the cookie (only its SHA-256 is kept). */
export async function createSession(db: Db, actor: Actor, at: Date, client: { ip: string; userAgent: string }): Promise<{ raw: string; session: LiveSession }> {
  const raw = randomToken();
  const idHash = sha256(raw);
  const now = at.toISOString();
  await db
    .insertInto('sessions')
    .values({
      id_hash: idHash,
      actor_kind: actor.kind,
      actor_id: actor.id,
      customer_id: actor.kind === 'customer' ? actor.id : null,
      created_at: now,
      last_seen_at: now,
      revoked_at: null,
      ip: client.ip,
      user_agent: client.userAgent.slice(0, 300),
      authenticated_at: now,
    })
    .execute();
  return { raw, session: { idHash, actor, createdAt: now, authenticatedAt: now } };
}

const sessionByIdHash = fixedQuery((db, idHash: string) => db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash), 1);

/** The session behind a cookie value if it is live for an actor of this kind; idle or old ones are ended. */
export async function findLiveSession(db: Db, raw: string, kind: Actor['kind'], limits: SessionLimits, now: Date): Promise<LiveSession | null> {
  const idHash = sha256(raw);
  const [row] = await sessionByIdHash(db, idHash);
  if (!row || row.revoked_at || row.actor_kind !== kind) return null;
  const idleOver = new Date(row.last_seen_at).getTime() + limits.idleMs <= now.getTime();
  const ageOver = new Date(row.created_at).getTime() + limits.absoluteMs <= now.getTime();
  if (idleOver || ageOver) {
    await revokeSession(db, idHash, now);
    return null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  }
  return { idHash, actor: { kind: kind, id: row.actor_id }, createdAt: row.created_at, authenticatedAt: row.authenticated_at ?? row.created_at };
}

/** The session's owner proved themselves again (password or passkey re-entered): a step-up counts from now. */
export async function markAuthenticated(db: Db, idHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ authenticated_at: at.toISOString() }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

export async function revokeSession(db: Db, idHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at.toISOString() }).where('id_hash', '=', idHash).execute();
}

/** Ends every session of an actor (new credentials, 再登録, a disabled account). Pass a transaction to join it. */
export async function revokeActorSessions(db: Db, actor: Actor, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at.toISOString() })
    .where('actor_kind', '=', actor.kind)
    .where('actor_id', '=', actor.id)
    .where('revoked_at', 'is', null)
    .execute();
}

export const revokeCustomerSessions = (db: Db, customerId: string, at: Date): Promise<void> => revokeActorSessions(db, { kind: 'customer', id: customerId }, at);

export interface OpenSession {
  idHash: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string;
  ip: string;
}

/** The actor's sessions that are live now (not revoked, within both limits), newest first. */
export async function openActorSessions(db: Db, actor: Actor, limits: SessionLimits, now: Date): Promise<OpenSession[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id_hash', 'created_at', 'last_seen_at', 'user_agent', 'ip'])
    .where('actor_kind', '=', actor.kind)
    .where('actor_id', '=', actor.id)
    .where('revoked_at', 'is', null)
    .where('last_seen_at', '>', new Date(now.getTime() - limits.idleMs).toISOString())
    .where('created_at', '>', new Date(now.getTime() - limits.absoluteMs).toISOString())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ idHash: r.id_hash, createdAt: r.created_at, lastSeenAt: r.last_seen_at, userAgent: r.user_agent, ip: r.ip }));
}

/** Ends one of the actor's sessions; false when it is not the actor's or has already ended. */
export async function revokeActorSession(db: Db, actor: Actor, idHash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at.toISOString() })
    .where('id_hash', '=', idHash)
    .where('actor_kind', '=', actor.kind)
    .where('actor_id', '=', actor.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Ends every session of the actor but the one kept (this browser's); the number ended. */
export async function revokeOtherActorSessions(db: Db, actor: Actor, keepIdHash: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at.toISOString() })
    .where('actor_kind', '=', actor.kind)
    .where('actor_id', '=', actor.id)
    .where('id_hash', '<>', keepIdHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
