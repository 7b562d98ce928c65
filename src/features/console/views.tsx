import type { ComponentChildren } from 'preact';
import { WideLayout, type WideLayoutContext } from '../../platform/ui/console-layout.js';
import { ErrorSummary, PostForm, StepIndicator, SubmitButton, TextField } from '../../platform/ui/form.js';
import { MessageBody } from '../../platform/ui/pages.js';

export type ConsolePageContext = WideLayoutContext;

const SETUP_STEPS = ['パスワードの設定', '認証アプリの登録', 'リカバリーコードの保管'];

function ConsolePage({ ctx, title, children }: { ctx: ConsolePageContext; title: string; children: ComponentChildren }) {
  return (
    <WideLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {children}
    </WideLayout>
  );
}

export function ConsoleMessagePage({ ctx, title, lines, link }: { ctx: ConsolePageContext; title: string; lines: string[]; link?: { href: string; label: string } }) {
  return (
    <ConsolePage ctx={ctx} title={title}>
      <MessageBody lines={lines} link={link} />
    </ConsolePage>
  );
}

const TO_LOGIN = { href: '/console/login', label: 'ログイン画面へ' };
const TO_HOME = { href: '/console', label: 'コンソールのトップへ' };

export const ConsoleNotFoundPage = ({ ctx }: { ctx: ConsolePageContext }) => (
  <ConsoleMessagePage ctx={ctx} title="ページが見つかりません" lines={['お探しのページは見つからないか、表示する権限がありません。URLをご確認ください。']} link={TO_HOME} />
);

export const ConsoleErrorPage = ({ ctx }: { ctx: ConsolePageContext }) => (
  <ConsoleMessagePage ctx={ctx} title="処理を完了できませんでした" lines={['システムでエラーが発生しました。しばらくしてから、もう一度お試しください。', '解決しない場合は、システム管理者にご連絡ください。']} link={TO_HOME} />
);

export const ConsoleBadRequestPage = ({ ctx }: { ctx: ConsolePageContext }) => (
  <ConsoleMessagePage ctx={ctx} title="送信内容を受け付けられませんでした" lines={['送信された内容を処理できませんでした。画面を開き直して、もう一度お試しください。']} link={TO_HOME} />
);

export const ConsoleCsrfFailedPage = ({ ctx }: { ctx: ConsolePageContext }) => (
  <ConsoleMessagePage ctx={ctx} title="画面の有効期限が切れました" lines={['画面を長時間開いたままにしていたか、正しくない画面から送信されたため、処理を受け付けられませんでした。', '画面を開き直して、もう一度操作してください。']} link={TO_HOME} />
);

export const ConsoleTooManyRequestsPage = ({ ctx }: { ctx: ConsolePageContext }) => (
  <ConsoleMessagePage ctx={ctx} title="アクセスが集中しています" lines={['短時間に多くの操作が行われました。しばらく時間をおいてから、もう一度お試しください。']} />
);

export type LoginProblem = { kind: 'invalid' } | { kind: 'locked'; minutes: number } | { kind: 'expired' };

function loginProblemText(problem: LoginProblem): string {
  switch (problem.kind) {
    case 'invalid':
      return 'ログインIDまたはパスワードが正しくありません。';
    case 'locked':
      return `ログインに続けて失敗したため、ログインを一時的に停止しています。${problem.minutes}分ほど経ってから、もう一度お試しください。`;
    case 'expired':
      return 'ログインの途中で時間が経ちました。もう一度ログインIDとパスワードを入力してください。';
  }
}

