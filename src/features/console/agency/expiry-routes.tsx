import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { japanDate } from '../../../platform/clock.js';
import type { FeatureOptions } from '../../../platform/deps.js';
import type { FieldErrors } from '../../../platform/ui/form.js';
import { typedValues } from '../../../platform/ui/form-parse.js';
import { sendPage } from '../../../platform/ui/render.js';
import { consolePageContext, requireStaff } from '../http.js';
import { scopeOf } from '../staff-rules.js';
import { expiryCsvName, parseExpiryQuery, type ExpiryQuery, type ExpiryQueryProblem } from './expiry.js';
import { expiryCsv } from './expiry-csv.js';
import { chooseAgency, type AgencyChoice } from './agency-choice.js';
import type { StaffAct } from './deps.js';
import { expiryExport, expiryView } from './expiry-service.js';
import { ExpiryPage } from './expiry-views.js';

const FIELDS = ['agency', 'month', 'status'] as const;

const PROBLEMS: Record<ExpiryQueryProblem, string> = {
  month: '満期月を一覧から選択してください。',
  status: '状況を一覧から選択してください。',
};

/** Content-Disposition for a name that may be Japanese: an ASCII fallback and RFC 6266's filename*. */
export const attachment = (name: string): string => `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

type Resolved = { kind: 'ok'; choice: Extract<AgencyChoice, { kind: 'ok' }>; query: ExpiryQuery } | { kind: 'not_found' } | { kind: 'problem'; agencies: Array<{ code: string; name: string }> | null; errors: FieldErrors };

/**
 * 満期管理 under /console/expiries (every role: an agency account sees its own agency only and
 * naming another answers 404; desk and admin choose the agency) and its CSV.
 */
export const expiryRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const guard = { preHandler: requireStaff() };
  const staffOf = (request: FastifyRequest): StaffAct => ({ actor: { kind: 'staff', id: request.staff!.id }, ip: request.ip });

  async function resolve(request: FastifyRequest): Promise<Resolved> {
    const values = typedValues(request.query, FIELDS);
    const choice = await chooseAgency(deps.db, scopeOf(request.staff!), values.agency);
    if (choice.kind === 'not_found') return choice;
    if (choice.kind === 'no_agency') return { kind: 'problem', agencies: [], errors: { agency: '代理店が登録されていません。契約データを取り込んでください。' } };
    const parsed = parseExpiryQuery(values);
    const errors: FieldErrors = parsed.ok ? {} : Object.fromEntries(parsed.problems.map((p) => [p, PROBLEMS[p]]));
    if (choice.kind === 'unknown_agency') return { kind: 'problem', agencies: choice.agencies, errors: { ...errors, agency: '代理店を一覧から選択してください。' } };
    return parsed.ok ? { kind: 'ok', choice, query: parsed.query } : { kind: 'problem', agencies: choice.agencies, errors };
  }

  const show = (request: FastifyRequest, reply: FastifyReply, props: { agencies: Array<{ code: string; name: string }> | null; errors: FieldErrors; view: Awaited<ReturnType<typeof expiryView>> | null }, status = 200) =>
    sendPage(reply, ExpiryPage({ ctx: consolePageContext(deps, request, reply), today: japanDate(deps.clock.now()), values: typedValues(request.query, FIELDS), ...props }), status);

  app.get('/expiries', guard, async (request, reply) => {
    const resolved = await resolve(request);
    if (resolved.kind === 'not_found') return reply.callNotFound();
    if (resolved.kind === 'problem') return show(request, reply, { agencies: resolved.agencies, errors: resolved.errors, view: null }, 400);
    const view = await expiryView(deps, staffOf(request), resolved.choice, resolved.query);
    return show(request, reply, { agencies: view.agencies, errors: {}, view });
  });

  app.get('/expiries.csv', guard, async (request, reply) => {
    const resolved = await resolve(request);
    if (resolved.kind === 'not_found') return reply.callNotFound();
    if (resolved.kind === 'problem') return show(request, reply, { agencies: resolved.agencies, errors: resolved.errors, view: null }, 400);
    const code = resolved.choice.agency.code;
    const { terms, range } = await expiryExport(deps, staffOf(request), code, resolved.query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachment(expiryCsvName(code, range, resolved.query.month)))
      .header('cache-control', 'no-store')
      .send(expiryCsv(terms));
  });
};
