import type { ComponentChildren } from 'preact';
import { Entries, PostForm, SubmitButton } from '../../../platform/ui/form.js';
import { formatDate, formatDateTime } from '../../../platform/ui/i18n/format.js';
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { coverageRows } from '../coverage.js';
import { renewalPlace, type RenewalData, type RenewalStep } from '../flow.js';
import { confirmationsIn } from '../forms.js';
import { contractMessages, premiumMessages, reviewMessages } from '../messages.js';
import type { Renewal } from '../service.js';
import { HiddenRevision, StepPage, yen } from './common.js';
import { paymentWords } from './contract.js';
import { planName } from './plans.js';
import { monthlyWords } from './premium.js';

function Part({ title, policyRef, step, locale, children }: { title: string; policyRef: string; step: RenewalStep; locale: Locale; children: ComponentChildren }) {
  const m = reviewMessages.of(locale);
  return (
    <section class="review-part" aria-label={title}>
      <div class="review-part-head">
        <h3>{title}</h3>
        <a href={renewalPlace(policyRef, step)}>
          {m.change}<span class="visually-hidden">{m.changeWhat({ part: title })}</span>
        </a>
      </div>
      {children}
    </section>
  );
}

/** Everything of the application as label/value parts; the review page and its tests read the same rows. */
export function reviewRows(renewal: Renewal, data: Required<Pick<RenewalData, 'plan' | 'coverage' | 'quote' | 'payment' | 'confirmations'>>, locale: Locale = 'ja') {
  const { policy, next } = renewal;
  const { quote, payment } = data;
  const m = reviewMessages.of(locale);
  const c = contractMessages.of(locale);
  const p = premiumMessages.of(locale);
  return {
    contract: [
      [m.vehicleChange, m.none],
      [m.insuredChange, m.none],
      [c.model, policy.vehicle_model ?? '-'],
      [c.registration, policy.vehicle_registration ?? '-'],
    ] as Array<[string, string]>,
    coverage: [
      [m.plan, planName(data.plan, locale)],
      [c.term, c.termRange({ start: formatDate(locale, renewal.termStart), end: formatDate(locale, renewal.termEnd) })],
      ...coverageRows(data.coverage, locale),
    ] as Array<[string, string]>,
    premium: [
      [c.annualPremium, yen(quote.annualPremium, locale)],
      ...(quote.monthlyPremium === null ? [] : [[m.monthly, monthlyWords(quote, locale)]]),
      [c.grade, p.grade({ grade: next.grade })],
      [c.accidentYears, p.years({ years: next.accidentCoefficientYears })],
    ] as Array<[string, string]>,
    confirmations: confirmationsIn(locale).map((confirmation) => {
      const at = data.confirmations.find((given) => given.key === confirmation.key)?.at;
      return [confirmation.label, at ? m.confirmedAt({ at: formatDateTime(locale, new Date(at)) }) : m.notConfirmed];
    }) as Array<[string, string]>,
    payment: [
      [m.method, `${paymentWords(payment.method, locale)}${payment.changed ? m.changed : m.kept}`],
      [m.frequency, payment.frequency === 'monthly' ? m.frequencyMonthly : m.frequencyAnnual],
    ] as Array<[string, string]>,
  };
}

/** STEP 6 お申込内容の確認: every part with its 変更する link, then 申し込む. */
export function ReviewPage({ ctx, renewal, notice }: { ctx: PageContext; renewal: Renewal; notice?: string | undefined }) {
  const n = renewal.policy.policy_number;
  const data = renewal.flow?.data;
  if (!data?.plan || !data.coverage || !data.quote || !data.payment || !data.confirmations) throw new Error('review without a complete flow');
  const { locale } = ctx;
  const m = reviewMessages.of(locale);
  const rows = reviewRows(renewal, { plan: data.plan, coverage: data.coverage, quote: data.quote, payment: data.payment, confirmations: data.confirmations }, locale);
  return (
    <StepPage ctx={ctx} step="review" policyNumber={n}>
      {notice ? <p class="notice">{notice}</p> : null}
      <p>{m.lead}</p>
      <Part title={m.partContract} policyRef={renewal.ref} step="contract" locale={locale}>
        <Entries rows={rows.contract} />
      </Part>
      <Part title={m.partCoverage} policyRef={renewal.ref} step="plans" locale={locale}>
        <Entries rows={rows.coverage} />
      </Part>
      <Part title={m.partPremium} policyRef={renewal.ref} step="premium" locale={locale}>
        <Entries rows={rows.premium} />
      </Part>
      <Part title={m.partMatters} policyRef={renewal.ref} step="matters" locale={locale}>
        <Entries rows={rows.confirmations} />
      </Part>
      <Part title={m.partPayment} policyRef={renewal.ref} step="payment" locale={locale}>
        <Entries rows={rows.payment} />
      </Part>
      <p>{m.agency({ name: renewal.policy.agency_name })}</p>
      <PostForm action={renewalPlace(renewal.ref, 'review')} csrf={ctx.csrf}>
        <HiddenRevision revision={data.revision} />
        <div class="actions">
          <SubmitButton>{m.apply}</SubmitButton>
        </div>
      </PostForm>
    </StepPage>
  );
}
