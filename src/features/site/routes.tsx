import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { setLocaleCookie } from '../../platform/http/locale.js';
import { safeReturnPath } from '../../platform/http/require-login.js';
import { rememberLocale } from '../../platform/http/session.js';
import { isLocale, LANGUAGE_PATH } from '../../platform/ui/i18n/locale.js';
import { serviceHours } from './service.js';
import { EnvironmentPage, TermsPage } from './views.js';

/** The static pages (推奨環境, 利用規約) and the header's English / 日本語 switch. */
export const siteRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  app.get('/environment', async (request, reply) =>
    sendPage(reply, <EnvironmentPage ctx={pageContext(deps, request, reply)} serviceHours={serviceHours(deps.config.maintenanceWindows, request.locale)} />),
  );
  // A link, not a form: it changes only how pages read (a cookie, and the signed-in customer's mail language).
  app.get(`${LANGUAGE_PATH}/:locale`, async (request, reply) => {
    const { locale } = request.params as { locale: string };
    if (!isLocale(locale)) return reply.callNotFound();
    setLocaleCookie(deps.config, reply, locale);
    if (request.session) await rememberLocale(deps, request.session.customerId, locale);
    const next = safeReturnPath((request.query as Record<string, unknown>).next);
    return reply.redirect(next && !next.startsWith(LANGUAGE_PATH) ? next : '/', 303);
  });
  app.get('/terms', async (request, reply) => sendPage(reply, <TermsPage ctx={pageContext(deps, request, reply)} />));
};
