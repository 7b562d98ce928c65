import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { settingsMessages } from './messages.js';

/** 新しいパスワードの設定: the only page (besides ログアウト) after a login with a 仮パスワード. */
export const NEW_PASSWORD_PATH = '/mypage/new-password';

export function NewPasswordPage({ ctx, ruleText, errors }: { ctx: PageContext; ruleText: string; errors?: FieldErrors | undefined }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.newPasswordTitle}>
      <h1>{m.newPasswordTitle}</h1>
      <p class="lead">{m.newPasswordLead}</p>
      <p>{m.newPasswordBody}</p>
      <ErrorSummary errors={errors} />
      <PostForm action={NEW_PASSWORD_PATH} csrf={ctx.csrf}>
        <TextField name="password" label={m.newPassword} type="password" error={errors?.password} autocomplete="new-password" maxLength={128} hint={ruleText} />
        <TextField name="password_confirm" label={m.newPasswordConfirm} type="password" error={errors?.password_confirm} autocomplete="new-password" maxLength={128} hint={m.confirmHint} />
        <div class="actions">
          <SubmitButton>{m.newPasswordSubmit}</SubmitButton>
        </div>
      </PostForm>
    </Layout>
  );
}

export function NewPasswordCompletePage({ ctx }: { ctx: PageContext }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.complete({ title: m.newPasswordTitle })}>
      <h1>{m.newPasswordTitle}</h1>
      <p class="lead">{m.newPasswordSetLead}</p>
      <p>{m.newPasswordCompleteBody}</p>
      <div class="actions">
        <a class="button primary" href="/mypage">
          {m.toHome}
        </a>
      </div>
    </Layout>
  );
}
