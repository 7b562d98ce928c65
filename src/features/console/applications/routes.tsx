import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/auth/audit.js';
import type { FeatureOptions } from '../../../platform/deps.js';
import { sendPage } from '../../../platform/ui/render.js';
import { acknowledgeRenewalApplication, agencyChoices, findRenewalApplication, renewalApplicationList } from '../../policies/processing/renewal-applications.js';
import { actorName } from '../actor-names.js';
import { consolePageContext, requireStaff } from '../http.js';
import { listPageOf, PAGE_SIZE } from '../list-ui.js';
import { mayProcess, scopeOf, staffActorOf } from '../scope.js';
import { ConsoleNotFoundPage } from '../views.js';
import { parseListQuery, type AckState, type ListQuery } from './filter.js';
import { ApplicationDetailPage, ApplicationListPage } from './views.js';
import './audit-kinds.js';

// 継続申込: the renewal applications for every role, scoped to the agency for agency staff (another
// agency's 受付番号 answers 404 as a missing one); 取込済 by hand for desk and admin only.

export interface ApplicationRoutesOptions extends FeatureOptions {
  /** The 申込内容確認書 the customer got (the renewal's), by 受付番号; null when there is none. */
  applicationPdf: (receptionNumber: string) => Promise<Buffer | null>;
}

const text = (source: unknown, name: string): string => {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 40) : '';
};

const STATES: readonly AckState[] = ['', 'pending', 'acknowledged'];

export const applicationRoutes: FastifyPluginAsync<ApplicationRoutesOptions> = async (app, { deps, applicationPdf }) => {
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, ConsoleNotFoundPage({ ctx: consolePageContext(deps, request, reply) }), 404);
  const guard = { preHandler: requireStaff() };

  app.get('/renewal-applications', guard, async (request, reply) => {
    const scope = scopeOf(request.staff!);
    const agencies = await agencyChoices(deps.db, scope);
    const state = STATES.find((s) => s === text(request.query, 'state'));
    const page = listPageOf(text(request.query, 'page'));
    if (state === undefined || page === null) return notFound(request, reply);
    const query: ListQuery = { from: text(request.query, 'from'), to: text(request.query, 'to'), agency: text(request.query, 'agency'), state };
    const ctx = consolePageContext(deps, request, reply);
    const parsed = parseListQuery(query, agencies.map((a) => a.code));
    if (!parsed.ok) return sendPage(reply, ApplicationListPage({ ctx, query, agencies, problems: parsed.problems, page }), 400);
    const list = await renewalApplicationList(deps.db, scope, { ...parsed.filter, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    await recordAudit(deps.db, deps.clock.now(), { kind: 'console_renewal_applications_listed', actor: staffActorOf(request), ip: request.ip, detail: { query, page, shown: list.items.map((i) => i.reception_number) } });
    return sendPage(reply, ApplicationListPage({ ctx, query, agencies, page, list }));
  });

  app.get('/renewal-applications/:receptionNumber', guard, async (request, reply) => {
    const { receptionNumber } = request.params as { receptionNumber: string };
    const item = await findRenewalApplication(deps.db, receptionNumber, scopeOf(request.staff!));
    if (!item) return notFound(request, reply);
    await recordAudit(deps.db, deps.clock.now(), { kind: 'console_renewal_application_viewed', actor: staffActorOf(request), customerId: item.customer.customer_id, subject: { kind: 'renewal_application', id: receptionNumber }, ip: request.ip });
    const flash = (['acknowledged', 'already'] as const).find((f) => f === text(request.query, 'done'));
    const d = { item, acknowledgedBy: await actorName(deps.db, item.acknowledged_by), mayAcknowledge: mayProcess(request.staff!), flash };
    return sendPage(reply, ApplicationDetailPage({ ctx: consolePageContext(deps, request, reply), d }));
  });

  app.get('/renewal-applications/:receptionNumber/application.pdf', guard, async (request, reply) => {
    const { receptionNumber } = request.params as { receptionNumber: string };
    const item = await findRenewalApplication(deps.db, receptionNumber, scopeOf(request.staff!));
    const pdf = item ? await applicationPdf(item.reception_number) : null;
    if (!item || !pdf) return notFound(request, reply);
    await recordAudit(deps.db, deps.clock.now(), { kind: 'console_renewal_application_pdf_downloaded', actor: staffActorOf(request), customerId: item.customer.customer_id, subject: { kind: 'renewal_application', id: receptionNumber }, ip: request.ip });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="renewal-${item.reception_number}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.post('/renewal-applications/:receptionNumber/acknowledgement', { preHandler: requireStaff('desk', 'admin') }, async (request, reply) => {
    const { receptionNumber } = request.params as { receptionNumber: string };
    const result = await acknowledgeRenewalApplication(deps.db, receptionNumber, staffActorOf(request), deps.clock.now(), request.ip);
    if (result.kind === 'not_found') return notFound(request, reply);
    return reply.redirect(`/console/renewal-applications/${encodeURIComponent(receptionNumber)}?done=${result.kind}`, 303);
  });
};
