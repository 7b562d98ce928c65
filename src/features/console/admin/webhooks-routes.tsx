import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../../platform/deps.js';
import { typedValues } from '../../../platform/ui/form-parse.js';
import { sendPage } from '../../../platform/ui/render.js';
import { consolePageContext, requireStaff } from '../http.js';
import { reasonOf } from './form.js';
import { parseWebhookState, resendGivenUpWebhook, webhookLine, webhookOverview } from './webhooks-service.js';
import { WebhookDeliveriesPage, WebhookDetailPage } from './webhooks-views.js';

/** WEBHOOK_URL as the page shows it: never a user or password it may carry. */
function shownTarget(url: string | undefined): string | null {
  if (!url) return null;
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  return shown.toString();
}

/** Webhook 配信状況 under /console/webhooks (role admin only; others get 404). */
export const webhookAdminRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePageContext(deps, request, reply);
  const adminOnly = { preHandler: requireStaff('admin') };
  const idOf = (request: FastifyRequest) => String((request.params as { id?: unknown }).id ?? '');
  const target = shownTarget(deps.config.webhook?.url);

  app.get('/webhooks', adminOnly, async (request, reply) => {
    const query = typedValues(request.query, ['state', 'done']);
    const state = parseWebhookState(query.state);
    if (state === 'invalid') {
      const overview = await webhookOverview(deps.db, null);
      return sendPage(reply, WebhookDeliveriesPage({ ctx: page(request, reply), target, overview, state: null, problem: '状態は「配信済」「再試行待ち」「断念」から選択してください。' }), 400);
    }
    const overview = await webhookOverview(deps.db, state);
    return sendPage(reply, WebhookDeliveriesPage({ ctx: page(request, reply), target, overview, state, done: query.done === 'resent' }));
  });

  app.get('/webhooks/:id', adminOnly, async (request, reply) => {
    const line = await webhookLine(deps.db, idOf(request));
    if (!line) return reply.callNotFound();
    return sendPage(reply, WebhookDetailPage({ ctx: page(request, reply), line }));
  });

  app.post('/webhooks/:id/resend', adminOnly, async (request, reply) => {
    const id = idOf(request);
    const line = await webhookLine(deps.db, id);
    if (!line) return reply.callNotFound();
    const reason = reasonOf(typedValues(request.body, ['reason']).reason);
    if ('error' in reason) return sendPage(reply, WebhookDetailPage({ ctx: page(request, reply), line, errors: { reason: reason.error } }), 400);
    const outcome = await resendGivenUpWebhook(deps, { staffId: request.staff!.id, ip: request.ip }, id, reason.value);
    if (outcome.ok) return reply.redirect('/console/webhooks?done=resent', 303);
    if ('notFound' in outcome) return reply.callNotFound();
    const now = (await webhookLine(deps.db, id)) ?? line;
    return sendPage(reply, WebhookDetailPage({ ctx: page(request, reply), line: now, message: 'このWebhookは断念の状態ではないため、再送できません。' }), 409);
  });
};
