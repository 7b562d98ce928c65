import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/auth/audit.js';
import type { FeatureOptions } from '../../../platform/deps.js';
import { sendPage } from '../../../platform/ui/render.js';
import { CHANGE_REQUEST_STATUSES, changeRequestList, findChangeRequest, recordChangeRequestOutcome } from '../../policies/processing/change-requests.js';
import { actorName } from '../actor-names.js';
import { consolePageContext, requireStaff } from '../http.js';
import { listPageOf, PAGE_SIZE } from '../list-ui.js';
import { mayProcess, scopeOf, staffActorOf } from '../scope.js';
import { ConsoleNotFoundPage } from '../views.js';
import { FLASHES, NOTE_PROBLEMS } from './labels.js';
import { ChangeRequestDetailPage, ChangeRequestListPage, type OutcomeForm } from './views.js';
import './audit-kinds.js';

// 変更受付: the change requests for every role, scoped to the agency for agency staff (another
// agency's request answers 404 as a missing one); the outcome form for desk and admin only.

const text = (source: unknown, name: string): string => {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

export const changeRequestRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, ConsoleNotFoundPage({ ctx: consolePageContext(deps, request, reply) }), 404);
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => consolePageContext(deps, request, reply);

  app.get('/change-requests', { preHandler: requireStaff() }, async (request, reply) => {
    const raw = text(request.query, 'status') || 'pending';
    const status = CHANGE_REQUEST_STATUSES.find((s) => s === raw);
    const page = listPageOf(text(request.query, 'page'));
    if (!status || page === null) return notFound(request, reply);
    const list = await changeRequestList(deps.db, scopeOf(request.staff!), { status, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    await recordAudit(deps.db, deps.clock.now(), { kind: 'console_change_requests_listed', actor: staffActorOf(request), ip: request.ip, detail: { status, page, shown: list.items.map((i) => i.id) } });
    return sendPage(reply, ChangeRequestListPage({ ctx: ctxOf(request, reply), status, page, list }));
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, form?: OutcomeForm) {
    const { id } = request.params as { id: string };
    const item = await findChangeRequest(deps.db, id, scopeOf(request.staff!));
    if (!item) return notFound(request, reply);
    await recordAudit(deps.db, deps.clock.now(), { kind: 'console_change_request_viewed', actor: staffActorOf(request), customerId: item.customer.customer_id, subject: { kind: 'change_request', id }, ip: request.ip });
    const flash = FLASHES.find((f) => f === text(request.query, 'done'));
    const d = { item, processedBy: await actorName(deps.db, item.processed_by), mayProcess: mayProcess(request.staff!), flash: form ? undefined : flash, form };
    return sendPage(reply, ChangeRequestDetailPage({ ctx: ctxOf(request, reply), d }), form ? 400 : 200);
  }

  app.get('/change-requests/:id', { preHandler: requireStaff() }, (request, reply) => detail(request, reply));

  app.post('/change-requests/:id/outcome', { preHandler: requireStaff('desk', 'admin') }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const outcome = text(request.body, 'outcome');
    const note = text(request.body, 'note').slice(0, 4000);
    if (outcome !== 'done' && outcome !== 'rejected') return detail(request, reply, { note, problem: '結果（処理済または差戻し）を選んでください。' });
    const result = await recordChangeRequestOutcome(deps.db, id, { outcome, note, actor: staffActorOf(request), now: deps.clock.now(), ip: request.ip });
    if (result.kind === 'not_found') return notFound(request, reply);
    if (result.kind === 'invalid') return detail(request, reply, { outcome, note, problem: NOTE_PROBLEMS[result.problem] });
    return reply.redirect(`/console/change-requests/${encodeURIComponent(id)}?done=${result.kind}`, 303);
  });
};

