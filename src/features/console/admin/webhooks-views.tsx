import { ErrorSummary, PostForm, SubmitButton, type FieldErrors } from '../../../platform/ui/form.js';
import type { WebhookState } from '../../../platform/webhooks/store.js';
import type { ConsolePageContext } from '../views.js';
import { AdminPage, japanTime, ReasonField } from './views.js';
import type { WebhookLine, WebhookOverview } from './webhooks-service.js';

export const WEBHOOK_STATE_LABELS: Record<WebhookState, string> = { delivered: '配信済', pending: '再試行待ち', gave_up: '断念' };

export const WEBHOOK_RESENT = 'Webhookを再送の対象にしました。1分以内に送信されます。';

/** The receiver's answer at the last attempt, or why there was none. */
const lastResult = (line: WebhookLine) => (line.attempts === 0 ? '未送信' : line.lastStatus !== null && line.lastError === null ? `HTTP ${line.lastStatus}` : (line.lastError ?? '-'));

const detailHref = (id: string) => `/console/webhooks/${encodeURIComponent(id)}`;

function StateLinks({ counts, state }: { counts: WebhookOverview['counts']; state: WebhookState | null }) {
  const all = counts.delivered + counts.pending + counts.gave_up;
  const link = (value: WebhookState | null, label: string, n: number) =>
    value === state ? <strong>{`${label}（${n}件）`}</strong> : <a href={value ? `/console/webhooks?state=${value}` : '/console/webhooks'}>{`${label}（${n}件）`}</a>;
  return (
    <nav aria-label="状態で絞り込む" class="pager webhook-counts">
      {link(null, 'すべて', all)}
      {link('delivered', WEBHOOK_STATE_LABELS.delivered, counts.delivered)}
      {link('pending', WEBHOOK_STATE_LABELS.pending, counts.pending)}
      {link('gave_up', WEBHOOK_STATE_LABELS.gave_up, counts.gave_up)}
    </nav>
  );
}

export interface WebhookPageProps {
  ctx: ConsolePageContext;
  /** WEBHOOK_URL without user info; null when webhooks are off. */
  target: string | null;
  overview: WebhookOverview;
  state: WebhookState | null;
  /** Why the filter asked for was not applied. */
  problem?: string;
  done?: boolean;
}

/** Webhook 配信状況: the counts by state and the newest events (100), with 再送 for a given-up one. */
export function WebhookDeliveriesPage({ ctx, target, overview, state, problem, done }: WebhookPageProps) {
  return (
    <AdminPage ctx={ctx} title="Webhook 配信状況">
      {done ? <p class="notice" role="status">{WEBHOOK_RESENT}</p> : null}
      <ErrorSummary message={problem} />
      <p>{target ? `送信先：${target}` : 'WEBHOOK_URL が設定されていないため、Webhookは作成・送信されません。'}</p>
      <StateLinks counts={overview.counts} state={state} />
      <table class="admin-table webhook-table">
        <caption>{`${state ? WEBHOOK_STATE_LABELS[state] : 'すべて'}のWebhook（新しい順、最大100件）`}</caption>
        <thead>
          <tr>
            <th scope="col">状態</th>
            <th scope="col">イベント</th>
            <th scope="col">webhook-id</th>
            <th scope="col">作成日時</th>
            <th scope="col">試行回数</th>
            <th scope="col">最終結果</th>
            <th scope="col">次回試行</th>
            <th scope="col">配信日時</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {overview.lines.map((line) => (
            <tr>
              <td>{WEBHOOK_STATE_LABELS[line.state]}</td>
              <td>{line.eventType}</td>
              <td class="webhook-id">
                <a href={detailHref(line.id)}>{line.id}</a>
              </td>
              <td>{japanTime(line.createdAt)}</td>
              <td>{line.attempts}</td>
              <td class="webhook-error">{lastResult(line)}</td>
              <td>{japanTime(line.nextAttemptAt)}</td>
              <td>{japanTime(line.deliveredAt)}</td>
              <td>
                {line.state === 'gave_up' ? (
                  <a class="button" href={detailHref(line.id)}>
                    再送
                  </a>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {overview.lines.length === 0 ? <p>該当するWebhookはありません。</p> : null}
    </AdminPage>
  );
}

export interface WebhookDetailProps {
  ctx: ConsolePageContext;
  line: WebhookLine;
  message?: string;
  errors?: FieldErrors;
}

/** One event: its delivery so far; for a given-up one, 再送 with a reason. */
export function WebhookDetailPage({ ctx, line, message, errors }: WebhookDetailProps) {
  const rows: Array<[string, string]> = [
    ['状態', WEBHOOK_STATE_LABELS[line.state]],
    ['イベント', line.eventType],
    ['webhook-id', line.id],
    ['作成日時', japanTime(line.createdAt)],
    ['試行回数', String(line.attempts)],
    ['最終試行', japanTime(line.lastAttemptAt)],
    ['最終結果', lastResult(line)],
    ['次回試行', japanTime(line.nextAttemptAt)],
    ['配信日時', japanTime(line.deliveredAt)],
    ['断念日時', japanTime(line.gaveUpAt)],
  ];
  return (
    <AdminPage ctx={ctx} title={`Webhookの詳細：${line.id}`}>
      <ErrorSummary errors={errors ?? {}} message={message} />
      <dl class="entries">
        {rows.map(([label, value]) => (
          <div class="entry">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {line.state === 'gave_up' ? (
        <section aria-labelledby="h-resend">
          <h2 id="h-resend">再送</h2>
          <p>同じwebhook-idと内容で、もう一度送信します。失敗したときは、ここから3日間、間隔をあけて再試行します。</p>
          <PostForm action={`${detailHref(line.id)}/resend`} csrf={ctx.csrf}>
            <ReasonField error={errors?.reason} />
            <div class="actions">
              <SubmitButton>再送する</SubmitButton>
            </div>
          </PostForm>
        </section>
      ) : null}
      <p>
        <a href="/console/webhooks">Webhook 配信状況に戻る</a>
      </p>
    </AdminPage>
  );
}
