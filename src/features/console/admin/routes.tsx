import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../../platform/deps.js';
import type { FieldErrors } from '../../../platform/ui/form.js';
import { typedValues } from '../../../platform/ui/form-parse.js';
import { sendPage } from '../../../platform/ui/render.js';
import { consolePageContext, requireStaff } from '../http.js';
import { auditLogCsv, auditLogPage, parseAuditQuery, type AuditQueryProblem } from './audit-log-service.js';
import { parseNewStaff, parseRole, reasonOf } from './form.js';
import { listAgencies } from './repository.js';
import { addStaffByAdmin, changeStaffRole, disableStaff, enableStaff, reissueSetupLink, resetStaffMfa, staffSummaries, staffSummary, type AdminActor, type StaffActionOutcome } from './staff-admin-service.js';
import { AuditLogPage, DONE_MESSAGES, NewStaffPage, StaffDetailPage, StaffListPage, type DoneMessage, type StaffPageProblem } from './views.js';

const NEW_FIELDS = ['login', 'name', 'email', 'role', 'agency', 'reason'] as const;
const AUDIT_FIELDS = ['staff', 'customer', 'kind', 'from', 'to', 'page'] as const;

const doneOf = (query: unknown): DoneMessage | undefined => {
  const done = typedValues(query, ['done']).done;
  return Object.hasOwn(DONE_MESSAGES, done) ? (done as DoneMessage) : undefined;
};

const REFUSALS = {
  self: '自分自身に対しては、この操作はできません。ほかの管理者に依頼してください。',
  last_admin: '有効な管理者がいなくなるため、この操作はできません。先にほかの職員を管理者にしてください。',
  not_applicable: 'この職員の現在の状態では、この操作は必要ありません。',
  no_email: 'メールアドレスが登録されていないため、初期設定のURLを送信できません。',
  setup_done: 'この職員は初期設定を済ませているため、初期設定のURLは再発行できません。認証アプリを使えないときは「2段階認証のリセット」を行ってください。',
} as const;

const AUDIT_PROBLEMS: Record<AuditQueryProblem, [string, string]> = {
  customer: ['customer', 'お客さまIDを正しく入力してください。'],
  kind: ['kind', '種別を一覧から選択してください。'],
  from: ['from', '開始日はYYYY-MM-DDの形式で、正しい日付を入力してください。'],
  to: ['to', '終了日はYYYY-MM-DDの形式で、正しい日付を入力してください。'],
  range: ['to', '終了日は開始日以降の日付を入力してください。'],
  page: ['page', 'ページの指定が正しくありません。'],
};

/**
 * The administrator's pages (role admin only; desk and agency staff get 404 as for a page that
 * does not exist): スタッフ管理 under /console/staff and 操作ログ under /console/audit.
 */
