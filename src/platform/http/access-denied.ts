import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../auth/audit.js';
import { takeAttempt, type ThrottlePolicy } from '../auth/throttle.js';
import type { AppDeps } from '../deps.js';

// The sites write it, no feature owns it: so the kind is declared here.
declare module '../auth/audit.js' {
  interface AuditKinds {
    access_denied: true;
  }
}

/** Audit rows per actor and hour; the warn log line is written for every denial. */
export const ACCESS_DENIED_AUDITS: ThrottlePolicy = { limit: 20, windowMs: 3_600_000, lockMs: 3_600_000 };

/** The route pattern a request matched, before a handler's callNotFound() swaps the route away. */
const matchedRoute = new WeakMap<FastifyRequest, string>();

/**
 * Failed authorization as a security event (ASVS 16.3.2): a 404 that a route of the site
 * answered to a signed-in actor — a record that is not theirs, does not exist, or a page outside
 * their role, which the answer does not tell apart — is logged at warn and audited as
 * `access_denied`, at most ACCESS_DENIED_AUDITS rows an hour per actor. An unknown URL (no route
 * matched) and anyone not signed in are neither: those are the web's background noise.
 */
export function recordAccessDenied(site: FastifyInstance, deps: AppDeps, actorOf: (request: FastifyRequest) => Actor | null): void {
  site.addHook('onRequest', async (request) => {
    if (request.routeOptions.url) matchedRoute.set(request, request.routeOptions.url);
  });
  site.addHook('onSend', async (request, reply, payload) => {
    const route = matchedRoute.get(request);
    const actor = route && reply.statusCode === 404 ? actorOf(request) : null;
    if (!route || !actor) return payload;
    // A guard's callNotFound() sends through the 404 route's hooks as well: count the request once.
    matchedRoute.delete(request);
    const path = request.url.split('?')[0]!;
    const now = deps.clock.now();
    const counted = await takeAttempt(deps.db, `access_denied:${actor.kind}:${actor.id}`, now, ACCESS_DENIED_AUDITS);
    request.log.warn({ event: 'access_denied', actor, method: request.method, path, route, audited: counted.allowed }, 'access denied');
    if (counted.allowed) {
      const customerId = actor.kind === 'customer' ? actor.id : null;
      await recordAudit(deps.db, now, { kind: 'access_denied', actor, customerId, ip: request.ip, detail: { method: request.method, path, route } });
    }
    return payload;
  });
}
