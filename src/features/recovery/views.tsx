import type { FieldErrors } from '../../platform/ui/form.js';
import { ErrorSummary, PostForm, SubmitButton, TextField } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { recoveryMessages } from './messages.js';

interface InputProps {
  ctx: PageContext;
  values: { email?: string; birth_date?: string };
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}

/** STEP 2: ご登録メールアドレス、生年月日. */
export function RecoveryInputPage({ ctx, values, errors, message }: InputProps) {
  const m = recoveryMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.title}>
      <h1>{m.title}</h1>
      <p>{m.inputIntro}</p>
      <p>{m.inputNext}</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action="/recovery" csrf={ctx.csrf}>
        <TextField name="email" label={m.email} type="email" value={values.email} error={errors?.email} autocomplete="email" inputMode="email" maxLength={254} />
        <TextField name="birth_date" label={m.birthDate} type="date" value={values.birth_date} error={errors?.birth_date} autocomplete="bday" hint={m.birthDateHint} />
        <div class="actions">
          <SubmitButton>{m.next}</SubmitButton>
        </div>
      </PostForm>
      <div class="notice">
        <p>
          {m.noMailBefore}
          <a href="/register">{m.noMailLink}</a>
          {m.noMailAfter}
        </p>
        <p>{m.replaces}</p>
      </div>
    </Layout>
  );
}

/** STEP 3: the keyword on screen; the mail does not carry it. The same page whether or not anyone matched. */
export function RecoverySentPage({ ctx, keyword, ttlText }: { ctx: PageContext; keyword: string | null; ttlText: string }) {
  const m = recoveryMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.sentTitle}>
      <h1>{m.title}</h1>
      <p>{m.sentIfMatched}</p>
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
