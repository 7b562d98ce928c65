import { loginMethodWords } from '../../platform/auth/login-notice.js';
import type { LoginEventRow } from '../../platform/auth/login-events.js';
import { describeUserAgent } from '../../platform/http/user-agent.js';
import { PostForm, SubmitButton } from '../../platform/ui/form.js';
import { formatDateTime } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { loginHistoryMessages } from './messages.js';
import { HISTORY_SHOWN, type LoginHistory, type SessionView } from './service.js';

export const HISTORY_PATH = '/mypage/changes/login-history';
export const END_SESSION_PATH = `${HISTORY_PATH}/end`;
export const END_OTHERS_PATH = `${HISTORY_PATH}/end-others`;
const CHANGES_TAB = '/mypage/changes';

const at = (locale: Locale, iso: string) => formatDateTime(locale, new Date(iso));

/** What the page says after an action: ?ended=1 (one session) or ?ended=others&count=N. */
export type Ended = { kind: 'one' } | { kind: 'others'; count: number } | null;

function EndedNotice({ ended, locale }: { ended: Ended; locale: Locale }) {
  if (!ended) return null;
  const m = loginHistoryMessages.of(locale);
  const text = ended.kind === 'one' ? m.endedOne : ended.count > 0 ? m.endedOthers({ n: ended.count }) : m.endedNone;
  return (
    <p class="notice" role="status">
      {text}
    </p>
  );
}

function Attempts({ attempts, locale }: { attempts: LoginEventRow[]; locale: Locale }) {
  const m = loginHistoryMessages.of(locale);
  if (attempts.length === 0) return <p>{m.noAttempts}</p>;
  return (
    <table class="policy-table login-attempts">
      <thead>
        <tr>
          <th scope="col">{m.at}</th>
          <th scope="col">{m.browser}</th>
          <th scope="col">{m.method}</th>
          <th scope="col">{m.result}</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <tr>
            <td data-label={m.at}>{at(locale, a.at)}</td>
            <td data-label={m.browser}>{describeUserAgent(a.userAgent, locale)}</td>
            <td data-label={m.method}>{loginMethodWords(a.method, locale)}</td>
            <td data-label={m.result}>
              <span>{a.succeeded ? <strong class="badge">{m.succeeded}</strong> : <strong class="badge rejected">{m.failed}</strong>}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SessionRow({ ctx, session }: { ctx: PageContext; session: SessionView }) {
  const m = loginHistoryMessages.of(ctx.locale);
  return (
    <tr>
      <td data-label={m.browser}>
        <span>
          {describeUserAgent(session.userAgent, ctx.locale)}
          {session.current ? (
            <>
              {' '}
              <strong class="badge">{m.thisBrowser}</strong>
            </>
          ) : null}
        </span>
      </td>
      <td data-label={m.loggedInAt}>{at(ctx.locale, session.createdAt)}</td>
      <td data-label={m.lastSeenAt}>{at(ctx.locale, session.lastSeenAt)}</td>
      <td data-label={m.action}>
        {session.current ? (
          <span class="hint">{m.logOutHere}</span>
        ) : (
          <PostForm action={END_SESSION_PATH} csrf={ctx.csrf}>
            <input type="hidden" name="session" value={session.ref} />
            <SubmitButton>{m.endOne}</SubmitButton>
          </PostForm>
        )}
      </td>
    </tr>
  );
}

function Sessions({ ctx, sessions }: { ctx: PageContext; sessions: SessionView[] }) {
  const m = loginHistoryMessages.of(ctx.locale);
  return (
    <table class="policy-table login-sessions">
      <thead>
        <tr>
          <th scope="col">{m.browser}</th>
          <th scope="col">{m.loggedInAt}</th>
          <th scope="col">{m.lastSeenAt}</th>
          <th scope="col">{m.action}</th>
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
  const m = loginHistoryMessages.of(ctx.locale);
  const others = history.sessions.some((s) => !s.current);
  return (
    <Layout ctx={ctx} title={m.title}>
      <h1>{m.title}</h1>
      <EndedNotice ended={ended} locale={ctx.locale} />
      <h2>{m.sessionsHeading}</h2>
      <p>{m.sessionsIntro}</p>
      <Sessions ctx={ctx} sessions={history.sessions} />
      {others ? (
        <PostForm action={END_OTHERS_PATH} csrf={ctx.csrf}>
          <SubmitButton>{m.endOthers}</SubmitButton>
        </PostForm>
      ) : null}
      <h2>{m.attemptsHeading({ n: HISTORY_SHOWN })}</h2>
      <p>{m.attemptsIntro}</p>
      <Attempts attempts={history.attempts} locale={ctx.locale} />
      <p>
        <a class="button" href={CHANGES_TAB}>
          {m.backToChanges}
        </a>
      </p>
    </Layout>
  );
}