/** ログインID, パスワード, ログイン (the console contract's labels). */
export function ConsoleLoginPage({ ctx, login, problem }: { ctx: ConsolePageContext; login?: string; problem?: LoginProblem }) {
  return (
    <ConsolePage ctx={ctx} title="コンソール ログイン">
      <ErrorSummary message={problem ? loginProblemText(problem) : undefined} />
      <PostForm action="/console/login" csrf={ctx.csrf}>
        <TextField name="login" label="ログインID" value={login ?? ''} autocomplete="username" maxLength={64} />
        <TextField name="password" label="パスワード" type="password" autocomplete="current-password" maxLength={200} />
        <div class="actions">
          <SubmitButton>ログイン</SubmitButton>
        </div>
      </PostForm>
    </ConsolePage>
  );
}

export type CodeProblem = { kind: 'invalid' } | { kind: 'locked'; minutes: number };

/** 確認コード, 確認: the second step of the login. */
export function ConsoleCodePage({ ctx, problem }: { ctx: ConsolePageContext; problem?: CodeProblem }) {
  const message = problem
    ? problem.kind === 'invalid'
      ? '確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください。'
      : `ログインに続けて失敗したため、ログインを一時的に停止しています。${problem.minutes}分ほど経ってから、もう一度お試しください。`
    : undefined;
  return (
    <ConsolePage ctx={ctx} title="確認コードの入力">
      <ErrorSummary message={message} />
      <p>認証アプリに表示されている6桁の確認コードを入力してください。スマートフォンをお持ちでないときは、リカバリーコードを入力できます（各コードは1回だけ使えます）。</p>
      <PostForm action="/console/login/code" csrf={ctx.csrf}>
        <TextField name="code" label="確認コード" hint="6桁の数字、またはリカバリーコード（例：ABCD-EFGH-JKMN-PQRS-TVWX-YZ01）" autocomplete="one-time-code" maxLength={40} />
        <div class="actions">
          <SubmitButton>確認</SubmitButton>
        </div>
      </PostForm>
      <p>
        <a href="/console/login">ログイン画面に戻る</a>
      </p>
    </ConsolePage>
  );
}

export interface HomeStaff {
  name: string;
  login: string;
  roleLabel: string;
  agencyCode: string | null;
  recoveryCodesLeft: number;
  /** The pages of the member's role (e.g. the administrator's). */
  menu?: ReadonlyArray<{ href: string; label: string }>;
}

