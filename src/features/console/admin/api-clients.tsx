import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import type { FeatureOptions } from '../../../platform/deps.js';
import { WideLayout } from '../../../platform/ui/console-layout.js';
import { ErrorSummary, PostForm, SubmitButton, TextField } from '../../../platform/ui/form.js';
import { typedValues } from '../../../platform/ui/form-parse.js';
import { sendPage } from '../../../platform/ui/render.js';
import { consolePageContext, requireStaff } from '../http.js';
import type { ConsolePageContext } from '../views.js';
import { reasonOf } from './form.js';
import { japanTime } from './views.js';

/** What the page needs of the API clients; the console site passes the api-clients feature's functions. */
export interface ApiClientsPort {
  list(db: Db): Promise<ApiClientEntry[]>;
  revoke(db: Db, now: Date, clientId: string, by: Actor, reason: string, ip: string): Promise<'revoked' | 'unknown' | 'already_revoked'>;
}

export interface ApiClientEntry {
  name: string;
  clientId: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

interface Problem {
  clientId: string;
  error: string;
}

function ApiClientsPage({ ctx, clients, done, problem }: { ctx: ConsolePageContext; clients: ApiClientEntry[]; done?: boolean; problem?: Problem }) {
  return (
    <WideLayout ctx={ctx} title="APIクライアント">
      <nav aria-label="パンくずリスト" class="breadcrumbs">
        <a href="/console">コンソール トップ</a>
      </nav>
      <h1>APIクライアント</h1>
      {done ? <p class="notice" role="status">APIクライアントを無効化しました。発行済みのアクセストークンは使えなくなりました。</p> : null}
      <ErrorSummary message={problem ? '入力内容に誤りがあります。各項目のメッセージをご確認ください。' : undefined} />
      <p>基幹システムが連携APIを使うためのクライアントです。追加はコマンド <code>npx keizoku api-clients add</code> で行います。</p>
      <table class="admin-table">
        <caption>APIクライアントの一覧（{clients.length}件）</caption>
        <thead>
          <tr>
            <th scope="col">名前</th>
            <th scope="col">クライアントID</th>
            <th scope="col">スコープ</th>
            <th scope="col">作成日時</th>
            <th scope="col">最終利用</th>
            <th scope="col">状態</th>
          </tr>
        </thead>
        <tbody>
          {clients.map((c) => (
            <tr>
              <td>{c.name}</td>
              <td>
                <code>{c.clientId}</code>
              </td>
              <td>{c.scopes.join(', ')}</td>
              <td>{japanTime(c.createdAt)}</td>
              <td>{japanTime(c.lastUsedAt)}</td>
              <td>{c.revokedAt ? `無効（${japanTime(c.revokedAt)}${c.revokedReason ? `、理由：${c.revokedReason}` : ''}）` : '有効'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {clients
        .filter((c) => !c.revokedAt)
        .map((c) => (
          <section aria-labelledby={`h-${c.clientId}`}>
            <h2 id={`h-${c.clientId}`}>無効化：{c.name}</h2>
            <p>無効化すると、このクライアントの発行済みアクセストークンはすぐに使えなくなり、新しいトークンも発行されません。元に戻せません。</p>
            <PostForm action={`/console/api-clients/${encodeURIComponent(c.clientId)}/revoke`} csrf={ctx.csrf}>
              <TextField name="reason" id={`f-reason-${c.clientId}`} label="理由" hint="操作ログに記録されます（200文字以内）。" error={problem?.clientId === c.clientId ? problem.error : undefined} value="" maxLength={200} />
              <div class="actions">
                <SubmitButton>無効化する</SubmitButton>
              </div>
            </PostForm>
          </section>
        ))}
    </WideLayout>
  );
}

/** APIクライアント (admin only): the clients, and 無効化 with a reason (audited by the revoke). */
export const apiClientAdminRoutes =
  (port: ApiClientsPort): FastifyPluginAsync<FeatureOptions> =>
  async (app, { deps }) => {
    const adminOnly = { preHandler: requireStaff('admin') };
    const page = (request: FastifyRequest, reply: FastifyReply) => consolePageContext(deps, request, reply);

    app.get('/api-clients', adminOnly, async (request, reply) => {
      const done = typedValues(request.query, ['done']).done === 'revoked';
      return sendPage(reply, ApiClientsPage({ ctx: page(request, reply), clients: await port.list(deps.db), done }));
    });

    app.post('/api-clients/:clientId/revoke', adminOnly, async (request, reply) => {
      const clientId = String((request.params as { clientId?: unknown }).clientId ?? '');
      const clients = await port.list(deps.db);
      const client = clients.find((c) => c.clientId === clientId);
      if (!client) return reply.callNotFound();
      const reason = reasonOf(typedValues(request.body, ['reason']).reason);
      if ('error' in reason) return sendPage(reply, ApiClientsPage({ ctx: page(request, reply), clients, problem: { clientId, error: reason.error } }), 400);
      await port.revoke(deps.db, deps.clock.now(), clientId, { kind: 'staff', id: request.staff!.id }, reason.value, request.ip);
      return reply.redirect('/console/api-clients?done=revoked', 303);
    });
  };
