import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';

/** 新しいパスワードの設定: the only page (besides ログアウト) after a login with a 仮パスワード. */
export const NEW_PASSWORD_PATH = '/mypage/new-password';
const TITLE = '新しいパスワードの設定';

export function NewPasswordPage({ ctx, ruleText, errors }: { ctx: PageContext; ruleText: string; errors?: FieldErrors | undefined }) {
  return (
    <Layout ctx={ctx} title={TITLE}>
      <h1>{TITLE}</h1>
      <p class="lead">仮パスワードでログインしました。</p>
      <p>引き続きご利用いただくには、新しいパスワードを設定してください。設定が終わるまで、ほかの画面はご利用いただけません。仮パスワードは、設定後は使えなくなります。</p>
      <ErrorSummary errors={errors} />
      <PostForm action={NEW_PASSWORD_PATH} csrf={ctx.csrf}>
        <TextField name="password" label="新しいパスワード" type="password" error={errors?.password} autocomplete="new-password" maxLength={128} hint={ruleText} />
        <TextField name="password_confirm" label="新しいパスワード（確認用）" type="password" error={errors?.password_confirm} autocomplete="new-password" maxLength={128} hint="確認のためもう一度ご入力ください。" />
        <div class="actions">
          <SubmitButton>設定する</SubmitButton>
        </div>
      </PostForm>
    </Layout>
  );
}

export function NewPasswordCompletePage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={`${TITLE} 完了`}>
      <h1>{TITLE}</h1>
      <p class="lead">新しいパスワードを設定しました。</p>
      <p>次回から新しいパスワードでログインしてください。ご登録のメールアドレスに、変更のお知らせをお送りしました。</p>
      <div class="actions">
        <a class="button primary" href="/mypage">
          ホームへ
        </a>
      </div>
    </Layout>
  );
}
