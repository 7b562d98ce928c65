import { formatDateTimeJa } from '../../platform/clock.js';
import { LOGIN_METHOD_WORDS } from '../../platform/auth/login-notice.js';
import type { LoginEventRow } from '../../platform/auth/login-events.js';
import { describeUserAgent } from '../../platform/http/user-agent.js';
import { PostForm, SubmitButton } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import type { LoginHistory, SessionView } from './service.js';

export const HISTORY_PATH = '/mypage/changes/login-history';
export const END_SESSION_PATH = `${HISTORY_PATH}/end`;
export const END_OTHERS_PATH = `${HISTORY_PATH}/end-others`;
const CHANGES_TAB = '/mypage/changes';

const at = (iso: string) => formatDateTimeJa(new Date(iso));

/** What the page says after an action: ?ended=1 (one session) or ?ended=others&count=N. */
export type Ended = { kind: 'one' } | { kind: 'others'; count: number } | null;

function EndedNotice({ ended }: { ended: Ended }) {
  if (!ended) return null;
  const text = ended.kind === 'one' ? '選択した端末をログアウトさせました。' : ended.count > 0 ? `ほかの端末（${ended.count}件）をすべてログアウトさせました。` : 'ほかにログイン中の端末はありませんでした。';
  return (
    <p class="notice" role="status">
      {text}
    </p>
  );
}

function Attempts({ attempts }: { attempts: LoginEventRow[] }) {
  if (attempts.length === 0) return <p>ログインの記録はまだありません。</p>;
  return (
    <table class="policy-table login-attempts">
      <thead>
        <tr>
          <th scope="col">日時</th>
          <th scope="col">ブラウザ・OS</th>
          <th scope="col">方法</th>
          <th scope="col">結果</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <tr>
            <td data-label="日時">{at(a.at)}</td>
            <td data-label="ブラウザ・OS">{describeUserAgent(a.userAgent)}</td>
            <td data-label="方法">{LOGIN_METHOD_WORDS[a.method]}</td>
            <td data-label="結果">
              <span>{a.succeeded ? <strong class="badge">成功</strong> : <strong class="badge rejected">失敗</strong>}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SessionRow({ ctx, session }: { ctx: PageContext; session: SessionView }) {
  return (
    <tr>
      <td data-label="ブラウザ・OS">
        <span>
          {describeUserAgent(session.userAgent)}
          {session.current ? (
            <>
              {' '}
              <strong class="badge">このブラウザ</strong>
            </>
          ) : null}
        </span>
      </td>
      <td data-label="ログイン日時">{at(session.createdAt)}</td>
      <td data-label="最終利用日時">{at(session.lastSeenAt)}</td>
      <td data-label="操作">
        {session.current ? (
          <span class="hint">ログアウトは画面上部の「ログアウト」から</span>
        ) : (
          <PostForm action={END_SESSION_PATH} csrf={ctx.csrf}>
            <input type="hidden" name="session" value={session.ref} />
            <SubmitButton>ログアウトさせる</SubmitButton>
          </PostForm>
        )}
      </td>
    </tr>
  );
}

function Sessions({ ctx, sessions }: { ctx: PageContext; sessions: SessionView[] }) {
  return (
    <table class="policy-table login-sessions">
      <thead>
        <tr>
          <th scope="col">ブラウザ・OS</th>
          <th scope="col">ログイン日時</th>
          <th scope="col">最終利用日時</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <SessionRow ctx={ctx} session={s} />
        ))}
      </tbody>
    </table>
  );
}

/** 各種変更の手続き → ログイン履歴. */
export function LoginHistoryPage({ ctx, history, ended }: { ctx: PageContext; history: LoginHistory; ended: Ended }) {
  const others = history.sessions.some((s) => !s.current);
  return (
    <Layout ctx={ctx} title="ログイン履歴">
      <h1>ログイン履歴</h1>
      <EndedNotice ended={ended} />
      <h2>ログイン中の端末</h2>
      <p>現在お客さまWebサービスにログインしているブラウザです。お心当たりのないものは「ログアウトさせる」を押してください。</p>
      <Sessions ctx={ctx} sessions={history.sessions} />
      {others ? (
        <PostForm action={END_OTHERS_PATH} csrf={ctx.csrf}>
          <SubmitButton>ほかの端末からすべてログアウト</SubmitButton>
        </PostForm>
      ) : null}
      <h2>最近のログイン（最新20件）</h2>
      <p>日時は日本時間です。お心当たりのないログインがある場合は、ほかの端末からすべてログアウトし、「パスワードの変更」でパスワードを変更してください。</p>
      <Attempts attempts={history.attempts} />
      <p>
        <a class="button" href={CHANGES_TAB}>
          「各種変更の手続き」へ戻る
        </a>
      </p>
    </Layout>
  );
}
