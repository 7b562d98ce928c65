import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../../platform/ui/page-context.js';
import { MessagePage } from '../../platform/ui/pages.js';
import { sendPage } from '../../platform/ui/render.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { agencyPage, topPageAgencies } from './service.js';
import { AgencyPage, TopPage } from './views.js';
import { agencyHomeMessages } from './messages.js';

/** `/` (the service's top page, with the agency finder: `/?q=…&page=…`) and `/agency/:code` (guide screen 1). */
export const agencyHomeRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  app.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
    const agencies = await topPageAgencies(deps.db, request.query);
    return sendPage(reply, <TopPage ctx={pageContext(deps, request, reply)} agencies={agencies} />, agencies.kind === 'problem' ? 400 : 200);
  });

  app.get<{ Params: { code: string } }>('/agency/:code', async (request, reply) => {
    const data = await agencyPage(deps.db, request.params.code);
    const ctx = pageContext(deps, request, reply);
    const m = agencyHomeMessages.of(ctx.locale);
    if (!data) {
      return sendPage(
        reply,
        <MessagePage ctx={ctx} title={m.agencyNotFoundTitle} lines={[m.agencyNotFound]} link={{ href: '/', label: m.toTop }} />,
        404,
      );
    }
    return sendPage(reply, <AgencyPage ctx={ctx} data={data} />);
  });
};
