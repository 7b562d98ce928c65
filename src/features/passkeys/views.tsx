import { ErrorSummary, PostForm, SubmitButton, TextField } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { WEBAUTHN_SCRIPTS, WebauthnForm } from '../../platform/ui/webauthn.js';
import { NAME_MAX_LENGTH } from './forms.js';
import type { Passkey } from './repository.js';
import type { LoginMethods } from './service.js';
import { formatDateTime } from '../../platform/ui/i18n/format.js';
import { useLocale } from '../../platform/ui/i18n/context.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { passkeyMessages } from './messages.js';

export const LOGIN_METHODS_PATH = '/mypage/changes/login-methods';
export const REGISTER_PATH = `${LOGIN_METHODS_PATH}/register`;
export const PASSWORD_LOGIN_PATH = `${LOGIN_METHODS_PATH}/password-login`;
export const deletePath = (id: string) => `${LOGIN_METHODS_PATH}/${encodeURIComponent(id)}/delete`;

const BackToChanges = () => (
  <p>
    <a class="button" href="/mypage/changes">
      {passkeyMessages.of(useLocale()).backToChanges}
    </a>
  </p>
);

const when = (iso: string | null, locale: Locale) => (iso ? formatDateTime(locale, new Date(iso)) : passkeyMessages.of(locale).unused);

function PasskeyList({ passkeys }: { passkeys: Passkey[] }) {
  const locale = useLocale();
  const m = passkeyMessages.of(locale);
  if (passkeys.length === 0) return <p>{m.none}</p>;
  return (
    <table class="policy-table passkeys">
      <caption>{m.listCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.name}</th>
          <th scope="col">{m.created}</th>
          <th scope="col">{m.lastUsed}</th>
          <th scope="col">{m.actions}</th>
        </tr>
      </thead>
      <tbody>
        {passkeys.map((p) => (
          <tr>
            <th scope="row">{p.name}</th>
            <td data-label={m.created}>{when(p.createdAt, locale)}</td>
            <td data-label={m.lastUsed}>{when(p.lastUsedAt, locale)}</td>
            <td data-label={m.actions}>
              <a class="button" href={deletePath(p.id)} aria-label={m.removeLabel({ name: p.name })}>
                {m.remove}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type MethodsNotice = 'registered' | 'removed' | 'stopped' | 'resumed';

function noticeText(notice: MethodsNotice, locale: Locale): string {
  const m = passkeyMessages.of(locale);
  const texts: Record<MethodsNotice, string> = { registered: m.noticeRegistered, removed: m.noticeRemoved, stopped: m.noticeStopped, resumed: m.noticeResumed };
  return texts[notice];
}

function PasswordLogin({ ctx, methods }: { ctx: PageContext; methods: LoginMethods }) {
  const m = passkeyMessages.of(ctx.locale);
  return (
    <section class="change-item" aria-labelledby="password-login">
      <h2 id="password-login">{m.passwordLogin}</h2>
      {methods.passwordLoginStopped ? (
        <>
          <p>{m.passwordStoppedNow}</p>
          <PostForm action={PASSWORD_LOGIN_PATH} csrf={ctx.csrf}>
            <SubmitButton name="password_login" value="resume">
              {m.resume}
            </SubmitButton>
          </PostForm>
        </>
      ) : methods.passkeys.length > 0 ? (
        <>
          <p>{m.canStop}</p>
          <PostForm action={PASSWORD_LOGIN_PATH} csrf={ctx.csrf}>
            <SubmitButton name="password_login" value="stop">
              {m.stop}
            </SubmitButton>
          </PostForm>
        </>
      ) : (
        <p>{m.registerFirst}</p>
      )}
    </section>
  );
}

/** 各種変更の手続き → ログイン方法: the passkeys, パスキーを登録する, and password login. */
export function LoginMethodsPage({ ctx, methods, notice, message }: { ctx: PageContext; methods: LoginMethods; notice?: MethodsNotice | undefined; message?: string | undefined }) {
  const m = passkeyMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.methodsTitle}>
      <h1>{m.methodsTitle}</h1>
      {notice ? (
        <p class="notice success" role="status">
          {noticeText(notice, ctx.locale)}
        </p>
      ) : null}
      <ErrorSummary message={message} />
      <p>{m.about}</p>
      <section class="change-item" aria-labelledby="passkeys">
        <h2 id="passkeys">{m.passkeys}</h2>
        <PasskeyList passkeys={methods.passkeys} />
        <a class="button primary" href={REGISTER_PATH}>
          {m.register}
        </a>
      </section>
      <PasswordLogin ctx={ctx} methods={methods} />
      <BackToChanges />
    </Layout>
  );
}

/** パスキーを登録する: a name, then the browser's own dialog. */
export function RegisterPage({ ctx, name, error, message }: { ctx: PageContext; name: string; error?: string | undefined; message?: string | undefined }) {
  const m = passkeyMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.registerTitle} scripts={WEBAUTHN_SCRIPTS}>
      <h1>{m.registerTitle}</h1>
      <ErrorSummary message={message ?? (error ? m.fieldErrors : undefined)} />
      <p>{m.registerIntro}</p>
      <WebauthnForm action={REGISTER_PATH} csrf={ctx.csrf} purpose="register" button={m.register} fallback={m.noScript} primary>
        <TextField name="name" label={m.nameLabel} hint={m.nameHint({ max: NAME_MAX_LENGTH })} value={name} error={error} maxLength={NAME_MAX_LENGTH} />
      </WebauthnForm>
      <p class="more-link">
        <a href={LOGIN_METHODS_PATH}>{m.backToMethods}</a>
      </p>
    </Layout>
  );
}

export function DeletePage({ ctx, passkey, message }: { ctx: PageContext; passkey: Passkey; message?: string | undefined }) {
  const m = passkeyMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.deleteTitle}>
      <h1>{m.deleteTitle}</h1>
      <ErrorSummary message={message} />
      <p class="lead">{m.deleteQuestion({ name: passkey.name })}</p>
      <p>{m.deleteNote}</p>
      <PostForm action={deletePath(passkey.id)} csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>{m.deleteButton}</SubmitButton>
          <a class="button" href={LOGIN_METHODS_PATH}>
            {m.keep}
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
  const m = passkeyMessages.of(ctx.locale);
  const back = next ? <input type="hidden" name="next" value={next} /> : null;
  return (
    <Layout ctx={ctx} title={m.reauthTitle} scripts={hasPasskey ? WEBAUTHN_SCRIPTS : undefined}>
      <h1>{m.reauthTitle}</h1>
      <ErrorSummary message={message ?? (error ? m.fieldErrors : undefined)} />
      <p>{m.reauthIntro({ passkey: hasPasskey })}</p>
      {passwordStopped ? (
        <p>{m.reauthPasskeyOnly}</p>
      ) : (
        <PostForm action="/reauth" csrf={ctx.csrf}>
          {back}
          <TextField name="password" label={m.password} type="password" error={error} autocomplete="current-password" />
          <div class="actions">
            <SubmitButton>{m.confirm}</SubmitButton>
          </div>
        </PostForm>
      )}
      {hasPasskey ? (
        <WebauthnForm action="/reauth/passkey" csrf={ctx.csrf} purpose="reauth" button={m.confirmPasskey} fallback={m.noScript}>
          {back}
        </WebauthnForm>
      ) : null}
      <p class="more-link">
        <a href="/mypage">{m.backHome}</a>
      </p>
    </Layout>
  );
}
