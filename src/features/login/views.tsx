import { Layout } from '../../platform/ui/layout.js';
import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors } from '../../platform/ui/form.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { USER_ID_MAX_LENGTH } from './user-id.js';
import { AccountHelpLinks } from '../../platform/ui/account-links.js';
import { WEBAUTHN_SCRIPTS, WebauthnForm } from '../../platform/ui/webauthn.js';

export const INVALID_CREDENTIALS = 'ユーザーIDまたはパスワードが正しくありません。入力内容をご確認のうえ、もう一度お試しください。';

/** What went wrong, as shown above the form. */
export type LoginProblem =
  | { kind: 'invalid' }
  | { kind: 'temporary_expired' }
  | { kind: 'password_stopped' }
  | { kind: 'passkey_failed' }
  | { kind: 'passkey_locked' }
  | { kind: 'locked'; scope: 'account' | 'ip'; minutes: number };

interface LoginPageProps {
  ctx: PageContext;
  /** e.g. 毎週月曜日 2:00～4:00; empty when there is no maintenance window. */
  maintenanceText: string;
  next: string | null;
  userId?: string;
  errors?: FieldErrors;
  problem?: LoginProblem;
}

function lockLines(problem: Extract<LoginProblem, { kind: 'locked' }>, ctx: PageContext): string[] {
  const first =
    problem.scope === 'account'
      ? 'ログインに続けて失敗したため、このユーザーIDでのログインを一時的に停止しています。'
      : 'ご利用の通信環境からのログインの失敗が続いたため、ログインを一時的に停止しています。';
  return [
    first,
    `${problem.minutes}分ほど時間をおいてから、もう一度お試しください。`,
    `パスワードがお分かりにならない場合は「ユーザーID・パスワードをお忘れの方はこちら」から再設定いただくか、${ctx.brand.deskName}（${ctx.brand.deskPhone}）までお電話ください。`,
  ];
}

const temporaryExpiredLines = (ctx: PageContext): string[] => [
  '仮パスワードの有効期限（発行から72時間）が過ぎているため、ログインできません。',
  `お手数ですが、${ctx.brand.deskName}（${ctx.brand.deskPhone}）までお電話ください。あらためて仮パスワードを発行いたします。`,
];

const FIXED_LINES: Record<'invalid' | 'password_stopped' | 'passkey_failed' | 'passkey_locked', string[]> = {
  invalid: [INVALID_CREDENTIALS],
  password_stopped: [
    'このユーザーIDは、パスワードでのログインを停止しています。「パスキーでログイン」からログインしてください。',
    'パスキーをお使いになれない場合は、「ユーザーID・パスワードをお忘れの方はこちら」から再登録いただくと、パスワードでのログインが再開されます。',
  ],
  passkey_failed: ['パスキーでログインできませんでした。もう一度お試しいただくか、ユーザーIDとパスワードでログインしてください。'],
  passkey_locked: ['パスキーでのログインの失敗が続いたため、一時的に停止しています。30分ほど時間をおいてから、もう一度お試しください。'],
};

function problemLines(problem: LoginProblem, ctx: PageContext): string[] {
  if (problem.kind === 'temporary_expired') return temporaryExpiredLines(ctx);
  if (problem.kind === 'locked') return lockLines(problem, ctx);
  return FIXED_LINES[problem.kind];
}

function Problem({ problem, ctx }: { problem: LoginProblem; ctx: PageContext }) {
  const lines = problemLines(problem, ctx);
  return (
    <div class="error-summary" role="alert" id="login-problem">
      {lines.map((line) => (
        <p>{line}</p>
      ))}
    </div>
  );
}

function ServiceHours({ maintenanceText }: { maintenanceText: string }) {
  return (
    <p class="notice">
      {maintenanceText
        ? `なお、ご利用可能時間は${maintenanceText}を除く全日です。`
        : 'なお、お客さまWebサービスは全日ご利用いただけます。'}
      <a href="/environment">推奨環境はこちら</a>
    </p>
  );
}

export function LoginPage({ ctx, maintenanceText, next, userId, errors, problem }: LoginPageProps) {
  return (
    <Layout ctx={ctx} title="ログイン" scripts={WEBAUTHN_SCRIPTS}>
      <h1>お客さまWebサービス ログイン</h1>
      <p>手続を進めていただくには、お客さまWebサービスへのログインが必要になります。</p>
      <ServiceHours maintenanceText={maintenanceText} />
      {problem ? <Problem problem={problem} ctx={ctx} /> : <ErrorSummary errors={errors} />}
      <PostForm action="/login" csrf={ctx.csrf}>
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField
          name="userId"
          label="ユーザーID"
          hint="半角英数字（ご登録のメールアドレス）"
          value={userId ?? ''}
          error={errors?.userId}
          autocomplete="username webauthn"
          inputMode="email"
          maxLength={USER_ID_MAX_LENGTH}
        />
        <TextField name="password" label="パスワード" hint="半角英数字" type="password" error={errors?.password} autocomplete="current-password" />
        <div class="actions">
          <SubmitButton>ログイン</SubmitButton>
        </div>
      </PostForm>
      <section class="passkey-login" aria-labelledby="passkey-login">
        <h2 id="passkey-login">パスキーをお持ちの方</h2>
        <WebauthnForm action="/login/passkey" csrf={ctx.csrf} purpose="login" button="パスキーでログイン" autofill fallback="パスキーでのログインには、パスキーに対応したブラウザで JavaScript を有効にしてください。">
          {next ? <input type="hidden" name="next" value={next} /> : null}
        </WebauthnForm>
      </section>
      <ul class="login-links">
        <AccountHelpLinks />
      </ul>
    </Layout>
  );
}

export function LoggedOutPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="ログアウト">
      <h1>ログアウトしました</h1>
      <p>お客さまWebサービスからログアウトしました。ご利用ありがとうございました。</p>
      <p>共用のパソコンなどでご利用の場合は、ブラウザを閉じてください。</p>
      <p>
        <a class="button" href="/login">
          ログインページへ
        </a>
      </p>
    </Layout>
  );
}

/** GET /logout while still logged in: logging out is a POST, so ask for it. */
export function LogoutConfirmPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="ログアウト">
      <h1>ログアウト</h1>
      <p>お客さまWebサービスからログアウトします。よろしければ「ログアウトする」ボタンを押してください。</p>
      <PostForm action="/logout" csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>ログアウトする</SubmitButton>
          <a class="button" href="/mypage">
            ホームへ戻る
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}
