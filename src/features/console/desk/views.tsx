import type { ComponentChildren } from 'preact';
import { formatDateJa } from '../../../platform/clock.js';
import { CsrfField, ErrorSummary, PostForm } from '../../../platform/ui/form.js';
import { formatBirthDateJa } from '../../policies/holder.js';
import { NONE, productLabel, yen } from '../../policies/labels.js';
import type { PolicyView } from '../../policies/customer-policies.js';
import { at, CONSOLE_HOME, ConsoleFramePage, Pager, Table } from '../list-ui.js';
import type { ConsolePageContext } from '../views.js';
import { actorKindLabel, auditKindLabel, browserLabel, changeKindLabel, changeStatusLabel, flowKindLabel, mailStatusLabel } from './labels.js';
import { QUERY_MAX_LENGTH, SEARCH_KEYS, SEARCH_KEY_LABELS, type SearchKey, type SearchProblem } from './search.js';
import { REASON_MAX_LENGTH, isLocked, type ActionDone, type ActionProblem, type PersonDetails, type SearchResult } from './service.js';
import { DeliveryChoice, TEMPORARY_PASSWORD_FORM, TemporaryPasswordIntro } from './temporary-password-views.js';

const HOME = CONSOLE_HOME;
const SEARCH = { href: '/console/customers', label: 'お客さま検索' };

const SEARCH_PROBLEMS: Record<SearchProblem, string> = {
  unknown_key: '検索項目を選んでください。',
  too_long: `検索する内容は${QUERY_MAX_LENGTH}文字以内で入力してください。`,
  empty: '検索する内容を入力してください。',
  bad_page: 'ページの指定が正しくありません。',
  stale: 'この検索結果は表示できなくなりました。もう一度検索してください。',
};

function accountState(p: SearchResult['people'][number]): string {
  if (p.kind === 'holder') return '未登録';
  if (p.closed_at) return '退会済';
  if (p.suspended_at) return '登録済・利用停止中';
  return p.locked ? '登録済・ロック中' : '登録済';
}

