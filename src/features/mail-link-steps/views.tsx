import type { FieldErrors } from '../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, StepIndicator, SubmitButton, TextField } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { formatBirthDateJa, holderKana, holderName, type Holder } from '../policies/holder.js';
import { AgreeAndNext } from '../../platform/ui/terms.js';

/** The steps after the mail, as the guide numbers them (screens 8–10). */
export const CREDENTIAL_STEPS = ['お客さま情報の入力', '入力内容の確認', '完了'];

/** Where the step indicator stands: the flow's own list (registration: 6 steps) or the three steps after the mail. */
export interface StepsOfFlow {
  labels: readonly string[];
  credentialsAt: number;
}

const SHORT_STEPS: StepsOfFlow = { labels: CREDENTIAL_STEPS, credentialsAt: 1 };

/** The indicator at the ID/password step (0), its confirmation (1) or the completion (2). */
const FlowSteps = ({ steps = SHORT_STEPS, offset }: { steps?: StepsOfFlow | undefined; offset: 0 | 1 | 2 }) => (
  <StepIndicator steps={steps.labels} current={steps.credentialsAt + offset} />
);

export const MASKED_PASSWORD = '●●●●●●●●';

interface KeywordEntryProps {
  ctx: PageContext;
  title: string;
  intro: string;
  action: string;
  token: string;
  error?: string | undefined;
  message?: string | undefined;
}

/** Seed screen 7: the keyword behind the mail link. */
export function KeywordEntryPage({ ctx, title, intro, action, token, error, message }: KeywordEntryProps) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{intro}</p>
      <ErrorSummary errors={error ? { keyword: error } : undefined} message={message} />
      <PostForm action={action} csrf={ctx.csrf}>
        <input type="hidden" name="token" value={token} />
        <TextField name="keyword" label="キーワード" error={error} autocomplete="off" maxLength={64} />
        <div class="actions">
          <SubmitButton>次へ</SubmitButton>
        </div>
      </PostForm>
    </Layout>
  );
}

interface CredentialsProps {
  ctx: PageContext;
  title: string;
  action: string;
  userId: string;
  userIdConfirm?: string;
  ruleText: string;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
  /** 利用規約に同意します。 was ticked (the form came back with a problem, or 修正する). */
  agreed?: boolean | undefined;
  steps?: StepsOfFlow | undefined;
}

export const USER_ID_HINT = 'ご案内メールを受信したメールアドレスがユーザーIDになります。別のメールアドレスをご利用になる場合は、登録完了後に「各種変更の手続き」から変更できます。';

/** Seed screen 8: the user ID (an e-mail address) and password, each twice, and the terms. */
export function CredentialsPage({ ctx, title, action, userId, userIdConfirm, ruleText, errors, message, agreed, steps }: CredentialsProps) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FlowSteps steps={steps} offset={0} />
      <p>ご希望のID・パスワードをご入力いただき、「次へ」ボタンを押してください。</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={action} csrf={ctx.csrf}>
        <TextField name="user_id" label="メールアドレス（ユーザーID）" type="email" value={userId} error={errors?.user_id} autocomplete="username" maxLength={254} inputMode="email" hint={USER_ID_HINT} />
        <TextField name="user_id_confirm" label="メールアドレス（確認用）" type="email" value={userIdConfirm ?? ''} error={errors?.user_id_confirm} autocomplete="off" maxLength={254} inputMode="email" hint="確認のためもう一度ご入力ください。" />
        <TextField name="password" label="パスワード" type="password" error={errors?.password} autocomplete="new-password" maxLength={128} hint={ruleText} />
        <TextField name="password_confirm" label="パスワード（確認用）" type="password" error={errors?.password_confirm} autocomplete="new-password" maxLength={128} hint="確認のためもう一度ご入力ください。" />
        <AgreeAndNext error={errors?.agree} checked={agreed === true && !errors?.agree} />
      </PostForm>
    </Layout>
  );
}

interface CredentialsConfirmProps {
  ctx: PageContext;
  title: string;
  action: string;
  backHref: string;
  userId: string;
  holder: Holder | null;
  message?: string | undefined;
  steps?: StepsOfFlow | undefined;
}

/** Seed screen 9: the entries for confirmation, the password masked. */
export function CredentialsConfirmPage({ ctx, title, action, backHref, userId, holder, message, steps }: CredentialsConfirmProps) {
  const rows: Array<[string, string]> = [
    ['メールアドレス（ユーザーID）', userId],
    ['パスワード', MASKED_PASSWORD],
  ];
  if (holder) rows.push(['契約者氏名', holderName(holder)], ['契約者氏名カナ', holderKana(holder)], ['生年月日', formatBirthDateJa(holder.birthDate)]);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FlowSteps steps={steps} offset={1} />
      <p>入力内容をご確認のうえ、よろしければ「次へ」ボタンを押してください。</p>
      <ErrorSummary message={message} />
      <Entries rows={rows} />
      <PostForm action={action} csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>次へ</SubmitButton>
          <a class="button" href={backHref}>
            修正する
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

/** Seed screen 10 (and recovery STEP 6): done, and ホームへ. */
export function CompletePage({ ctx, title, heading, lines, steps }: { ctx: PageContext; title: string; heading: string; lines: string[]; steps?: StepsOfFlow | undefined }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FlowSteps steps={steps} offset={2} />
      <p class="lead">{heading}</p>
      {lines.map((line) => (
        <p>{line}</p>
      ))}
      <div class="actions">
        <a class="button primary" href="/mypage">
          ホームへ
        </a>
      </div>
    </Layout>
  );
}
