import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../../platform/deps.js';
import { sendPage } from '../../../platform/ui/render.js';
import { consolePageContext, requireStaff } from '../http.js';
import { scopeOf } from '../staff-rules.js';
import { ConsoleNotFoundPage } from '../views.js';
import { MAX_PAGE, parseSearch, sealSearch, unsealSearch } from './search.js';
import {
  actionTargetExists,
  endAccountSessions,
  loadPerson,
  parseReason,
  resendMail,
  resumeCustomer,
  searchCustomers,
  suspendCustomer,
  unlockAccount,
  type ActionDone,
  type ActionOutcome,
  type ActionProblem,
  type StaffContext,
} from './service.js';
import { isDelivery, issueTemporaryPassword, revealTemporaryPassword } from './temporary-password.js';
import { TEMPORARY_PASSWORD_FORM, TemporaryPasswordPage } from './temporary-password-views.js';
import { DetailsPage, SearchPage, type DetailsFlash } from './views.js';

// The internet desk: お客さま検索, お客さま詳細 and the support actions. Agency staff search and
// view their own agency's customers; the actions are for desk and admin only (agency staff get
// the console's 404, as for a page that does not exist).

const DONE: readonly ActionDone[] = ['unlocked', 'sessions_ended', 'suspended', 'resumed', 'resent', 'already_suspended', 'not_suspended', 'not_resendable', 'temporary_password_mailed', 'temporary_password_suspended'];
const PROBLEMS: readonly ActionProblem[] = ['reason_missing', 'reason_too_long', 'reason_invalid', 'delivery_missing'];

