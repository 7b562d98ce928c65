import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, sha256 } from '../crypto.js';
import type { AppDeps, CurrentSession } from './context.js';
import { cookieName, cookieOptions } from './cookies.js';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
const TOUCH_EVERY_MS = 60_000;

const sessionCookie = (deps: AppDeps) => cookieName(deps.config, 'keizoku_session');

/** onRequest: binds request.session from the cookie, dropping idle, old or revoked sessions. */
export async function loadSession(deps: AppDeps, request: FastifyRequest): Promise<void> {
  request.session = null;
  const raw = request.cookies[sessionCookie(deps)];
  if (!raw) return;
  const idHash = sha256(raw);
  const row = await deps.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!row || row.revoked_at) return;
  const now = deps.clock.now();
  const idleOver = new Date(row.last_seen_at).getTime() + SESSION_IDLE_MS <= now.getTime();
  const ageOver = new Date(row.created_at).getTime() + SESSION_ABSOLUTE_MS <= now.getTime();
  if (idleOver || ageOver) {
    await deps.db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
    return;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    await deps.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  }
  request.session = { idHash, customerId: row.customer_id, createdAt: row.created_at } satisfies CurrentSession;
}

/** Whether the browser sent a session cookie (live or not). */
export const sentSessionCookie = (deps: AppDeps, request: FastifyRequest): boolean => Boolean(request.cookies[sessionCookie(deps)]);

/** A fresh session id for the customer (never reuse one from before login). */
export async function startSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, customerId: string): Promise<void> {
  await endSession(deps, request, reply);
  const raw = randomToken();
  const idHash = sha256(raw);
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('sessions')
    .values({
      id_hash: idHash,
      customer_id: customerId,
      created_at: now,
      last_seen_at: now,
      revoked_at: null,
      ip: request.ip,
      user_agent: (request.headers['user-agent'] ?? '').slice(0, 300),
    })
    .execute();
  reply.setCookie(sessionCookie(deps), raw, cookieOptions(deps.config));
  // Anything rendered later in this request (its CSRF token above all) belongs to the new session.
  request.session = { idHash, customerId, createdAt: now };
}

export async function endSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) {
    await deps.db
      .updateTable('sessions')
      .set({ revoked_at: deps.clock.now().toISOString() })
      .where('id_hash', '=', request.session.idHash)
      .execute();
    request.session = null;
  }
  reply.clearCookie(sessionCookie(deps), cookieOptions(deps.config));
}

/** Ends every session of a customer (new credentials, 再登録). Pass a transaction to join it. */
export async function revokeCustomerSessions(db: AppDeps['db'], customerId: string, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at.toISOString() })
    .where('customer_id', '=', customerId)
    .where('revoked_at', 'is', null)
    .execute();
}
