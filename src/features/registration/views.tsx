import type { FieldErrors } from '../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, StepIndicator, SubmitButton, TextField } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { formatBirthDateJa } from '../policies/holder.js';
import { KEYWORD_RULE_TEXT } from '../../platform/auth/keyword.js';
import { AgreeAndNext } from '../../platform/ui/terms.js';
import { holderKana, holderName } from '../policies/holder.js';
import { REGISTRATION_STEPS, type RegistrationData } from './flow.js';


export const STEP1_FIELDS = ['family_name', 'given_name', 'family_kana', 'given_kana', 'birth_date', 'email', 'keyword', 'policy_number'] as const;
export type Step1Values = Partial<Record<(typeof STEP1_FIELDS)[number], string>>;

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
  return (
    <Layout ctx={ctx} title="新規利用登録 お客さま情報の入力">
      <h1>新規利用登録</h1>
      <StepIndicator steps={REGISTRATION_STEPS} current={1} />
      <p>インターネットでお手続きいただくには、お客さまWebサービスの利用登録が必要です。</p>
      <p>お客さまの情報を入力いただき、利用規約に同意のうえ、「次へ」ボタンを押してください。</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action="/register" csrf={ctx.csrf}>
        <fieldset class="name-pair">
          <legend>契約者氏名</legend>
          <TextField name="family_name" label="姓" value={values.family_name} error={errors?.family_name} autocomplete="family-name" maxLength={60} />
          <TextField name="given_name" label="名" value={values.given_name} error={errors?.given_name} autocomplete="given-name" maxLength={60} />
        </fieldset>
        <fieldset class="name-pair">
          <legend>契約者氏名カナ</legend>
          <p class="hint">カタカナまたはひらがなでご入力ください。</p>
          <TextField name="family_kana" label="セイ" value={values.family_kana} error={errors?.family_kana} maxLength={60} />
          <TextField name="given_kana" label="メイ" value={values.given_kana} error={errors?.given_kana} maxLength={60} />
        </fieldset>
        <TextField name="birth_date" label="生年月日" type="date" value={values.birth_date} error={errors?.birth_date} autocomplete="bday" hint="例：1975-01-01" />
        <TextField name="email" label="メールアドレス" type="email" value={values.email} error={errors?.email} autocomplete="email" inputMode="email" maxLength={254} hint="ご登録手続きのご案内メールをお送りします。" />
        <TextField name="keyword" label="キーワード" value={values.keyword} error={errors?.keyword} autocomplete="off" maxLength={32} hint={`任意のキーワードを${KEYWORD_RULE_TEXT}メールのURLを開いたときに入力します。`} />
        <TextField name="policy_number" label="証券番号" value={values.policy_number} error={errors?.policy_number} autocomplete="off" maxLength={40} hint="保険証券に記載の証券番号（例：C123456789）" />
        <AgreeAndNext error={errors?.agree} checked={agreed === true && !errors?.agree} />
      </PostForm>
    </Layout>
  );
}

/** Seed screen 4: 入力内容確認. */
export function RegisterConfirmPage({ ctx, data, keyword }: { ctx: PageContext; data: RegistrationData; keyword: string }) {
  const { entries, holder } = data;
  const rows: Array<[string, string]> = [
    ['契約者氏名', holder ? holderName(holder) : `${entries.familyName} ${entries.givenName}`],
    ['契約者氏名カナ', holder ? holderKana(holder) : `${entries.familyKana} ${entries.givenKana}`],
    ['生年月日', formatBirthDateJa(entries.birthDate)],
    ['メールアドレス', entries.email],
    ['キーワード', keyword],
    ['証券番号', entries.policyNumber],
  ];
  return (
    <Layout ctx={ctx} title="新規利用登録 入力内容の確認">
      <h1>新規利用登録</h1>
      <StepIndicator steps={REGISTRATION_STEPS} current={2} />
      <p>入力内容をご確認のうえ、よろしければ「次へ」ボタンを押してください。</p>
      <Entries rows={rows} />
      <PostForm action="/register/confirm" csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>次へ</SubmitButton>
          <a class="button" href="/register">
            修正する
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

/** Seed screen 5: the mail is out; the keyword to note down. */
export function RegisterSentPage({ ctx, email, keyword, ttlText }: { ctx: PageContext; email: string; keyword: string | null; ttlText: string }) {
  return (
    <Layout ctx={ctx} title="新規利用登録 メールの送信、キーワード表示">
      <h1>新規利用登録</h1>
      <StepIndicator steps={REGISTRATION_STEPS} current={3} />
      <p>{`ご入力いただいたメールアドレス（${email}）宛てに、初回利用登録のご案内メールを送信しました。`}</p>
      <p>メール記載のURLにアクセスし、以下のキーワードを入力してください。</p>
      <dl class="keyword-box">
        <dt>キーワード</dt>
        <dd class="keyword">{keyword ?? '（この画面では表示できません）'}</dd>
      </dl>
      <p class="notice">キーワードはメールには記載されません。メモを取るなどして必ずお控えのうえ、この画面を閉じてください。</p>
      <p>{`メール記載のURLの有効期限は、メール送信から${ttlText}です。メールが届かない場合は、迷惑メールフォルダもご確認ください。`}</p>
      <div class="actions">
        <a class="button" href="/">
          閉じる
        </a>
      </div>
    </Layout>
  );
}