const text = (source: unknown, name: string): string => {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** The details page's flags, read against fixed lists: nothing from the URL is echoed. */
function flashOf(query: unknown): DetailsFlash {
  const done = DONE.find((d) => d === text(query, 'done'));
  const reason = PROBLEMS.find((p) => p === text(query, 'error'));
  const form = text(query, 'form');
  return { done, problem: reason && /^[a-z0-9-]{1,60}$/.test(form) ? { form, reason } : undefined };
}

const pageOf = (query: unknown): number | null => {
  const raw = text(query, 'page') || '1';
  const page = /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : NaN;
  return page >= 1 && page <= MAX_PAGE ? page : null;
};

export const deskRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const guard = { preHandler: requireStaff('desk', 'admin') };
  // Agency staff may look (their agency's customers only, see the service), never act.
  const viewGuard = { preHandler: requireStaff('desk', 'admin', 'agency') };
  const staffOf = (request: FastifyRequest): StaffContext => ({ actor: { kind: 'staff', id: request.staff!.id }, ip: request.ip });
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, ConsoleNotFoundPage({ ctx: consolePageContext(deps, request, reply) }), 404);
  const detailsHref = (id: string) => `/console/customers/${encodeURIComponent(id)}`;

  // お客さま検索: the form is posted and answered with a 303 to the results, whose URL carries the
  // search sealed (search.ts), so what was typed is in no URL; the pages of the results are links.
  const resultsHref = (request: FastifyRequest, by: string, q: string, page = 1) =>
    `/console/customers?${new URLSearchParams({ s: sealSearch(deps.secret, request.staff!.id, by, q), ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;

  /** The results (or the problem) for a search's fields; `redirect` answers a valid search with its results' URL instead. */
  async function answerSearch(request: FastifyRequest, reply: FastifyReply, fields: Record<string, unknown>, redirect: boolean) {
    const ctx = consolePageContext(deps, request, reply);
    const parsed = parseSearch(fields);
    if (parsed.kind === 'form') return sendPage(reply, SearchPage({ ctx, by: 'name', q: '' }));
    if (parsed.kind === 'problem') return sendPage(reply, SearchPage({ ctx, by: parsed.by, q: parsed.q, problem: parsed.problem }), 400);
    if (redirect) return reply.redirect(resultsHref(request, parsed.by, parsed.q, parsed.page), 303);
    const result = await searchCustomers(deps, staffOf(request), parsed, scopeOf(request.staff!));
    const pageHref = (n: number) => resultsHref(request, parsed.by, parsed.q, n);
    return sendPage(reply, SearchPage({ ctx, by: parsed.by, q: parsed.q, result, pageHref }));
  }

  app.get('/customers', viewGuard, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (typeof query.s !== 'string') return answerSearch(request, reply, query, true); // the form, or a URL from before sealing
    const search = unsealSearch(deps.secret, request.staff!.id, query.s);
    if (!search) return sendPage(reply, SearchPage({ ctx: consolePageContext(deps, request, reply), by: 'name', q: '', problem: 'stale' }), 400);
    return answerSearch(request, reply, { ...search, page: query.page }, false);
  });

  app.post('/customers', viewGuard, async (request, reply) => answerSearch(request, reply, { q: '', ...(request.body as Record<string, unknown>) }, true));

  app.get('/customers/:id', viewGuard, async (request, reply) => {
    const { id } = request.params as { id: string };
    const page = pageOf(request.query);
    if (page === null) return notFound(request, reply);
    const outcome = await loadPerson(deps, staffOf(request), id, page, scopeOf(request.staff!));
    if (outcome.kind === 'not_found') return notFound(request, reply);
    if (outcome.kind === 'moved') return reply.redirect(detailsHref(outcome.id), 303);
    return sendPage(reply, DetailsPage({ ctx: consolePageContext(deps, request, reply), d: outcome.details, flash: flashOf(request.query) }));
  });

  /** One action: its 理由 checked, the service's outcome, then 303 back to the details with a flag. */
  const action = (form: (params: Record<string, string>) => string, run: (staff: StaffContext, params: Record<string, string>, reason: string) => Promise<ActionOutcome>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const params = request.params as Record<string, string>;
      const id = params.id ?? '';
      const reason = parseReason(text(request.body, 'reason').slice(0, 2000));
      // The person must exist for either answer: an unknown id is 404 whatever the reason says.
      if (!reason.ok) {
        if (!(await actionTargetExists(deps.db, id, params.mailId))) return notFound(request, reply);
        return reply.redirect(`${detailsHref(id)}?${new URLSearchParams({ error: reason.problem, form: form(params) }).toString()}`, 303);
      }
      const outcome = await run(staffOf(request), params, reason.reason);
      if (outcome.kind === 'not_found') return notFound(request, reply);
      return reply.redirect(`${detailsHref(id)}?done=${outcome.done}`, 303);
    };

  app.post('/customers/:id/unlock', guard, action(() => 'unlock', (staff, p, reason) => unlockAccount(deps, staff, p.id ?? '', reason)));
  app.post('/customers/:id/sessions/end', guard, action(() => 'sessions', (staff, p, reason) => endAccountSessions(deps, staff, p.id ?? '', reason)));
  app.post('/customers/:id/suspend', guard, action(() => 'suspend', (staff, p, reason) => suspendCustomer(deps, staff, p.id ?? '', reason)));
  app.post('/customers/:id/resume', guard, action(() => 'resume', (staff, p, reason) => resumeCustomer(deps, staff, p.id ?? '', reason)));
  app.post('/customers/:id/temporary-password', guard, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const reason = parseReason(text(request.body, 'reason').slice(0, 2000));
    const delivery = text(request.body, 'delivery');
    if (!isDelivery(delivery) || !reason.ok) {
      if (!(await actionTargetExists(deps.db, id))) return notFound(request, reply);
      const problem: ActionProblem = !isDelivery(delivery) || reason.ok ? 'delivery_missing' : reason.problem;
      return reply.redirect(`${detailsHref(id)}?${new URLSearchParams({ error: problem, form: TEMPORARY_PASSWORD_FORM }).toString()}`, 303);
    }
    const outcome = await issueTemporaryPassword(deps, staffOf(request), id, { reason: reason.reason, delivery });
    if (outcome.kind === 'not_found') return notFound(request, reply);
    if (outcome.kind === 'shown') return reply.redirect(`${detailsHref(id)}/temporary-password`, 303);
    return reply.redirect(`${detailsHref(id)}?done=${outcome.done}`, 303);
  });

  app.get('/customers/:id/temporary-password', guard, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const outcome = await revealTemporaryPassword(deps, staffOf(request), id);
    if (outcome.kind === 'not_found') return notFound(request, reply);
    return sendPage(reply, TemporaryPasswordPage({ ctx: consolePageContext(deps, request, reply), id, shown: outcome.kind === 'shown' ? outcome : null }));
  });

  app.post('/customers/:id/mail/:mailId/resend', guard, action((p) => `mail-${p.mailId ?? ''}`, (staff, p, reason) => resendMail(deps, staff, p.id ?? '', p.mailId ?? '', reason)));
};
