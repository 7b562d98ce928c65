import { NoBreakNumbers } from '../../../platform/ui/no-break.js';
import type { FieldErrors } from '../../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, SubmitButton } from '../../../platform/ui/form.js';
import { formatDate } from '../../../platform/ui/i18n/format.js';
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import { Layout } from '../../../platform/ui/layout.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { coverageRows } from '../coverage.js';
import { renewalPlace, type RenewalState } from '../flow.js';
import { contractMessages, paymentMessages, premiumMessages, renewalMessages } from '../messages.js';
import { valueWords } from '../../renewal/rating/index.js';
import type { Renewal } from '../service.js';
import { AgencyAndDesk, BackToRenewals, RadioGroup, StepPage, yen } from './common.js';

/** 口座振替 / クレジットカード払 / コンビニ払い in a language; an unknown code as it is. */
export const paymentWords = (method: string | null, locale: Locale = 'ja'): string => {
  if (!method) return '-';
  const m = paymentMessages.of(locale);
  return method === 'bank' ? m.bank : method === 'card' ? m.card : method === 'convenience' ? m.convenience : method;
};

const dash = (text: string | null | undefined): string => (text ? text : '-');

/** The current contract as step 1 shows it (and 契約内容の確認 may reuse): holder, car, coverage, grade, premium. */
export function ContractDetails({ renewal, locale }: { renewal: Renewal; locale: Locale }) {
  const { policy, current, facts } = renewal;
  const m = contractMessages.of(locale);
  const p = premiumMessages.of(locale);
  return (
    <div class="contract-details">
      <h3>{m.holder}</h3>
      <Entries
        rows={[
          [m.name, m.holderName({ family: policy.holder_family_name, given: policy.holder_given_name })],
          [m.address, policy.address ? `${policy.postal_code ? `〒${policy.postal_code} ` : ''}${policy.address}` : '-'],
        ]}
      />
      <h3>{m.car}</h3>
      <Entries rows={[[m.model, dash(policy.vehicle_model)], [m.registration, dash(policy.vehicle_registration)], [m.vehicleClass, valueWords.vehicleClass(facts.vehicleClass, locale)]]} />
      <h3>{m.coverage}</h3>
      <Entries rows={coverageRows(current, locale)} />
      <h3>{m.conditions}</h3>
      <Entries
        rows={[
          [m.term, m.termRange({ start: formatDate(locale, policy.start_date), end: formatDate(locale, policy.end_date) })],
          [m.grade, p.grade({ grade: facts.grade })],
          [m.accidentYears, p.years({ years: facts.accidentCoefficientYears })],
          [m.annualPremium, policy.annual_premium === null ? '-' : yen(policy.annual_premium, locale)],
          [m.paymentMethod, paymentWords(policy.payment_method, locale)],
          [renewalMessages.of(locale).agency, policy.agency_name],
        ]}
      />
    </div>
  );
}

export interface ContractValues {
  vehicle_changed?: string;
  insured_changed?: string;
}

interface ContractPageProps {
  ctx: PageContext;
  renewal: Renewal;
  values: ContractValues;
  errors?: FieldErrors | undefined;
}

/** Where a resumed flow stands, offered above step 1 (続きから). */
function ResumeNotice({ renewal, locale }: { renewal: Renewal; locale: Locale }) {
  const m = contractMessages.of(locale);
  const state: RenewalState | undefined = renewal.flow?.state;
  if (!state || state === 'plans') return renewal.lapsed ? <p class="notice">{m.lapsed}</p> : null;
  return (
    <div class="notice resume">
      <p>{m.resume}</p>
      <p>
        <a href={renewalPlace(renewal.ref, state)}>{m.resumeLink}</a>
      </p>
    </div>
  );
}

/** STEP 1 ご契約内容の確認: the current contract and the two questions, unanswered at first. */
export function ContractPage({ ctx, renewal, values, errors }: ContractPageProps) {
  const n = renewal.policy.policy_number;
  const { locale } = ctx;
  const m = contractMessages.of(locale);
  return (
    <StepPage ctx={ctx} step="contract" policyNumber={n}>
      <ResumeNotice renewal={renewal} locale={locale} />
      <p>
        <NoBreakNumbers text={m.lead({ start: formatDate(locale, renewal.termStart), end: formatDate(locale, renewal.termEnd) })} />
      </p>
      <ContractDetails renewal={renewal} locale={locale} />
      <PostForm action={renewalPlace(renewal.ref, 'contract')} csrf={ctx.csrf}>
        <ErrorSummary errors={errors} />
        <RadioGroup
          name="vehicle_changed"
          legend={m.vehicleQuestion}
          hint={m.vehicleHint}
          options={[
            { value: 'yes', label: m.vehicleYes },
            { value: 'no', label: m.vehicleNo },
          ]}
          value={values.vehicle_changed}
          error={errors?.vehicle_changed}
        />
        <RadioGroup
          name="insured_changed"
          legend={m.insuredQuestion}
          hint={m.insuredHint}
          options={[
            { value: 'yes', label: m.insuredYes },
            { value: 'no', label: m.insuredNo },
          ]}
          value={values.insured_changed}
          error={errors?.insured_changed}
        />
        <div class="actions">
          <SubmitButton>{renewalMessages.of(locale).next}</SubmitButton>
        </div>
      </PostForm>
      <BackToRenewals locale={locale} />
    </StepPage>
  );
}

/** A change of car or insured person cannot be renewed online: the agency or the desk takes it. */
export function NotPossiblePage({ ctx, renewal, vehicle, insured }: { ctx: PageContext; renewal: Renewal; vehicle: boolean; insured: boolean }) {
  const m = contractMessages.of(ctx.locale);
  const r = renewalMessages.of(ctx.locale);
  const what = [vehicle ? m.vehicleChange : '', insured ? m.insuredChange : ''].filter(Boolean).join(m.changeSeparator);
  return (
    <Layout ctx={ctx} title={r.stepTitle({ step: m.notPossible, title: r.title })}>
      <h1>{r.title}</h1>
      <h2>{m.notPossible}</h2>
      <p class="notice">{m.notPossibleWhy({ what })}</p>
      <p>{m.notPossibleWhat({ closes: formatDate(ctx.locale, renewal.window.closesOn), desk: ctx.brand.deskName })}</p>
      <AgencyAndDesk ctx={ctx} policy={renewal.policy} />
      <div class="actions">
        <a class="button" href={renewalPlace(renewal.ref, 'contract')}>
          {m.backToContract}
        </a>
        <a class="button" href="/mypage/renewals">
          {r.backToRenewals}
        </a>
      </div>
    </Layout>
  );
}
