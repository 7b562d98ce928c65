import type { Locale } from '../ui/i18n/locale.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { customerActor } from '../auth/actor.js';
import { CUSTOMER_SESSION, createSession, findLiveSession, revokeSession } from '../auth/sessions.js';
import type { AppDeps } from '../deps.js';
import type { CurrentSession } from './context.js';
import { cookieName, cookieOptions } from './cookies.js';

// The customer site's binding of sessions to its cookie; the rows are platform/auth/sessions.ts.
const sessionCookie = (deps: AppDeps) => cookieName(deps.config, 'keizoku_session');

/** onRequest: binds request.session from the cookie, dropping idle, old or revoked sessions. */
export async function loadSession(deps: AppDeps, request: FastifyRequest): Promise<void> {
  request.session = null;
  const raw = request.cookies[sessionCookie(deps)];
  if (!raw) return;
  const live = await findLiveSession(deps.db, raw, 'customer', CUSTOMER_SESSION, deps.clock.now());
  if (live) request.session = { idHash: live.idHash, customerId: live.actor.id, createdAt: live.createdAt, authenticatedAt: live.authenticatedAt } satisfies CurrentSession;
}

/** Whether the browser sent a session cookie (live or not). */
export const sentSessionCookie = (deps: AppDeps, request: FastifyRequest): boolean => Boolean(request.cookies[sessionCookie(deps)]);

/**
 * A fresh session id for the customer (never reuse one from before login). An account the desk
 * suspended gets none, whichever step logs it in (login refuses it first; this also covers the
 * flows that end logged in).
 */
export async function startSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, customerId: string): Promise<void> {
  await endSession(deps, request, reply);
  const account = await deps.db.selectFrom('customers').select(['suspended_at', 'locale']).where('id', '=', customerId).executeTakeFirst();
  if (account?.suspended_at) return;
  // The language of this login is the one the mails sent later (満期案内 …) use.
  if (account && account.locale !== request.locale) await rememberLocale(deps, customerId, request.locale);
  const client = { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
  const { raw, session } = await createSession(deps.db, customerActor(customerId), deps.clock.now(), client);
  reply.setCookie(sessionCookie(deps), raw, cookieOptions(deps.config));
  // Anything rendered later in this request (its CSRF token above all) belongs to the new session.
  request.session = { idHash: session.idHash, customerId, createdAt: session.createdAt, authenticatedAt: session.authenticatedAt };
}

/** The customer's language from now on: the header switch and each login set it. */
export async function rememberLocale(deps: AppDeps, customerId: string, locale: Locale): Promise<void> {
  await deps.db.updateTable('customers').set({ locale }).where('id', '=', customerId).where('locale', '<>', locale).execute();
}

export async function endSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) {
    await revokeSession(deps.db, request.session.idHash, deps.clock.now());
    request.session = null;
  }
  reply.clearCookie(sessionCookie(deps), cookieOptions(deps.config));
}
