import type { FastifyReply, FastifyRequest } from 'fastify';
import { recentlyAuthenticated } from '../auth/recent-auth.js';
import type { AppDeps } from '../deps.js';
import { safeReturnPath } from './require-login.js';

/** The page that asks for the password (or a passkey) again; `next` is where it returns. */
export const REAUTH_PATH = '/reauth';

/** Where the re-entry page sends the customer back to: this page (a POST's form is shown again by its GET). */
export function reauthUrl(request: FastifyRequest): string {
  const back = safeReturnPath(request.url.split('#')[0]);
  return back ? `${REAUTH_PATH}?next=${encodeURIComponent(back)}` : REAUTH_PATH;
}

/**
 * preHandler for the pages of a sensitive change (after requireLogin): a session that has not
 * proved its owner within the last 10 minutes goes to the re-entry page and comes back here.
 * Nothing of the change runs before that.
 */
export const requireRecentAuth =
  (deps: AppDeps) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const session = request.session;
    if (!session || recentlyAuthenticated(session.authenticatedAt, deps.clock.now())) return;
    await reply.redirect(reauthUrl(request), 303);
  };
