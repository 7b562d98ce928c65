import type { ComponentChildren } from 'preact';
import { WideLayout } from '../../../platform/ui/console-layout.js';
import { ErrorSummary, PostForm, SelectField, SubmitButton, TextField, type FieldErrors } from '../../../platform/ui/form.js';
import { ROLE_LABELS, STAFF_ROLES } from '../staff-rules.js';
import type { ConsolePageContext } from '../views.js';
import type { AuditPage } from './audit-log-service.js';
import { auditKindLabel } from '../audit-labels.js';
import type { AgencyOption } from './repository.js';
import type { StaffSummary } from './staff-admin-service.js';

export function AdminPage({ ctx, title, children }: { ctx: ConsolePageContext; title: string; children: ComponentChildren }) {
  return (
    <WideLayout ctx={ctx} title={title}>
      <nav aria-label="パンくずリスト" class="breadcrumbs">
        <a href="/console">コンソール トップ</a>
      </nav>
      <h1>{title}</h1>
      {children}
    </WideLayout>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
export function japanTime(at: Date | null): string {
  if (!at) return '-';
  const d = new Date(at.getTime() + 9 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const roleLabel = (s: StaffSummary) => (s.role ? ROLE_LABELS[s.role] : '-');
const ROLE_OPTIONS = STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const agencyOptions = (agencies: AgencyOption[]) => agencies.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }));

/** What was done, shown once after the redirect (?done=…). */
export const DONE_MESSAGES = {
  added: '職員を追加しました。初期設定のURLを、登録したメールアドレスに送信しました。',
  disabled: '職員を停止しました。ログイン中のセッションは終了しました。',
  enabled: '職員を再開しました。',
  role: '権限を変更しました。次の操作から新しい権限になります。',
  mfa: '2段階認証をリセットしました。ログイン中のセッションを終了し、初期設定のURLをメールで送信しました。',
  setup: '初期設定のURLを再発行し、登録済みのメールアドレスに送信しました（有効期限24時間）。以前のURLは使えなくなりました。',
} as const;
export type DoneMessage = keyof typeof DONE_MESSAGES;

/** スタッフ管理: every staff account and a link to add one. */
export function StaffListPage({ ctx, staff, done }: { ctx: ConsolePageContext; staff: StaffSummary[]; done?: DoneMessage | undefined }) {
  return (
    <AdminPage ctx={ctx} title="スタッフ管理">
      {done ? <p class="notice" role="status">{DONE_MESSAGES[done]}</p> : null}
      <p>
        <a class="button primary" href="/console/staff/new">
          職員を追加
        </a>
      </p>
      <table class="admin-table">
        <caption>職員の一覧（{staff.length}名）</caption>
        <thead>
          <tr>
            <th scope="col">ログインID</th>
            <th scope="col">氏名</th>
            <th scope="col">権限</th>
            <th scope="col">代理店</th>
            <th scope="col">状態</th>
            <th scope="col">MFA</th>
            <th scope="col">最終ログイン</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr>
              <td>
                <a href={`/console/staff/${encodeURIComponent(s.id)}`}>{s.login}</a>
              </td>
              <td>{s.name}</td>
              <td>{roleLabel(s)}</td>
              <td>{s.agencyCode ?? '-'}</td>
              <td>{s.enabled ? '有効' : '停止'}</td>
              <td>{s.mfaEnrolled ? '登録済' : '未登録'}</td>
              <td>{japanTime(s.lastLoginAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminPage>
  );
}

export interface NewStaffValues {
  login: string;
  name: string;
  email: string;
  role: string;
  agency: string;
  reason: string;
}

/** 理由 (each form on a page has its own, so each its own id). */
export const ReasonField = ({ error, value, form }: { error?: string | undefined; value?: string; form?: string }) => (
  <TextField name="reason" label="理由" hint="操作ログに記録されます（200文字以内）。" error={error} value={value ?? ''} maxLength={200} {...(form ? { id: `f-reason-${form}` } : {})} />
);

export function NewStaffPage({ ctx, values, errors, agencies, message }: { ctx: ConsolePageContext; values: NewStaffValues; errors: FieldErrors; agencies: AgencyOption[]; message?: string }) {
  return (
    <AdminPage ctx={ctx} title="職員の追加">
      <ErrorSummary errors={errors} message={message} />
      <p>初期設定のURL（有効期限24時間、1回限り）は、入力したメールアドレスに送信されます。画面には表示されません。</p>
      <PostForm action="/console/staff" csrf={ctx.csrf}>
        <TextField name="login" label="ログインID" hint="半角英小文字・数字と「.」「_」「-」の3〜64文字" value={values.login} error={errors.login} maxLength={64} autocomplete="off" />
        <TextField name="name" label="氏名" value={values.name} error={errors.name} maxLength={100} autocomplete="off" />
        <TextField name="email" label="メールアドレス" type="email" value={values.email} error={errors.email} maxLength={254} autocomplete="off" />
        <SelectField name="role" label="権限" options={ROLE_OPTIONS} value={values.role} error={errors.role} />
        <SelectField name="agency" label="代理店" hint="権限が「代理店」のときだけ選択してください。" options={[{ value: '', label: 'なし' }, ...agencyOptions(agencies)]} value={values.agency} error={errors.agency} />
        <ReasonField error={errors.reason} value={values.reason} />
        <div class="actions">
          <SubmitButton>追加する</SubmitButton>
        </div>
      </PostForm>
      <p>
        <a href="/console/staff">スタッフ管理に戻る</a>
      </p>
    </AdminPage>
  );
}

export interface StaffPageProblem {
  form: 'status' | 'role' | 'mfa' | 'setup';
  message: string;
  errors: FieldErrors;
}

/** One staff member: details, 停止/再開, 権限の変更, 2段階認証のリセット; each asks for a reason. */
export function StaffDetailPage({ ctx, staff, agencies, isSelf, done, problem }: { ctx: ConsolePageContext; staff: StaffSummary; agencies: AgencyOption[]; isSelf: boolean; done?: DoneMessage | undefined; problem?: StaffPageProblem }) {
  const base = `/console/staff/${encodeURIComponent(staff.id)}`;
  const errorsOf = (form: StaffPageProblem['form']) => (problem?.form === form ? problem.errors : {});
  return (
    <AdminPage ctx={ctx} title={`職員の詳細：${staff.login}`}>
      {done ? <p class="notice" role="status">{DONE_MESSAGES[done]}</p> : null}
      <ErrorSummary message={problem?.message} />
      <dl class="entries">
        {(
          [
            ['ログインID', staff.login],
            ['氏名', staff.name],
            ['メールアドレス', staff.email ?? '-'],
            ['権限', roleLabel(staff)],
            ['代理店', staff.agencyCode ?? '-'],
            ['状態', staff.enabled ? '有効' : '停止'],
            ['MFA', staff.mfaEnrolled ? '登録済' : '未登録'],
            ['最終ログイン', japanTime(staff.lastLoginAt)],
          ] as const
        ).map(([label, value]) => (
          <div class="entry">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {isSelf ? (
        <p class="notice">自分自身の停止・権限の変更・2段階認証のリセットはできません。ほかの管理者に依頼してください。</p>
      ) : (
        <>
          <section aria-labelledby="h-status">
            <h2 id="h-status">{staff.enabled ? '停止' : '再開'}</h2>
            <p>{staff.enabled ? '停止すると、この職員はログインできなくなり、ログイン中のセッションはすぐに終了します。' : '再開すると、この職員は設定済みのパスワードと認証アプリで再びログインできます。'}</p>
            <PostForm action={`${base}/${staff.enabled ? 'disable' : 'enable'}`} csrf={ctx.csrf}>
              <ReasonField form="status" error={errorsOf('status').reason} />
              <div class="actions">
                <SubmitButton>{staff.enabled ? '停止する' : '再開する'}</SubmitButton>
              </div>
            </PostForm>
          </section>
          <section aria-labelledby="h-role">
            <h2 id="h-role">権限の変更</h2>
            <PostForm action={`${base}/role`} csrf={ctx.csrf}>
              <SelectField name="role" label="新しい権限" options={ROLE_OPTIONS} value={staff.role ?? undefined} error={errorsOf('role').role} />
              <SelectField name="agency" label="代理店" hint="権限が「代理店」のときだけ選択してください。" options={[{ value: '', label: 'なし' }, ...agencyOptions(agencies)]} value={staff.agencyCode ?? ''} error={errorsOf('role').agency} />
              <ReasonField form="role" error={errorsOf('role').reason} />
              <div class="actions">
                <SubmitButton>権限を変更する</SubmitButton>
              </div>
            </PostForm>
          </section>
          {staff.enabled && !staff.mfaEnrolled ? (
            <section aria-labelledby="h-setup">
              <h2 id="h-setup">初期設定URLの再発行</h2>
              <p>初期設定のURLの有効期限（24時間）が切れたとき、またはメールが見つからないときに行います。新しいURLを登録済みのメールアドレスに送信し、以前のURLは使えなくなります。</p>
              <PostForm action={`${base}/setup-link`} csrf={ctx.csrf}>
                <ReasonField form="setup" error={errorsOf('setup').reason} />
                <div class="actions">
                  <SubmitButton>初期設定のURLを再発行する</SubmitButton>
                </div>
              </PostForm>
            </section>
          ) : null}
          {staff.enabled ? (
            <section aria-labelledby="h-mfa">
              <h2 id="h-mfa">2段階認証のリセット</h2>
              <p>スマートフォンの紛失などで認証アプリを使えないときに行います。ログイン中のセッションを終了し、パスワード・認証アプリ・リカバリーコードを無効にして、初期設定のURLを登録済みのメールアドレスに送信します。職員は初期設定をやり直します。</p>
              <PostForm action={`${base}/mfa-reset`} csrf={ctx.csrf}>
                <ReasonField form="mfa" error={errorsOf('mfa').reason} />
                <div class="actions">
                  <SubmitButton>2段階認証をリセットする</SubmitButton>
                </div>
              </PostForm>
            </section>
          ) : null}
        </>
      )}
      <p>
        <a href="/console/staff">スタッフ管理に戻る</a>
      </p>
    </AdminPage>
  );
}

export interface AuditFormValues {
  staff: string;
  customer: string;
  kind: string;
  from: string;
  to: string;
}

const queryString = (values: AuditFormValues, page?: number) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '') params.set(k, v);
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** 操作ログ: every audit event, newest first, 50 a page, with filters and a CSV of the same. */
export function AuditLogPage({ ctx, values, staff, result, errors }: { ctx: ConsolePageContext; values: AuditFormValues; staff: StaffSummary[]; result: AuditPage | null; errors: FieldErrors }) {
  const kinds = result?.kinds ?? [];
  return (
    <AdminPage ctx={ctx} title="操作ログ">
      <ErrorSummary errors={errors} />
      <form method="get" action="/console/audit" class="filters" novalidate>
        <SelectField name="staff" label="職員" options={[{ value: '', label: 'すべて' }, ...staff.map((s) => ({ value: s.id, label: `${s.login}（${s.name}）` }))]} value={values.staff} />
        <TextField name="customer" label="お客さまID" value={values.customer} error={errors.customer} maxLength={100} />
        <SelectField name="kind" label="種別" options={[{ value: '', label: 'すべて' }, ...kinds.map((k) => ({ value: k, label: auditKindLabel(k) === k ? k : `${auditKindLabel(k)}（${k}）` }))]} value={kinds.includes(values.kind) || values.kind === '' ? values.kind : ''} error={errors.kind} />
        <TextField name="from" label="期間（開始日）" hint="YYYY-MM-DD（日本時間）" value={values.from} error={errors.from} maxLength={10} />
        <TextField name="to" label="期間（終了日）" hint="YYYY-MM-DD（この日を含む）" value={values.to} error={errors.to} maxLength={10} />
        <div class="actions">
          <button type="submit" class="button primary">
            絞り込む
          </button>{' '}
          <a class="button" href={`/console/audit.csv${queryString(values)}`}>
            CSVダウンロード
          </a>
        </div>
      </form>
      {result ? (
        <>
          <table class="admin-table audit-table">
            <caption>{`操作ログ（${result.page}ページ目、新しい順）`}</caption>
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">種別</th>
                <th scope="col">操作者</th>
                <th scope="col">対象</th>
                <th scope="col">IP</th>
                <th scope="col">理由/詳細</th>
              </tr>
            </thead>
            <tbody>
              {result.lines.map((line) => (
                <tr>
                  <td>{line.at}</td>
                  <td>{line.kindLabel}</td>
                  <td>{line.actor}</td>
                  <td>{line.customerHref ? <a href={line.customerHref}>{line.target}</a> : line.target}</td>
                  <td>{line.ip}</td>
                  <td>{line.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.lines.length === 0 ? <p>条件に合う操作ログはありません。</p> : null}
          <nav aria-label="ページ" class="pager">
            {result.page > 1 ? <a href={`/console/audit${queryString(values, result.page - 1)}`} rel="prev">前のページ</a> : null}{' '}
            {result.hasNext ? <a href={`/console/audit${queryString(values, result.page + 1)}`} rel="next">次のページ</a> : null}
          </nav>
        </>
      ) : null}
    </AdminPage>
  );
}
