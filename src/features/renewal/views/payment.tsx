import type { FieldErrors } from '../../../platform/ui/form.js';
import { ErrorSummary, PostForm, SubmitButton } from '../../../platform/ui/form.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { PAYMENT_METHODS, renewalPlace } from '../flow.js';
import type { Quote } from '../../renewal/rating/index.js';
import type { Renewal } from '../service.js';
import { BackLink, RadioGroup, StepPage, yen } from './common.js';
import { paymentWords } from './contract.js';
import { monthlyWords } from './premium.js';

interface PaymentPageProps {
  ctx: PageContext;
  renewal: Renewal;
  values: { payment_method?: string | undefined; payment_frequency?: string | undefined };
  annual: Quote;
  monthly: Quote;
  errors?: FieldErrors | undefined;
}

/** STEP 5 お支払方法: keep the current method or choose another; no card or account number is ever asked here. */
export function PaymentPage({ ctx, renewal, values, annual, monthly, errors }: PaymentPageProps) {
  const n = renewal.policy.policy_number;
  const current = renewal.policy.payment_method;
  const others = PAYMENT_METHODS.filter((m) => m !== current).map((m) => ({ value: m, label: `${paymentWords(m)}に変更する` }));
  return (
    <StepPage ctx={ctx} step="payment" policyNumber={n}>
      <p>継続後の保険料のお支払方法をお選びください。</p>
      <PostForm action={renewalPlace(n, 'payment')} csrf={ctx.csrf}>
        <ErrorSummary errors={errors} />
        <RadioGroup
          name="payment_method"
          legend="お支払方法"
          options={[{ value: 'keep', label: `現在のお支払方法（${paymentWords(current)}）のまま` }, ...others]}
          value={values.payment_method}
          error={errors?.payment_method}
        />
        <RadioGroup
          name="payment_frequency"
          legend="お支払回数"
          hint="コンビニ払いは年払（一括払）のみです。"
          options={[
            { value: 'annual', label: `年払（一括払） 年額 ${yen(annual.annualPremium)}` },
            { value: 'monthly', label: `月払 ${monthlyWords(monthly)}` },
          ]}
          value={values.payment_frequency}
          error={errors?.payment_frequency}
        />
        <div class="notice">
          <p>お客さまWebサービスでは、口座番号やクレジットカード番号の入力・保管は行いません。</p>
          <p>{`お支払方法を変更される場合は、お申込み後に${ctx.brand.companyName}から、変更後のお支払方法のお手続き（口座振替依頼書・カード情報のご登録など）をご案内します。`}</p>
        </div>
        <div class="actions">
          <SubmitButton>次へ</SubmitButton>
          <BackLink policyNumber={n} step="matters" label="重要事項説明・意向確認に戻る" />
        </div>
      </PostForm>
    </StepPage>
  );
}