export const adminRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePageContext(deps, request, reply);
  const actor = (request: FastifyRequest): AdminActor => ({ staffId: request.staff!.id, ip: request.ip });
  const adminOnly = { preHandler: requireStaff('admin') };
  const idOf = (request: FastifyRequest) => String((request.params as { id?: unknown }).id ?? '');

  app.get('/staff', adminOnly, async (request, reply) => sendPage(reply, StaffListPage({ ctx: page(request, reply), staff: await staffSummaries(deps.db), done: doneOf(request.query) })));

  app.get('/staff/new', adminOnly, async (request, reply) =>
    sendPage(reply, NewStaffPage({ ctx: page(request, reply), values: typedValues({}, NEW_FIELDS), errors: {}, agencies: await listAgencies(deps.db) })),
  );

  app.post('/staff', adminOnly, async (request, reply) => {
    const values = typedValues(request.body, NEW_FIELDS);
    const show = async (errors: FieldErrors, message?: string) =>
      sendPage(reply, NewStaffPage({ ctx: page(request, reply), values, errors, agencies: await listAgencies(deps.db), ...(message ? { message } : {}) }), 400);
    const parsed = parseNewStaff(values);
    if (!parsed.ok) return show(parsed.errors);
    const outcome = await addStaffByAdmin(deps, actor(request), parsed.value);
    if (outcome.ok) return reply.redirect(`/console/staff/${encodeURIComponent(outcome.staffId)}?done=added`, 303);
    if ('errors' in outcome) {
      return show({
        ...(outcome.errors.login ? { login: 'このログインIDはすでに使われています。' } : {}),
        ...(outcome.errors.agency ? { agency: '代理店を一覧から選択してください。' } : {}),
      });
    }
    return show({}, '職員を追加できませんでした。入力内容をご確認ください。');
  });

  app.get('/staff/:id', adminOnly, async (request, reply) => {
    const staff = await staffSummary(deps.db, idOf(request));
    if (!staff) return reply.callNotFound();
    return sendPage(reply, StaffDetailPage({ ctx: page(request, reply), staff, agencies: await listAgencies(deps.db), isSelf: staff.id === request.staff!.id, done: doneOf(request.query) }));
  });

  /** Runs one action on a staff member: reason first; the staff page again with the refusal, or 303 to it with the result. */
  const action = (form: StaffPageProblem['form'], done: DoneMessage, run: (request: FastifyRequest, id: string, reason: string) => Promise<StaffActionOutcome | { ok: false; fieldErrors: FieldErrors }>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const id = idOf(request);
      const staff = await staffSummary(deps.db, id);
      if (!staff) return reply.callNotFound();
      const reason = reasonOf(typedValues(request.body, ['reason']).reason);
      const outcome = 'error' in reason ? { ok: false as const, fieldErrors: { reason: reason.error } } : await run(request, id, reason.value);
      if (outcome.ok) return reply.redirect(`/console/staff/${encodeURIComponent(id)}?done=${done}`, 303);
      if ('notFound' in outcome) return reply.callNotFound();
      const problem: StaffPageProblem =
        'fieldErrors' in outcome ? { form, message: '入力内容に誤りがあります。各項目のメッセージをご確認ください。', errors: outcome.fieldErrors } : { form, message: REFUSALS[outcome.refusal], errors: {} };
      return sendPage(reply, StaffDetailPage({ ctx: page(request, reply), staff, agencies: await listAgencies(deps.db), isSelf: staff.id === request.staff!.id, problem }), 'fieldErrors' in outcome ? 400 : 409);
    };

  app.post('/staff/:id/disable', adminOnly, action('status', 'disabled', (request, id, reason) => disableStaff(deps, actor(request), id, reason)));
  app.post('/staff/:id/enable', adminOnly, action('status', 'enabled', (request, id, reason) => enableStaff(deps, actor(request), id, reason)));
  app.post('/staff/:id/mfa-reset', adminOnly, action('mfa', 'mfa', (request, id, reason) => resetStaffMfa(deps, actor(request), id, reason)));
  app.post('/staff/:id/setup-link', adminOnly, action('setup', 'setup', (request, id, reason) => reissueSetupLink(deps, actor(request), id, reason)));
  app.post(
    '/staff/:id/role',
    adminOnly,
    action('role', 'role', async (request, id, reason): Promise<StaffActionOutcome | { ok: false; fieldErrors: FieldErrors }> => {
      const role = parseRole(typedValues(request.body, ['role', 'agency']));
      if (!role) return { ok: false, fieldErrors: { role: '権限を選択してください。' } };
      const outcome = await changeStaffRole(deps, actor(request), id, role.role, role.agencyCode, reason);
      if (outcome.ok || !('agency' in outcome)) return outcome;
      const agencyErrors = { required: '権限が「代理店」のときは、代理店を選択してください。', not_allowed: '代理店は、権限が「代理店」のときだけ選択できます。', unknown: '代理店を一覧から選択してください。' } as const;
      return { ok: false, fieldErrors: { agency: agencyErrors[outcome.agency] } };
    }),
  );

  const auditQuery = (request: FastifyRequest) => {
    const values = typedValues(request.query, AUDIT_FIELDS);
    const parsed = parseAuditQuery(values);
    const errors: FieldErrors = parsed.ok ? {} : Object.fromEntries(parsed.problems.map((p) => AUDIT_PROBLEMS[p]));
    return { values, parsed, errors };
  };

  app.get('/audit', adminOnly, async (request, reply) => {
    const { values, parsed, errors } = auditQuery(request);
    const staff = await staffSummaries(deps.db);
    const formValues = { staff: values.staff, customer: values.customer, kind: values.kind, from: values.from, to: values.to };
    if (!parsed.ok) return sendPage(reply, AuditLogPage({ ctx: page(request, reply), values: formValues, staff, result: null, errors }), 400);
    const result = await auditLogPage(deps.db, actor(request), deps.clock.now(), parsed.filter, parsed.page);
    return sendPage(reply, AuditLogPage({ ctx: page(request, reply), values: formValues, staff, result, errors }));
  });

  app.get('/audit.csv', adminOnly, async (request, reply) => {
    const { values, parsed, errors } = auditQuery(request);
    if (!parsed.ok) {
      const formValues = { staff: values.staff, customer: values.customer, kind: values.kind, from: values.from, to: values.to };
      return sendPage(reply, AuditLogPage({ ctx: page(request, reply), values: formValues, staff: await staffSummaries(deps.db), result: null, errors }), 400);
    }
    const csv = await auditLogCsv(deps.db, actor(request), deps.clock.now(), parsed.filter);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-log.csv"')
      .header('cache-control', 'no-store')
      .send(csv);
  });
};