export function SearchPage({ ctx, by, q, problem, result, pageHref }: {
  ctx: ConsolePageContext;
  by: SearchKey;
  q: string;
  problem?: SearchProblem | undefined;
  result?: SearchResult | undefined;
  /** The URL of a page of these results (the search sealed in it). */
  pageHref?: (page: number) => string;
}) {
  return (
    <ConsoleFramePage ctx={ctx} title="お客さま検索" crumbs={[HOME]}>
      <ErrorSummary message={problem ? SEARCH_PROBLEMS[problem] : undefined} />
      <form method="post" action="/console/customers" class="desk-search" role="search" novalidate>
        <CsrfField token={ctx.csrf} />
        <fieldset>
          <legend>検索項目</legend>
          {SEARCH_KEYS.map((key) => (
            <label class="radio">
              <input type="radio" name="by" value={key} checked={key === by} /> {SEARCH_KEY_LABELS[key]}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="f-q">検索する内容</label>
          <p class="hint" id="f-q-hint">
            氏名は姓だけ、または姓と名を続けて（漢字、カタカナ・ひらがな・半角カナ）。証券番号・メールアドレス・電話番号は完全一致です。
          </p>
          <input id="f-q" type="search" name="q" value={q} maxLength={QUERY_MAX_LENGTH} aria-describedby="f-q-hint" />
        </div>
        <div class="actions">
          <button type="submit" class="button primary">
            検索
          </button>
        </div>
      </form>
      {result && pageHref ? <SearchResults result={result} pageHref={pageHref} /> : null}
    </ConsoleFramePage>
  );
}

function SearchResults({ result, pageHref }: { result: SearchResult; pageHref: (page: number) => string }) {
  if (result.total === 0) return <p class="notice">該当するお客さまは見つかりませんでした。検索項目と入力内容をご確認ください。</p>;
  const from = (result.page - 1) * 20 + 1;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{`検索結果 ${result.total}件`}</h2>
      {result.people.length === 0 ? <p>このページに表示する結果はありません。</p> : <p>{`${from}〜${from + result.people.length - 1}件目を表示しています。`}</p>}
      <table class="desk-table">
        <thead>
          <tr>
            <th scope="col">契約者名</th>
            <th scope="col">カナ</th>
            <th scope="col">生年月日</th>
            <th scope="col">Webアカウント</th>
            <th scope="col">契約数</th>
            <th scope="col">詳細</th>
          </tr>
        </thead>
        <tbody>
          {result.people.map((p) => (
            <tr>
              <td>{`${p.family_name} ${p.given_name}`}</td>
              <td>{`${p.family_kana} ${p.given_kana}`}</td>
              <td>{formatBirthDateJa(p.birth_date)}</td>
              <td>{accountState(p)}</td>
              <td>{`${p.policies}件`}</td>
              <td>
                <a href={`/console/customers/${encodeURIComponent(p.id)}`} aria-label={`${p.family_name} ${p.given_name} さんの詳細`}>
                  詳細
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={result.page} pages={result.pages} href={pageHref} label="検索結果のページ" />
    </section>
  );
}

// ---------------------------------------------------------------- details

const DONE_MESSAGES: Record<ActionDone, string> = {
  unlocked: 'ロックを解除しました。お客さまは、次のログインから通常どおりログインできます。',
  sessions_ended: 'ログイン中のセッションをすべて終了しました。',
  suspended: '利用を停止しました。ログイン中のセッションも終了しました。',
  resumed: '利用を再開しました。お客さまは、これまでのユーザーIDとパスワードでログインできます。',
  resent: 'メールを再送の待ち行列に戻しました。送信状況は「送信したメール」でご確認ください。',
  already_suspended: 'このお客さまは、すでに利用停止中です。',
  not_suspended: 'このお客さまは、利用停止中ではありません。',
  not_resendable: 'このメールは再送できません（送信失敗のメールでないか、ワンタイムURLを含むメールです）。',
  temporary_password_mailed: '仮パスワードを発行し、ご登録のメールアドレスに送信しました（有効期限は発行から72時間）。ログインのロックを解除し、ログイン中のセッションを終了しました。',
  temporary_password_suspended: '利用停止中のため、仮パスワードは発行できません。先に利用再開を行ってください。',
};

const REASON_PROBLEMS: Record<ActionProblem, string> = {
  delivery_missing: 'お客さまへの渡し方を選んでください。',
  reason_missing: '理由を入力してください。',
  reason_too_long: `理由は${REASON_MAX_LENGTH}文字以内で入力してください。`,
  reason_invalid: '理由に使用できない文字が含まれています。',
};

export interface DetailsFlash {
  done?: ActionDone | undefined;
  problem?: { form: string; reason: ActionProblem } | undefined;
}

function renewalStatus(p: PolicyView): string {
  if (p.renewalReceived) return `継続手続受付済（受付番号 ${p.renewal_reception_number ?? ''}）`;
  if (p.renewable) return '継続手続受付中';
  if (!p.online) return 'オンライン手続の対象外';
  return p.phase === 'before' ? `${formatDateJa(p.window.opensOn)}から受付` : '受付期間外';
}

/** A support action: its fields (`children`, if any), its 理由 field and its button, posting to `action`. */
function ActionForm({ ctx, id, action, formId, label, button, problem, danger, children }: { ctx: ConsolePageContext; id: string; action: string; formId: string; label: string; button: string; problem?: DetailsFlash['problem']; danger?: boolean; children?: ComponentChildren }) {
  const error = problem?.form === formId && problem.reason !== 'delivery_missing' ? REASON_PROBLEMS[problem.reason] : undefined;
  const fieldId = `reason-${formId}`;
  return (
    <PostForm action={`/console/customers/${encodeURIComponent(id)}/${action}`} csrf={ctx.csrf}>
      {children}
      <div class={error ? 'field has-error' : 'field'}>
        <label for={fieldId}>{`${label}の理由`}</label>
        <p class="hint" id={`${fieldId}-hint`}>{`必須、${REASON_MAX_LENGTH}文字以内。監査ログに記録されます。`}</p>
        {error ? (
          <p class="error" id={`${fieldId}-error`} role="alert">
            {error}
          </p>
        ) : null}
        <input id={fieldId} type="text" name="reason" maxLength={REASON_MAX_LENGTH} aria-describedby={error ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`} aria-invalid={error ? 'true' : undefined} />
      </div>
      <div class="actions">
        <button type="submit" class={danger ? 'button danger' : 'button primary'}>
          {button}
        </button>
      </div>
    </PostForm>
  );
}

function Entry({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="entry">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The 理由 a staff member gave for a support action (other events' details are not shown). */
function reasonOf(kind: string, detail: string): string {
  if (!kind.startsWith('console_')) return '';
  try {
    const parsed: unknown = JSON.parse(detail);
    if (typeof parsed === 'object' && parsed !== null && 'reason' in parsed && typeof parsed.reason === 'string') return parsed.reason;
  } catch {
    // a detail that is not JSON shows nothing
  }
  return '';
}

export function DetailsPage({ ctx, d, flash }: { ctx: ConsolePageContext; d: PersonDetails; flash: DetailsFlash }) {
  const name = `${d.holder.familyName} ${d.holder.givenName}`;
  const a = d.account;
  const closed = Boolean(a?.account.closed_at);
  const locked = a ? isLocked(a.lock) : false;
  return (
    <ConsoleFramePage ctx={ctx} title="お客さま詳細" crumbs={[HOME, SEARCH]}>
      {flash.done ? (
        <div class="notice flash" role="status">
          <p>{DONE_MESSAGES[flash.done]}</p>
        </div>
      ) : null}
      <ErrorSummary message={flash.problem ? REASON_PROBLEMS[flash.problem.reason] : undefined} />
      {d.limited ? <p class="notice">貴店の取扱契約と、その継続手続・お申込みだけを表示しています。</p> : null}
      <h2>お客さま</h2>
      <dl class="entries">
        <Entry label="契約者名">{name}</Entry>
        <Entry label="カナ">{`${d.holder.familyKana} ${d.holder.givenKana}`}</Entry>
        <Entry label="生年月日">{formatBirthDateJa(d.holder.birthDate)}</Entry>
      </dl>

      <h2>ご契約</h2>
      <Table
        caption="ご契約"
        head={['証券番号', '種目', '車名', '満期日', '取扱代理店', '継続手続']}
        empty="Webサービスに表示されるご契約はありません。"
        rows={d.policies.map((p) => [p.policy_number, productLabel(p.product), p.vehicle_model ?? NONE, formatDateJa(p.end_date), p.agency_name, renewalStatus(p)])}
      />

      <h2>Webアカウント</h2>
      {!a ? (
        <p>Webアカウントは未登録です（初回利用登録がまだ済んでいません）。</p>
      ) : (
        <>
          <dl class="entries account-summary">
            <Entry label="ユーザーID">{closed ? '（退会済）' : a.account.user_id}</Entry>
            <Entry label="状態">{closed ? `退会済（${at(a.account.closed_at)}）` : a.account.suspended_at ? `利用停止中（${at(a.account.suspended_at)}から）` : '利用中'}</Entry>
            <Entry label="登録日">{at(a.account.created_at)}</Entry>
            <Entry label="前回ログイン">{at(a.account.last_login_at)}</Entry>
            <Entry label="ログインのロック">
              {a.lock.accountLockedUntil ? `ロック中（${at(a.lock.accountLockedUntil)}まで）` : locked ? 'ロック中（ログインしたことのあるブラウザ）' : `なし（失敗回数 ${a.lock.accountFailures}回）`}
            </Entry>
          </dl>
          {closed || d.limited ? null : (
            <section class="support-actions" aria-labelledby="actions-heading">
              <h3 id="actions-heading">サポート操作</h3>
              {locked ? <ActionForm ctx={ctx} id={d.id} action="unlock" formId="unlock" label="ロック解除" button="ロック解除" problem={flash.problem} /> : <p>ログインのロックはかかっていません。</p>}
              {a.account.suspended_at ? (
                <ActionForm ctx={ctx} id={d.id} action="resume" formId="resume" label="利用再開" button="利用再開" problem={flash.problem} />
              ) : (
                <ActionForm ctx={ctx} id={d.id} action="suspend" formId="suspend" label="利用停止" button="利用停止" problem={flash.problem} danger />
              )}
              {a.account.suspended_at ? null : (
                <TemporaryPasswordIntro>
                  <ActionForm ctx={ctx} id={d.id} action="temporary-password" formId={TEMPORARY_PASSWORD_FORM} label="仮パスワードの発行" button="仮パスワードを発行" problem={flash.problem} danger>
                    <DeliveryChoice problem={flash.problem} />
                  </ActionForm>
                </TemporaryPasswordIntro>
              )}
            </section>
          )}

          {d.limited ? null : <SessionsPart ctx={ctx} d={d} a={a} closed={closed} flash={flash} />}

          <h3>手続き中の画面</h3>
          <Table caption="手続き中の画面" head={['手続き', '状態', '開始', '有効期限']} empty="手続き中の画面はありません。" rows={a.flows.map((f) => [flowKindLabel(f.kind), f.state, at(f.created_at), at(f.expires_at)])} />

          <h3>継続手続のお申込み</h3>
          <Table
            caption="継続手続のお申込み"
            head={['受付番号', '証券番号', '新しい始期日', '年間保険料', '受付日時']}
            empty="お申込みはありません。"
            rows={a.applications.map((r) => [r.reception_number, r.policy_number, formatDateJa(r.new_start_date), yen(Number(r.annual_premium)), at(r.created_at)])}
          />

          {d.limited ? null : (
            <>
              <h3>変更のお申出</h3>
              <Table caption="変更のお申出" head={['内容', '状況', '受付日時']} empty="変更のお申出はありません。" rows={a.changes.map((c) => [changeKindLabel(c.kind), changeStatusLabel(c.status), at(c.created_at)])} />
            </>
          )}
        </>
      )}

      {d.limited ? null : <MailPart ctx={ctx} d={d} closed={closed} flash={flash} />}

      {a && !d.limited ? (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{`アカウントの履歴（${a.history.total}件）`}</h2>
          <Table
            caption="アカウントの履歴"
            head={['日時', '出来事', '操作した人', 'IPアドレス', '操作の理由']}
            empty="履歴はありません。"
            rows={a.history.rows.map((h) => [at(h.at), auditKindLabel(h.kind), h.staff_name ? `${actorKindLabel(h.actor_kind)}：${h.staff_name}（${h.staff_login ?? ''}）` : actorKindLabel(h.actor_kind), h.ip ?? NONE, reasonOf(h.kind, h.detail) || NONE])}
          />
          <Pager page={a.history.page} pages={a.history.pages} href={(n) => `/console/customers/${encodeURIComponent(d.id)}${n > 1 ? `?page=${n}` : ''}#history-heading`} label="履歴のページ" />
        </section>
      ) : null}
    </ConsoleFramePage>
  );
}

/** 送信したメール, with 再送 where a failed mail may go again (not in an agency's view). */
function MailPart({ ctx, d, closed, flash }: { ctx: ConsolePageContext; d: PersonDetails; closed: boolean; flash: DetailsFlash }) {
  const a = d.account;
  return (
    <>
      <h2>送信したメール</h2>
      <p class="hint">本文は表示しません。ワンタイムURL（登録・再設定のご案内など）を含むメールは、送信を諦めた時点でURLが無効になっているため再送できません。お客さまに手続きをやり直していただいてください。</p>
      {d.mail.length === 0 ? (
        <p>送信したメールはありません。</p>
      ) : (
        <table class="desk-table">
          <caption class="visually-hidden">送信したメール</caption>
          <thead>
            <tr>
              <th scope="col">作成日時</th>
              <th scope="col">件名</th>
              <th scope="col">状態</th>
              <th scope="col">試行回数</th>
              <th scope="col">最後のエラー</th>
              <th scope="col">送信日時</th>
              <th scope="col">再送</th>
            </tr>
          </thead>
          <tbody>
            {d.mail.map((m) => (
              <tr>
                <td>{at(m.created_at)}</td>
                <td>{m.subject}</td>
                <td>{mailStatusLabel(m.status)}</td>
                <td>{String(m.attempts)}</td>
                <td class="mail-error">{m.last_error ?? NONE}</td>
                <td>{at(m.sent_at)}</td>
                <td>
                  {m.resendable && a && !closed ? (
                    <ActionForm ctx={ctx} id={d.id} action={`mail/${m.id}/resend`} formId={`mail-${m.id}`} label="再送" button="再送" problem={flash.problem} />
                  ) : m.linkGone ? (
                    '再送できません（ワンタイムURL）'
                  ) : (
                    NONE
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** ログイン中のセッション and the form that ends them (not in an agency's view). */
function SessionsPart({ ctx, d, a, closed, flash }: { ctx: ConsolePageContext; d: PersonDetails; a: NonNullable<PersonDetails['account']>; closed: boolean; flash: DetailsFlash }) {
  return (
    <>
      <h3>ログイン中のセッション</h3>
      <Table
        caption="ログイン中のセッション"
        head={['開始', '最終アクセス', 'IPアドレス', 'ブラウザ']}
        empty="ログイン中のセッションはありません。"
        rows={a.sessions.map((s) => [at(s.created_at), at(s.last_seen_at), s.ip, <span title={s.user_agent}>{browserLabel(s.user_agent)}</span>])}
      />
      {a.sessions.length > 0 && !closed ? <ActionForm ctx={ctx} id={d.id} action="sessions/end" formId="sessions" label="セッション終了" button="ログイン中のセッションをすべて終了" problem={flash.problem} /> : null}
    </>
  );
}
