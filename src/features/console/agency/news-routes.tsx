import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../../platform/deps.js';
import { typedValues } from '../../../platform/ui/form-parse.js';
import { sendPage } from '../../../platform/ui/render.js';
import { consolePageContext, requireStaff } from '../http.js';
import { scopeOf } from '../staff-rules.js';
import { chooseAgency, type AgencyRef } from './agency-choice.js';
import type { StaffAct } from './deps.js';
import { NEWS_FIELDS, parseNews } from './news.js';
import type { NewsRecord } from './news-repository.js';
import { createNews, deleteNewsItem, listNews, NEWS_DONE, newsInScope, setNewsPublished, updateNewsItem, type NewsDone } from './news-service.js';
import { NewsFormPage, NewsListPage, newsListHref, type NewsValues } from './news-views.js';

const valuesOf = (item: NewsRecord): NewsValues => ({ title: item.title, published_on: item.published_on, body: item.body });

/**
 * お知らせ under /console/news: an agency account edits its own agency page's news, an admin any
 * agency's (chosen with ?agency=); desk staff get 404. A news id of another agency is 404 too.
 */
export const newsRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const guard = { preHandler: requireStaff('agency', 'admin') };
  const staffOf = (request: FastifyRequest): StaffAct => ({ actor: { kind: 'staff', id: request.staff!.id }, ip: request.ip });
  const scope = (request: FastifyRequest) => scopeOf(request.staff!);
  const idOf = (request: FastifyRequest) => String((request.params as { id?: unknown }).id ?? '');
  /** The list for the item's agency (with ?agency= for an admin) and what was done. */
  const backToList = (request: FastifyRequest, reply: FastifyReply, agencyCode: string, done: NewsDone) =>
    reply.redirect(`${newsListHref(scope(request).kind === 'all' ? agencyCode : null)}${scope(request).kind === 'all' ? '&' : '?'}done=${done}`, 303);

  const agencyOf = async (request: FastifyRequest, asked: string): Promise<{ agency: AgencyRef; agencies: AgencyRef[] | null } | null> => {
    const choice = await chooseAgency(deps.db, scope(request), asked);
    return choice.kind === 'ok' ? choice : null;
  };

  const form = (request: FastifyRequest, reply: FastifyReply, props: { agency: AgencyRef; item: NewsRecord | null; values: NewsValues; errors: Record<string, string> }, status = 200) => {
    const admin = scope(request).kind === 'all';
    return sendPage(reply, NewsFormPage({ ctx: consolePageContext(deps, request, reply), agencyField: admin && !props.item ? props.agency.code : null, listHref: newsListHref(admin ? props.agency.code : null), ...props }), status);
  };

  const itemAgency = (item: { agency_code: string; agency_name: string }): AgencyRef => ({ code: item.agency_code, name: item.agency_name });

  app.get('/news', guard, async (request, reply) => {
    const chosen = await agencyOf(request, typedValues(request.query, ['agency']).agency);
    if (!chosen) return reply.callNotFound();
    const done = NEWS_DONE.find((d) => d === typedValues(request.query, ['done']).done);
    return sendPage(reply, NewsListPage({ ctx: consolePageContext(deps, request, reply), ...chosen, items: await listNews(deps.db, chosen.agency.code), done }));
  });

  app.get('/news/new', guard, async (request, reply) => {
    const chosen = await agencyOf(request, typedValues(request.query, ['agency']).agency);
    if (!chosen) return reply.callNotFound();
    return form(request, reply, { agency: chosen.agency, item: null, values: { title: '', published_on: '', body: '' }, errors: {} });
  });

  app.post('/news', guard, async (request, reply) => {
    const chosen = await agencyOf(request, typedValues(request.body, ['agency']).agency);
    if (!chosen) return reply.callNotFound();
    const values = typedValues(request.body, NEWS_FIELDS);
    const parsed = parseNews(values);
    if (!parsed.ok) return form(request, reply, { agency: chosen.agency, item: null, values, errors: parsed.errors }, 400);
    await createNews(deps, staffOf(request), chosen.agency.code, parsed.value);
    return backToList(request, reply, chosen.agency.code, 'created');
  });

  app.get('/news/:id', guard, async (request, reply) => {
    const item = await newsInScope(deps.db, scope(request), idOf(request));
    if (!item) return reply.callNotFound();
    return form(request, reply, { agency: itemAgency(item), item, values: valuesOf(item), errors: {} });
  });

  app.post('/news/:id', guard, async (request, reply) => {
    const item = await newsInScope(deps.db, scope(request), idOf(request));
    if (!item) return reply.callNotFound();
    const values = typedValues(request.body, NEWS_FIELDS);
    const parsed = parseNews(values);
    if (!parsed.ok) return form(request, reply, { agency: itemAgency(item), item, values, errors: parsed.errors }, 400);
    const outcome = await updateNewsItem(deps, staffOf(request), scope(request), item.id, parsed.value);
    return outcome.kind === 'not_found' ? reply.callNotFound() : backToList(request, reply, item.agency_code, outcome.done);
  });

  const action = (run: (staff: StaffAct, request: FastifyRequest, id: string) => ReturnType<typeof deleteNewsItem>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const item = await newsInScope(deps.db, scope(request), idOf(request));
    if (!item) return reply.callNotFound();
    const outcome = await run(staffOf(request), request, item.id);
    return outcome.kind === 'not_found' ? reply.callNotFound() : backToList(request, reply, item.agency_code, outcome.done);
  };

  app.post('/news/:id/publish', guard, action((staff, request, id) => setNewsPublished(deps, staff, scope(request), id, true)));
  app.post('/news/:id/unpublish', guard, action((staff, request, id) => setNewsPublished(deps, staff, scope(request), id, false)));
  app.post('/news/:id/delete', guard, action((staff, request, id) => deleteNewsItem(deps, staff, scope(request), id)));
};
