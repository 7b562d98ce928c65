import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { recordAudit } from '../platform/auth/audit.js';
import { revokeActorSessions } from '../platform/auth/sessions.js';
import { asConsoleStaff, consolePageContext } from '../features/console/http.js';
import { liveStaff } from '../features/console/login-service.js';
import { listApiClients, revokeApiClient } from '../features/api-clients/service.js';
import { apiClientAdminRoutes } from '../features/console/admin/api-clients.js';
import { adminRoutes } from '../features/console/admin/routes.js';
import { webhookAdminRoutes } from '../features/console/admin/webhooks-routes.js';
import { expiryRoutes } from '../features/console/agency/expiry-routes.js';
import { newsRoutes } from '../features/console/agency/news-routes.js';
import { consoleRoutes } from '../features/console/routes.js';
import { deskRoutes } from '../features/console/desk/routes.js';
import { ConsoleBadRequestPage, ConsoleCsrfFailedPage, ConsoleErrorPage, ConsoleNotFoundPage, ConsoleTooManyRequestsPage } from '../features/console/views.js';
import type { AppDeps, FeatureOptions } from '../platform/deps.js';
import { csrfValid } from '../platform/http/csrf.js';
import { containsNul } from '../platform/http/input.js';
import { readStaffSession, sentStaffCookie } from '../platform/http/staff-session.js';
import { sendPage } from '../platform/ui/render.js';
import '../features/console/audit-kinds.js';

/**
 * The staff console under /console, an encapsulated plugin beside the customer site: its own
 * staff session (cookie keizoku_staff, idle 15 min, absolute 10 h), CSRF bound to that session,
 * NUL-free input, role checks in its routes and its own Japanese error pages. No maintenance
 * window: the customer site's closing hours do not close the console.
 */
export const consoleSite: FastifyPluginAsync<FeatureOptions> = async (site, { deps }) => {
  site.decorateRequest('staffSession', null);
  site.decorateRequest('staff', null);
  site.decorateRequest('csrfSecret', null);
  site.decorateRequest('csrfSession', null);
  site.addHook('onRequest', async (request) => {
    const session = await readStaffSession(deps, request);
    if (!session) return;
    const row = await liveStaff(deps.db, session.staffId);
    const staff = row ? asConsoleStaff(row) : null;
    if (!staff) {
      // A disabled (or removed) account: every session of it ends now.
      const now = deps.clock.now();
      await revokeActorSessions(deps.db, { kind: 'staff', id: session.staffId }, now);
      await recordAudit(deps.db, now, { kind: 'staff_sessions_ended_disabled', actor: null, subject: { kind: 'staff', id: session.staffId }, ip: request.ip });
      return;
    }
    request.staffSession = session;
    request.staff = staff;
    request.csrfSession = session.idHash;
  });
  addInputAndCsrfChecks(site, deps);
  addErrorPages(site, deps);
  await site.register(consoleRoutes, { deps });
  await site.register(deskRoutes, { deps });
  await site.register(adminRoutes, { deps });
  await site.register(apiClientAdminRoutes({ list: listApiClients, revoke: revokeApiClient }), { deps });
  await site.register(webhookAdminRoutes, { deps });
  await site.register(expiryRoutes, { deps });
  await site.register(newsRoutes, { deps });
};

function addInputAndCsrfChecks(site: FastifyInstance, deps: AppDeps): void {
  site.addHook('preValidation', async (request, reply) => {
    if (!containsNul(request.params) && !containsNul(request.query) && !containsNul(request.body)) return;
    const ctx = consolePageContext(deps, request, reply);
    return request.method === 'GET' || request.method === 'HEAD' ? sendPage(reply, ConsoleNotFoundPage({ ctx }), 404) : sendPage(reply, ConsoleBadRequestPage({ ctx }), 400);
  });

  site.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.config.csrf === false) return;
    if (!csrfValid(deps, request)) {
      request.log.warn({ url: request.url }, 'console csrf check failed');
      // The form of a session that has ended meanwhile (idle, disabled): log in again.
      if (!request.staffSession && sentStaffCookie(deps, request)) return reply.redirect('/console/login', 303);
      return sendPage(reply, ConsoleCsrfFailedPage({ ctx: consolePageContext(deps, request, reply) }), 403);
    }
  });
}

function addErrorPages(site: FastifyInstance, deps: AppDeps): void {
  site.setNotFoundHandler((request, reply) => sendPage(reply, ConsoleNotFoundPage({ ctx: consolePageContext(deps, request, reply) }), 404));
  site.setErrorHandler((error, request, reply) => {
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    const ctx = consolePageContext(deps, request, reply);
    if (status === 429) return sendPage(reply, ConsoleTooManyRequestsPage({ ctx }), 429);
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, 'bad console request');
      return status === 404 ? sendPage(reply, ConsoleNotFoundPage({ ctx }), 404) : sendPage(reply, ConsoleBadRequestPage({ ctx }), status);
    }
    request.log.error({ err: error }, 'console request failed');
    return sendPage(reply, ConsoleErrorPage({ ctx }), 500);
  });
}
