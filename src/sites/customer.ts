import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { agencyHomeRoutes } from '../features/agency-home/routes.js';
import { devMailboxRoutes } from '../features/dev-mailbox/routes.js';
import { loginHistoryRoutes } from '../features/login-history/routes.js';
import { loginRoutes } from '../features/login/routes.js';
import { mailLinkSteps } from '../features/mail-link-steps/routes.js';
import { loginMethodRoutes } from '../features/passkeys/routes.js';
import { passkeySignInRoutes } from '../features/passkeys/sign-in-routes.js';
import { policyRoutes } from '../features/mypage/policy-routes.js';
import { mypageRoutes } from '../features/mypage/routes.js';
import { recoveryRoutes } from '../features/recovery/routes.js';
import { recoverySpec } from '../features/recovery/service.js';
import { applyDueHolds } from '../features/registration/hold.js';
import { registrationRoutes } from '../features/registration/routes.js';
import { registrationSpec } from '../features/registration/service.js';
import { renewalRoutes } from '../features/renewal/routes.js';
import { newPasswordRoutes, requireNewPassword } from '../features/settings/new-password-routes.js';
import { settingsRoutes } from '../features/settings/routes.js';
import { siteRoutes } from '../features/site/routes.js';
import type { AppDeps, FeatureOptions } from '../platform/deps.js';
import { customerActor } from '../platform/auth/actor.js';
import { recordAccessDenied } from '../platform/http/access-denied.js';
import { csrfValid } from '../platform/http/csrf.js';
import { containsNul } from '../platform/http/input.js';
import { addLocale } from '../platform/http/locale.js';
import { loadSession, sentSessionCookie } from '../platform/http/session.js';
import { activeMaintenance } from '../platform/maintenance.js';
import { pageContext } from '../platform/ui/page-context.js';
import { BadRequestPage, CsrfFailedPage, ErrorPage, MaintenancePage, NotFoundPage, TooManyRequestsPage } from '../platform/ui/pages.js';
import { sendPage } from '../platform/ui/render.js';

/**
 * The customer site's features, in the order they are registered. The site wires what features
 * may not import from each other: the steps after the mail for registration and recovery, and
 * registration's due 再登録 holds before each login.
 */
const FEATURES: Array<FastifyPluginAsync<FeatureOptions>> = [
  agencyHomeRoutes,
  siteRoutes,
  devMailboxRoutes,
  loginRoutes(applyDueHolds),
  passkeySignInRoutes,
  mypageRoutes,
  registrationRoutes,
  mailLinkSteps(registrationSpec),
  recoveryRoutes,
  mailLinkSteps(recoverySpec),
  policyRoutes,
  settingsRoutes,
  loginHistoryRoutes,
  loginMethodRoutes,
  newPasswordRoutes,
  renewalRoutes,
];

/**
 * お客さまWebサービス, an encapsulated plugin: its hooks (maintenance window, customer session,
 * NUL-free input, CSRF on every POST, Japanese error pages without stack traces) apply to its
 * own routes only, so the console and the API beside it need no exemptions.
 */
export const customerSite: FastifyPluginAsync<FeatureOptions> = async (site, { deps }) => {
  site.decorateRequest('session', null);
  site.decorateRequest('csrfSecret', null);
  addLocale(site);
  addMaintenanceWindow(site, deps);
  site.addHook('onRequest', async (request) => loadSession(deps, request));
  // A session of an account with the desk's 仮パスワード sees 新しいパスワードの設定 first.
  site.addHook('onRequest', requireNewPassword(deps));
  recordAccessDenied(site, deps, (request) => (request.session ? customerActor(request.session.customerId) : null));
  addInputAndCsrfChecks(site, deps);
  addErrorPages(site, deps);
  for (const routes of FEATURES) await site.register(routes, { deps });
};

/** Inside a window every customer page answers 503 with Retry-After and the notice. */
function addMaintenanceWindow(site: FastifyInstance, deps: AppDeps): void {
  site.addHook('onRequest', async (request, reply) => {
    const maintenance = activeMaintenance(deps.config.maintenanceWindows, deps.clock.now());
    if (!maintenance) return;
    const seconds = Math.max(1, Math.ceil((maintenance.resumesAt.getTime() - deps.clock.now().getTime()) / 1000));
    reply.header('retry-after', String(seconds));
    return sendPage(reply, MaintenancePage({ ctx: pageContext(deps, request, reply), resumesAt: maintenance.resumesAt }), 503);
  });
}

function addInputAndCsrfChecks(site: FastifyInstance, deps: AppDeps): void {
  site.addHook('preValidation', async (request, reply) => {
    if (!containsNul(request.params) && !containsNul(request.query) && !containsNul(request.body)) return;
    const ctx = pageContext(deps, request, reply);
    // A URL with a NUL names no page; a form with one was not typed by a person.
    return request.method === 'GET' || request.method === 'HEAD' ? sendPage(reply, NotFoundPage({ ctx }), 404) : sendPage(reply, BadRequestPage({ ctx }), 400);
  });

  site.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.config.csrf === false) return;
    if (!csrfValid(deps, request)) {
      request.log.warn({ url: request.url }, 'csrf check failed');
      // A form of a session that has ended meanwhile (idle, logout elsewhere): log in again, as before.
      if (!request.session && sentSessionCookie(deps, request)) return reply.redirect('/login', 303);
      return sendPage(reply, CsrfFailedPage({ ctx: pageContext(deps, request, reply) }), 403);
    }
  });
}

function addErrorPages(site: FastifyInstance, deps: AppDeps): void {
  site.setNotFoundHandler((request, reply) => sendPage(reply, NotFoundPage({ ctx: pageContext(deps, request, reply) }), 404));
  site.setErrorHandler((error, request, reply) => {
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
