import { formatDateTimeJa } from '../../platform/clock.js';
import { ErrorSummary, PostForm, SubmitButton, TextField } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { WEBAUTHN_SCRIPTS, WebauthnForm } from '../../platform/ui/webauthn.js';
import { NAME_MAX_LENGTH } from './forms.js';
import type { Passkey } from './repository.js';
import type { LoginMethods } from './service.js';

export const LOGIN_METHODS_PATH = '/mypage/changes/login-methods';
export const REGISTER_PATH = `${LOGIN_METHODS_PATH}/register`;
export const PASSWORD_LOGIN_PATH = `${LOGIN_METHODS_PATH}/password-login`;
export const deletePath = (id: string) => `${LOGIN_METHODS_PATH}/${encodeURIComponent(id)}/delete`;

const TITLE = 'ログイン方法';
const NO_SCRIPT = 'パスキーをご利用いただくには、パスキーに対応したブラウザで JavaScript を有効にしてください。パスワードでのログインは、そのままご利用いただけます。';

const BackToChanges = () => (
  <p>
    <a class="button" href="/mypage/changes">
      「各種変更の手続き」へ戻る
    </a>
  </p>
);

const when = (iso: string | null) => (iso ? formatDateTimeJa(new Date(iso)) : '未使用');

function PasskeyList({ passkeys }: { passkeys: Passkey[] }) {
  if (passkeys.length === 0) return <p>登録済みのパスキーはありません。</p>;
  return (
    <table class="policy-table passkeys">
      <caption>登録済みのパスキー</caption>
      <thead>
        <tr>
          <th scope="col">名前</th>
          <th scope="col">登録日時</th>
          <th scope="col">最終利用日時</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {passkeys.map((p) => (
          <tr>
            <th scope="row">{p.name}</th>
            <td data-label="登録日時">{when(p.createdAt)}</td>
            <td data-label="最終利用日時">{when(p.lastUsedAt)}</td>
            <td data-label="操作">
              <a class="button" href={deletePath(p.id)} aria-label={`${p.name}を削除`}>
                削除
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const NOTICES = {
  registered: 'パスキーを登録しました。次回から、ログイン画面の「パスキーでログイン」でログインいただけます。',
  removed: 'パスキーを削除しました。',
  stopped: 'パスワードでのログインを停止しました。ログインにはパスキーをお使いください。',
  resumed: 'パスワードでのログインを再開しました。',
} as const;
export type MethodsNotice = keyof typeof NOTICES;

function PasswordLogin({ ctx, methods }: { ctx: PageContext; methods: LoginMethods }) {
  return (
    <section class="change-item" aria-labelledby="password-login">
      <h2 id="password-login">パスワードでのログイン</h2>
      {methods.passwordLoginStopped ? (
        <>
          <p>現在、パスワードでのログインを停止しています。パスキーでのみログインできます。</p>
          <PostForm action={PASSWORD_LOGIN_PATH} csrf={ctx.csrf}>
            <SubmitButton name="password_login" value="resume">
              パスワードでのログインを再開する
            </SubmitButton>
          </PostForm>
        </>
      ) : methods.passkeys.length > 0 ? (
        <>
          <p>パスキーをお持ちの方は、パスワードでのログインを停止できます。停止中にパスキーをなくされた場合は、「ユーザーID・パスワードをお忘れの方はこちら」からの再登録（メールのURLとキーワード）で、パスワードでのログインが再開されます。</p>
          <PostForm action={PASSWORD_LOGIN_PATH} csrf={ctx.csrf}>
            <SubmitButton name="password_login" value="stop">
              パスワードでのログインを停止する
            </SubmitButton>
          </PostForm>
        </>
      ) : (
        <p>パスキーを登録すると、パスワードでのログインを停止できます。</p>
      )}
    </section>
  );
}

/** 各種変更の手続き → ログイン方法: the passkeys, パスキーを登録する, and password login. */
export function LoginMethodsPage({ ctx, methods, notice, message }: { ctx: PageContext; methods: LoginMethods; notice?: MethodsNotice | undefined; message?: string | undefined }) {
  return (
    <Layout ctx={ctx} title={TITLE}>
      <h1>{TITLE}</h1>
      {notice ? (
        <p class="notice success" role="status">
          {NOTICES[notice]}
        </p>
      ) : null}
      <ErrorSummary message={message} />
      <p>パスキーは、スマートフォンやパソコンの指紋・顔認証や画面ロックで、パスワードを入力せずに安全にログインできる方法です。偽のサイトでは使えないため、フィッシングの被害を防ぎます。</p>
      <section class="change-item" aria-labelledby="passkeys">
        <h2 id="passkeys">パスキー</h2>
        <PasskeyList passkeys={methods.passkeys} />
        <a class="button primary" href={REGISTER_PATH}>
          パスキーを登録する
        </a>
      </section>
      <PasswordLogin ctx={ctx} methods={methods} />
      <BackToChanges />
    </Layout>
  );
}

/** パスキーを登録する: a name, then the browser's own dialog. */
export function RegisterPage({ ctx, name, error, message }: { ctx: PageContext; name: string; error?: string | undefined; message?: string | undefined }) {
  return (
    <Layout ctx={ctx} title="パスキーの登録" scripts={WEBAUTHN_SCRIPTS}>
      <h1>パスキーの登録</h1>
      <ErrorSummary message={message ?? (error ? '入力内容に誤りがあります。各項目のメッセージをご確認ください。' : undefined)} />
      <p>このパスキーの名前（あとで見分けるため。例：「私のスマートフォン」）を入力して「パスキーを登録する」ボタンを押し、表示される画面の案内に従って指紋・顔認証や画面ロックの解除を行ってください。</p>
      <WebauthnForm action={REGISTER_PATH} csrf={ctx.csrf} purpose="register" button="パスキーを登録する" fallback={NO_SCRIPT} primary>
        <TextField name="name" label="パスキーの名前" hint={`${NAME_MAX_LENGTH}文字以内`} value={name} error={error} maxLength={NAME_MAX_LENGTH} />
      </WebauthnForm>
      <p class="more-link">
        <a href={LOGIN_METHODS_PATH}>ログイン方法へ戻る</a>
      </p>
    </Layout>
  );
}

export function DeletePage({ ctx, passkey, message }: { ctx: PageContext; passkey: Passkey; message?: string | undefined }) {
  return (
    <Layout ctx={ctx} title="パスキーの削除">
      <h1>パスキーの削除</h1>
      <ErrorSummary message={message} />
      <p class="lead">{`パスキー「${passkey.name}」を削除します。よろしいですか。`}</p>
      <p>削除したパスキーでは、ログインできなくなります。お使いの端末やパスワード管理アプリに残ったパスキーは、端末の設定から削除してください。</p>
      <PostForm action={deletePath(passkey.id)} csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>削除する</SubmitButton>
          <a class="button" href={LOGIN_METHODS_PATH}>
            削除しないで戻る
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

/** Step-up: the password (or a passkey) again, then back to where the customer was. */
export function ReauthPage({ ctx, next, hasPasskey, passwordStopped, error, message }: {
  ctx: PageContext;
  next: string | null;
  hasPasskey: boolean;
  passwordStopped: boolean;
  error?: string | undefined;
  message?: string | undefined;
}) {
  const back = next ? <input type="hidden" name="next" value={next} /> : null;
  return (
    <Layout ctx={ctx} title="ご本人確認" scripts={hasPasskey ? WEBAUTHN_SCRIPTS : undefined}>
      <h1>ご本人確認</h1>
      <ErrorSummary message={message ?? (error ? '入力内容に誤りがあります。各項目のメッセージをご確認ください。' : undefined)} />
      <p>このお手続きには、ご本人確認のため、パスワード{hasPasskey ? 'またはパスキー' : ''}をもう一度ご入力いただく必要があります（ログインから10分以内は不要です）。</p>
      {passwordStopped ? (
        <p>パスワードでのログインを停止しているため、パスキーでご本人確認ください。</p>
      ) : (
        <PostForm action="/reauth" csrf={ctx.csrf}>
          {back}
          <TextField name="password" label="パスワード" type="password" error={error} autocomplete="current-password" />
          <div class="actions">
            <SubmitButton>確認する</SubmitButton>
          </div>
        </PostForm>
      )}
      {hasPasskey ? (
        <WebauthnForm action="/reauth/passkey" csrf={ctx.csrf} purpose="reauth" button="パスキーで確認する" fallback={NO_SCRIPT}>
          {back}
        </WebauthnForm>
      ) : null}
      <p class="more-link">
        <a href="/mypage">ホームへ戻る</a>
      </p>
    </Layout>
  );
}
