import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { serviceHoursJa } from './service.js';
import { EnvironmentPage, TermsPage } from './views.js';

/** The static pages: 推奨環境 and 利用規約. */
export const siteRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  app.get('/environment', async (request, reply) =>
    sendPage(reply, <EnvironmentPage ctx={pageContext(deps, request, reply)} serviceHours={serviceHoursJa(deps.config.maintenanceWindows)} />),
  );
  app.get('/terms', async (request, reply) => sendPage(reply, <TermsPage ctx={pageContext(deps, request, reply)} />));
};
