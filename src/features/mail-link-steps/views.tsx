import type { FieldErrors } from '../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, StepIndicator, SubmitButton, TextField } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { formatBirthDateJa, holderKana, holderName, type Holder } from '../policies/holder.js';
import { AgreeAndNext } from '../../platform/ui/terms.js';
import { formatDate } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { useLocale } from '../../platform/ui/i18n/context.js';
import { mailLinkMessages } from './messages.js';

/** The steps after the mail, as the guide numbers them (screens 8–10). */
export function credentialSteps(locale: Locale): readonly string[] {
  const m = mailLinkMessages.of(locale);
  return [m.step1, m.step2, m.step3];
}

/** Where the step indicator stands: the flow's own list (registration: 6 steps) or the three steps after the mail. */
export interface StepsOfFlow {
  labels: readonly string[];
  credentialsAt: number;
}

/** The indicator at the ID/password step (0), its confirmation (1) or the completion (2); the page's language from Layout. */
const FlowSteps = ({ steps, offset }: { steps?: StepsOfFlow | undefined; offset: 0 | 1 | 2 }) => {
  const shown = steps ?? { labels: credentialSteps(useLocale()), credentialsAt: 1 };
  return <StepIndicator steps={shown.labels} current={shown.credentialsAt + offset} />;
};

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
  const m = mailLinkMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{intro}</p>
      <ErrorSummary errors={error ? { keyword: error } : undefined} message={message} />
      <PostForm action={action} csrf={ctx.csrf}>
        <input type="hidden" name="token" value={token} />
        <TextField name="keyword" label={m.keyword} error={error} autocomplete="off" maxLength={64} />
        <div class="actions">
          <SubmitButton>{m.next}</SubmitButton>
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

/** Seed screen 8: the user ID (an e-mail address) and password, each twice, and the terms. */
export function CredentialsPage({ ctx, title, action, userId, userIdConfirm, ruleText, errors, message, agreed, steps }: CredentialsProps) {
  const m = mailLinkMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FlowSteps steps={steps} offset={0} />
      <p>{m.credentialsIntro}</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={action} csrf={ctx.csrf}>
        <TextField name="user_id" label={m.userId} type="email" value={userId} error={errors?.user_id} autocomplete="username" maxLength={254} inputMode="email" hint={m.userIdHint} />
        <TextField name="user_id_confirm" label={m.userIdConfirm} type="email" value={userIdConfirm ?? ''} error={errors?.user_id_confirm} autocomplete="off" maxLength={254} inputMode="email" hint={m.againHint} />
        <TextField name="password" label={m.password} type="password" error={errors?.password} autocomplete="new-password" maxLength={128} hint={ruleText} />
        <TextField name="password_confirm" label={m.passwordConfirm} type="password" error={errors?.password_confirm} autocomplete="new-password" maxLength={128} hint={m.againHint} />
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
  const m = mailLinkMessages.of(ctx.locale);
  const rows: Array<[string, string]> = [
    [m.userId, userId],
    [m.password, MASKED_PASSWORD],
  ];
  const birthDate = (iso: string) => (ctx.locale === 'ja' ? formatBirthDateJa(iso) : formatDate(ctx.locale, iso));
  if (holder) rows.push([m.holderName, holderName(holder)], [m.holderKana, holderKana(holder)], [m.birthDate, birthDate(holder.birthDate)]);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FlowSteps steps={steps} offset={1} />
      <p>{m.confirmIntro}</p>
      <ErrorSummary message={message} />
      <Entries rows={rows} />
      <PostForm action={action} csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>{m.next}</SubmitButton>
          <a class="button" href={backHref}>
            {m.edit}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

/** Seed screen 10 (and recovery STEP 6): done, and ホームへ. */
export function CompletePage({ ctx, title, heading, lines, steps }: { ctx: PageContext; title: string; heading: string; lines: string[]; steps?: StepsOfFlow | undefined }) {
  const m = mailLinkMessages.of(ctx.locale);
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
          {m.home}
        </a>
      </div>
    </Layout>
  );
}
