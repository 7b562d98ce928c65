import type { FieldErrors } from '../../platform/ui/form.js';
import { ErrorSummary, PostForm, SubmitButton, TextField } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';

const TITLE = 'ユーザーID・パスワードをお忘れの方';

interface InputProps {
  ctx: PageContext;
  values: { email?: string; birth_date?: string };
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}

/** STEP 2: ご登録メールアドレス、生年月日. */
export function RecoveryInputPage({ ctx, values, errors, message }: InputProps) {
  return (
    <Layout ctx={ctx} title={TITLE}>
      <h1>{TITLE}</h1>
      <p>ご登録メールアドレス（ユーザーID）、生年月日をご入力いただき、「次へ」ボタンを押してください。</p>
      <p>次の画面でキーワードを表示し、ご登録メールアドレス宛てにユーザーID・パスワード再登録のご案内メールをお送りします。</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action="/recovery" csrf={ctx.csrf}>
        <TextField name="email" label="メールアドレス" type="email" value={values.email} error={errors?.email} autocomplete="email" inputMode="email" maxLength={254} />
        <TextField name="birth_date" label="生年月日" type="date" value={values.birth_date} error={errors?.birth_date} autocomplete="bday" hint="例：1975-01-01" />
        <div class="actions">
          <SubmitButton>次へ</SubmitButton>
        </div>
      </PostForm>
      <div class="notice">
        <p>
          ご登録メールアドレスが使用できなくなっている場合は、本サービスを利用できません。「
          <a href="/register">初めてご利用いただく方はこちら</a>
          」より、再度「新規利用登録」をおこなってください。
        </p>
        <p>新規利用登録が完了すると、これまでのユーザーID・パスワードは新しいものに置き換わります。</p>
      </div>
    </Layout>
  );
}

/** STEP 3: the keyword on screen; the mail does not carry it. The same page whether or not anyone matched. */
export function RecoverySentPage({ ctx, keyword, ttlText }: { ctx: PageContext; keyword: string | null; ttlText: string }) {
  return (
    <Layout ctx={ctx} title={`${TITLE} キーワード表示`}>
      <h1>{TITLE}</h1>
      <p>ご入力いただいたメールアドレスと生年月日がご登録内容と一致する場合は、そのメールアドレス宛てに再登録手続きのご案内メールを送信しました。</p>
      <p>メール記載のURLにアクセスし、以下のキーワードを入力してください。</p>
      <dl class="keyword-box">
        <dt>キーワード</dt>
        <dd class="keyword">{keyword ?? '（この画面では表示できません）'}</dd>
      </dl>
      <p class="notice">メールには、キーワードをご案内していません。この画面で表示されたキーワードをメモするなどして保管ください。</p>
      <p>{`メール記載のURLの有効期限は、メール送信から${ttlText}です。メールが届かない場合は、ご入力内容をご確認のうえ、もう一度お手続きください。`}</p>
      <div class="actions">
        <a class="button" href="/">
          閉じる
        </a>
      </div>
    </Layout>
  );
}
