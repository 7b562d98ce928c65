import type { FieldErrors } from '../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, StepIndicator, SubmitButton, TextField } from '../../platform/ui/form.js';
import { formatDate } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { formatBirthDateJa } from '../policies/holder.js';
import { AgreeAndNext } from '../../platform/ui/terms.js';
import { holderKana, holderName } from '../policies/holder.js';
import { registrationSteps, type RegistrationData } from './flow.js';
import { registrationMessages } from './messages.js';


export const STEP1_FIELDS = ['family_name', 'given_name', 'family_kana', 'given_kana', 'birth_date', 'email', 'keyword', 'policy_number'] as const;
export type Step1Values = Partial<Record<(typeof STEP1_FIELDS)[number], string>>;

/** 1975年01月01日 as the guide's confirmation screens show it; 1 January 1975 in English. */
export const birthDateText = (locale: Locale, isoDate: string): string => (locale === 'ja' ? formatBirthDateJa(isoDate) : formatDate(locale, isoDate));

interface InputProps {
  ctx: PageContext;
  values: Step1Values;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
  /** 利用規約に同意します。 was ticked (the form came back with a problem, or 修正する). */
  agreed?: boolean;
}

/** Seed screen 3: お客さま情報の入力、利用規約同意. */
export function RegisterInputPage({ ctx, values, errors, message, agreed }: InputProps) {
  const m = registrationMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.inputTitle}>
      <h1>{m.title}</h1>
      <StepIndicator steps={registrationSteps(ctx.locale)} current={1} />
      <p>{m.inputIntro}</p>
      <p>{m.inputHowTo}</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action="/register" csrf={ctx.csrf}>
        <fieldset class="name-pair">
          <legend>{m.holderName}</legend>
          <TextField name="family_name" label={m.familyName} value={values.family_name} error={errors?.family_name} autocomplete="family-name" maxLength={60} />
          <TextField name="given_name" label={m.givenName} value={values.given_name} error={errors?.given_name} autocomplete="given-name" maxLength={60} />
        </fieldset>
        <fieldset class="name-pair">
          <legend>{m.holderKana}</legend>
          <p class="hint">{m.kanaHint}</p>
          <TextField name="family_kana" label={m.familyKana} value={values.family_kana} error={errors?.family_kana} maxLength={60} />
          <TextField name="given_kana" label={m.givenKana} value={values.given_kana} error={errors?.given_kana} maxLength={60} />
        </fieldset>
        <TextField name="birth_date" label={m.birthDate} type="date" value={values.birth_date} error={errors?.birth_date} autocomplete="bday" hint={m.birthDateHint} />
        <TextField name="email" label={m.email} type="email" value={values.email} error={errors?.email} autocomplete="email" inputMode="email" maxLength={254} hint={m.emailHint} />
        <TextField name="keyword" label={m.keyword} value={values.keyword} error={errors?.keyword} autocomplete="off" maxLength={32} hint={m.keywordHint} />
        <TextField name="policy_number" label={m.policyNumber} value={values.policy_number} error={errors?.policy_number} autocomplete="off" maxLength={40} hint={m.policyNumberHint} />
        <AgreeAndNext error={errors?.agree} checked={agreed === true && !errors?.agree} />
      </PostForm>
    </Layout>
  );
}

/** Seed screen 4: 入力内容確認. */
export function RegisterConfirmPage({ ctx, data, keyword }: { ctx: PageContext; data: RegistrationData; keyword: string }) {
  const m = registrationMessages.of(ctx.locale);
  const { entries, holder } = data;
  const rows: Array<[string, string]> = [
    [m.holderName, holder ? holderName(holder) : `${entries.familyName} ${entries.givenName}`],
    [m.holderKana, holder ? holderKana(holder) : `${entries.familyKana} ${entries.givenKana}`],
    [m.birthDate, birthDateText(ctx.locale, entries.birthDate)],
    [m.email, entries.email],
    [m.keyword, keyword],
    [m.policyNumber, entries.policyNumber],
  ];
  return (
    <Layout ctx={ctx} title={m.confirmTitle}>
      <h1>{m.title}</h1>
      <StepIndicator steps={registrationSteps(ctx.locale)} current={2} />
      <p>{m.confirmIntro}</p>
      <Entries rows={rows} />
      <PostForm action="/register/confirm" csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>{m.next}</SubmitButton>
          <a class="button" href="/register">
            {m.edit}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

/** Seed screen 5: the mail is out; the keyword to note down. */
export function RegisterSentPage({ ctx, email, keyword, ttlText }: { ctx: PageContext; email: string; keyword: string | null; ttlText: string }) {
  const m = registrationMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.sentTitle}>
      <h1>{m.title}</h1>
      <StepIndicator steps={registrationSteps(ctx.locale)} current={3} />
      <p>{m.sentTo({ email })}</p>
      <p>{m.sentOpenLink}</p>
      <dl class="keyword-box">
        <dt>{m.keyword}</dt>
        <dd class="keyword">{keyword ?? m.keywordUnavailable}</dd>
      </dl>
      <p class="notice">{m.keywordNote}</p>
      <p>{m.sentTtl({ ttl: ttlText })}</p>
      <div class="actions">
        <a class="button" href="/">
          {m.close}
        </a>
      </div>
    </Layout>
  );
}
