import { Layout } from '../../platform/ui/layout.js';
import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors } from '../../platform/ui/form.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { USER_ID_MAX_LENGTH } from './user-id.js';
import { AccountHelpLinks } from '../../platform/ui/account-links.js';
import { WEBAUTHN_SCRIPTS, WebauthnForm } from '../../platform/ui/webauthn.js';
import { loginMessages } from './messages.js';

/** The wrong-credentials message in Japanese (other features' tests look for it). */
export const INVALID_CREDENTIALS = loginMessages.of('ja').invalid;

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
  /** e.g. 毎週月曜日 2:00～4:00 (in the page's language); empty when there is no maintenance window. */
  maintenanceText: string;
  next: string | null;
  userId?: string;
  errors?: FieldErrors;
  problem?: LoginProblem;
}

function problemLines(problem: LoginProblem, ctx: PageContext): string[] {
  const m = loginMessages.of(ctx.locale);
  const desk = { desk: ctx.brand.deskName, phone: ctx.brand.deskPhone };
  switch (problem.kind) {
    case 'invalid':
      return [m.invalid];
    case 'temporary_expired':
      return [m.temporaryExpired, m.temporaryExpiredCall(desk)];
    case 'password_stopped':
      return [m.passwordStopped, m.passwordStoppedHelp];
    case 'passkey_failed':
      return [m.passkeyFailed];
    case 'passkey_locked':
      return [m.passkeyLocked];
    case 'locked':
      return [problem.scope === 'account' ? m.lockedAccount : m.lockedIp, m.lockedWait({ minutes: problem.minutes }), m.lockedHelp(desk)];
  }
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

function ServiceHours({ maintenanceText, ctx }: { maintenanceText: string; ctx: PageContext }) {
  const m = loginMessages.of(ctx.locale);
  return (
    <p class="notice">
      {maintenanceText ? m.hoursWithWindows({ windows: maintenanceText }) : m.hoursAlways}
      {ctx.locale === 'ja' ? null : ' '}
      <a href="/environment">{m.environmentLink}</a>
    </p>
  );
}

export function LoginPage({ ctx, maintenanceText, next, userId, errors, problem }: LoginPageProps) {
  const m = loginMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.title} scripts={WEBAUTHN_SCRIPTS}>
      <h1>{m.heading}</h1>
      <p>{m.intro}</p>
      <ServiceHours maintenanceText={maintenanceText} ctx={ctx} />
      {problem ? <Problem problem={problem} ctx={ctx} /> : <ErrorSummary errors={errors} />}
      <PostForm action="/login" csrf={ctx.csrf}>
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField
          name="userId"
          label={m.userId}
          hint={m.userIdHint}
          value={userId ?? ''}
          error={errors?.userId}
          autocomplete="username webauthn"
          inputMode="email"
          maxLength={USER_ID_MAX_LENGTH}
        />
        <TextField name="password" label={m.password} hint={m.passwordHint} type="password" error={errors?.password} autocomplete="current-password" />
        <div class="actions">
          <SubmitButton>{m.submit}</SubmitButton>
        </div>
      </PostForm>
      <section class="passkey-login" aria-labelledby="passkey-login">
        <h2 id="passkey-login">{m.passkeyHeading}</h2>
        <WebauthnForm action="/login/passkey" csrf={ctx.csrf} purpose="login" button={m.passkeyButton} autofill fallback={m.passkeyFallback}>
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
  const m = loginMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.logoutTitle}>
      <h1>{m.loggedOutHeading}</h1>
      <p>{m.loggedOut}</p>
      <p>{m.sharedComputer}</p>
      <p>
        <a class="button" href="/login">
          {m.toLogin}
        </a>
      </p>
    </Layout>
  );
}

/** GET /logout while still logged in: logging out is a POST, so ask for it. */
export function LogoutConfirmPage({ ctx }: { ctx: PageContext }) {
  const m = loginMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.logoutTitle}>
      <h1>{m.logoutHeading}</h1>
      <p>{m.logoutConfirm}</p>
      <PostForm action="/logout" csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>{m.logoutButton}</SubmitButton>
          <a class="button" href="/mypage">
            {m.backHome}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}
