import type { FieldErrors } from '../../../platform/ui/form.js';
import { ErrorSummary, PostForm, SubmitButton } from '../../../platform/ui/form.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { PAYMENT_METHODS, renewalPlace } from '../flow.js';
import type { Quote } from '../../renewal/rating/index.js';
import type { Renewal } from '../service.js';
import { paymentMessages, renewalMessages } from '../messages.js';
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
  const { locale } = ctx;
  const m = paymentMessages.of(locale);
  const others = PAYMENT_METHODS.filter((method) => method !== current).map((method) => ({ value: method, label: m.changeTo({ method: paymentWords(method, locale) }) }));
  return (
    <StepPage ctx={ctx} step="payment" policyNumber={n}>
      <p>{m.lead}</p>
      <PostForm action={renewalPlace(renewal.ref, 'payment')} csrf={ctx.csrf}>
        <ErrorSummary errors={errors} />
        <RadioGroup
          name="payment_method"
          legend={m.method}
          options={[{ value: 'keep', label: m.keep({ method: paymentWords(current, locale) }) }, ...others]}
          value={values.payment_method}
          error={errors?.payment_method}
        />
        <RadioGroup
          name="payment_frequency"
          legend={m.frequency}
          hint={m.frequencyHint}
          options={[
            { value: 'annual', label: m.annualOption({ amount: yen(annual.annualPremium, locale) }) },
            { value: 'monthly', label: m.monthlyOption({ monthly: monthlyWords(monthly, locale) }) },
          ]}
          value={values.payment_frequency}
          error={errors?.payment_frequency}
        />
        <div class="notice">
          <p>{m.noNumbers}</p>
          <p>{m.changeNotice({ company: ctx.brand.companyName })}</p>
        </div>
        <div class="actions">
          <SubmitButton>{renewalMessages.of(locale).next}</SubmitButton>
          <BackLink policyRef={renewal.ref} step="matters" label={m.back} />
        </div>
      </PostForm>
    </StepPage>
  );
}
