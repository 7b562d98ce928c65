import type { FastifyInstance } from 'fastify';
import { activeMaintenance } from '../maintenance.js';
import { pageContext } from '../ui/page-context.js';
import { BadRequestPage, CsrfFailedPage, ErrorPage, MaintenancePage, NotFoundPage, TooManyRequestsPage } from '../ui/pages.js';
import { sendPage } from '../ui/render.js';
import type { AppDeps } from '../deps.js';
import { csrfValid } from './csrf.js';
import { containsNul } from './input.js';
import { loadSession, sentSessionCookie } from './session.js';

const OPEN_DURING_MAINTENANCE = /^\/(static\/|healthz$|favicon\.ico$)/;

/** Maintenance window, session, NUL-free input, CSRF on every POST, Japanese error pages without stack traces. */
export function registerHttpHooks(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('session', null);
  app.decorateRequest('csrfSecret', null);

  app.addHook('onRequest', async (request, reply) => {
    if (OPEN_DURING_MAINTENANCE.test(request.url)) return;
    const maintenance = activeMaintenance(deps.config.maintenanceWindows, deps.clock.now());
    if (!maintenance) return;
    const seconds = Math.max(1, Math.ceil((maintenance.resumesAt.getTime() - deps.clock.now().getTime()) / 1000));
    reply.header('retry-after', String(seconds));
    return sendPage(reply, MaintenancePage({ ctx: pageContext(deps, request, reply), resumesAt: maintenance.resumesAt }), 503);
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/static/')) await loadSession(deps, request);
  });

  app.addHook('preValidation', async (request, reply) => {
    if (!containsNul(request.params) && !containsNul(request.query) && !containsNul(request.body)) return;
    const ctx = pageContext(deps, request, reply);
    // A URL with a NUL names no page; a form with one was not typed by a person.
    return request.method === 'GET' || request.method === 'HEAD' ? sendPage(reply, NotFoundPage({ ctx }), 404) : sendPage(reply, BadRequestPage({ ctx }), 400);
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.config.csrf === false) return;
    if (!csrfValid(deps, request)) {
      request.log.warn({ url: request.url }, 'csrf check failed');
      // A form of a session that has ended meanwhile (idle, logout elsewhere): log in again, as before.
      if (!request.session && sentSessionCookie(deps, request)) return reply.redirect('/login', 303);
      return sendPage(reply, CsrfFailedPage({ ctx: pageContext(deps, request, reply) }), 403);
    }
  });

  app.setNotFoundHandler((request, reply) => sendPage(reply, NotFoundPage({ ctx: pageContext(deps, request, reply) }), 404));

  app.setErrorHandler((error, request, reply) => {
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    const ctx = pageContext(deps, request, reply);
    if (status === 429) return sendPage(reply, TooManyRequestsPage({ ctx }), 429);
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, 'bad request');
      return status === 404 ? sendPage(reply, NotFoundPage({ ctx }), 404) : sendPage(reply, BadRequestPage({ ctx }), status);
    }
    request.log.error({ err: error }, 'request failed');
    return sendPage(reply, ErrorPage({ ctx }), 500);
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false for the few POSTs that carry no form (none yet). */
    csrf?: boolean;
  }
}