export function ConsoleHomePage({ ctx, staff }: { ctx: ConsolePageContext; staff: HomeStaff }) {
  return (
    <ConsolePage ctx={ctx} title="コンソール トップ">
      <dl class="entries staff-summary">
        <div class="entry">
          <dt>氏名</dt>
          <dd>{staff.name}</dd>
        </div>
        <div class="entry">
          <dt>ログインID</dt>
          <dd>{staff.login}</dd>
        </div>
        <div class="entry">
          <dt>権限</dt>
          <dd>{staff.roleLabel}</dd>
        </div>
        {staff.agencyCode ? (
          <div class="entry">
            <dt>代理店コード</dt>
            <dd>{staff.agencyCode}</dd>
          </div>
        ) : null}
        <div class="entry">
          <dt>未使用のリカバリーコード</dt>
          <dd>{`${staff.recoveryCodesLeft}個`}</dd>
        </div>
      </dl>
      {staff.recoveryCodesLeft <= 3 ? <p class="notice">リカバリーコードの残りが少なくなっています。システム管理者に再発行を依頼してください。</p> : null}
      {staff.menu?.length ? (
        <nav aria-label="業務メニュー">
          <ul class="menu">
            {staff.menu.map((item) => (
              <li>
                <a href={item.href}>{item.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p>作業が終わったら、必ずログアウトしてください。</p>
      <form method="post" action="/console/logout">
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        <div class="actions">
          <button type="submit" class="button">
            ログアウト
          </button>
        </div>
      </form>
    </ConsolePage>
  );
}

export const ConsoleLoggedOutPage = ({ ctx }: { ctx: ConsolePageContext }) => (
  <ConsoleMessagePage ctx={ctx} title="ログアウトしました" lines={['コンソールからログアウトしました。']} link={TO_LOGIN} />
);

export const SetupGonePage = ({ ctx }: { ctx: ConsolePageContext }) => (
  <ConsoleMessagePage
    ctx={ctx}
    title="このURLは使用できません"
    lines={['初期設定のURLの有効期限（発行から24時間）が切れているか、すでに使用されています。', 'システム管理者に、初期設定のURLの再発行を依頼してください。']}
    link={TO_LOGIN}
  />
);

export function SetupPasswordPage({ ctx, token, staff, errors }: { ctx: ConsolePageContext; token: string; staff: { name: string; login: string }; errors?: { password?: string; confirm?: string } }) {
  const hasErrors = Boolean(errors && (errors.password || errors.confirm));
  return (
    <ConsolePage ctx={ctx} title="初期設定：パスワードの設定">
      <StepIndicator steps={SETUP_STEPS} current={1} />
      <ErrorSummary message={hasErrors ? '入力内容に誤りがあります。各項目のメッセージをご確認ください。' : undefined} />
      <p>{`${staff.name} さん（ログインID：${staff.login}）のコンソール用パスワードを設定してください。`}</p>
      <PostForm action="/console/setup" csrf={ctx.csrf}>
        <input type="hidden" name="token" value={token} />
        <TextField name="password" label="パスワード" type="password" hint="12文字以上64文字以下。文字の種類は問いません（長い文やスペースも使えます）。推測されやすいパスワードやログインIDを含むものは使えません。" error={errors?.password} autocomplete="new-password" maxLength={128} />
        <TextField name="confirm" label="パスワード（確認用）" type="password" error={errors?.confirm} autocomplete="new-password" maxLength={128} />
        <div class="actions">
          <SubmitButton>次へ</SubmitButton>
        </div>
      </PostForm>
    </ConsolePage>
  );
}

export function SetupTotpPage({ ctx, qrDataUrl, secretText, error }: { ctx: ConsolePageContext; qrDataUrl: string; secretText: string; error?: string }) {
  return (
    <ConsolePage ctx={ctx} title="初期設定：認証アプリの登録">
      <StepIndicator steps={SETUP_STEPS} current={2} />
      <ErrorSummary message={error} />
      <p>スマートフォンの認証アプリ（Google Authenticator、Microsoft Authenticator など）で、次の二次元コードを読み取ってください。</p>
      <img class="qr-code" src={qrDataUrl} alt="認証アプリ登録用の二次元コード" width={220} height={220} />
      <p>読み取れないときは、認証アプリに次の設定キーを手入力してください（種類：時間ベース、6桁、30秒）。</p>
      <p class="secret-text" id="totp-secret">
        {secretText}
      </p>
      <PostForm action="/console/setup/totp" csrf={ctx.csrf}>
        <TextField name="code" label="確認コード" hint="認証アプリに表示された6桁の数字" error={error ? '確認コードが正しくありません。' : undefined} autocomplete="one-time-code" inputMode="numeric" maxLength={6} />
        <div class="actions">
          <SubmitButton>確認</SubmitButton>
        </div>
      </PostForm>
    </ConsolePage>
  );
}

export function SetupDonePage({ ctx, codes }: { ctx: ConsolePageContext; codes: string[] }) {
  return (
    <ConsolePage ctx={ctx} title="初期設定：リカバリーコードの保管">
      <StepIndicator steps={SETUP_STEPS} current={3} />
      <p>初期設定が完了しました。スマートフォンを使えないときは、確認コードの代わりに次のリカバリーコードを使えます。各コードは1回だけ使えます。</p>
      <p class="notice">このコードは、この画面で一度だけ表示されます。印刷するか書き写して、安全な場所に保管してください。</p>
      <ol class="recovery-codes">
        {codes.map((code) => (
          <li>{code}</li>
        ))}
      </ol>
      <p>
        <a class="button primary" href="/console/login">
          ログイン画面へ
        </a>
      </p>
    </ConsolePage>
  );
}
