import type { FieldErrors } from '../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, SubmitButton, TextField } from '../../platform/ui/form.js';
import { useLocale } from '../../platform/ui/i18n/context.js';
import { formatDate } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { NONE, accidentYearsLabel, ageConditionLabel, coverageAmountLabel, deductibleLabel, driverScopeLabel, gradeLabel, manYen, paymentLabel, productLabel, ridersLabel, usePurposeLabel, vehicleClassLabel, vehicleCoverageLabel, yen } from '../policies/labels.js';
import type { PolicyDetails } from '../policies/policy-query.js';
import { mypageMessages } from './messages.js';
import { policyStatusLabel, type PolicyStatus } from './policy-status.js';

const POLICIES_PATH = '/mypage/policies';

/** The badge of a policy's status; the page's language unless `locale` says otherwise. */
export function StatusBadge({ status, locale }: { status: PolicyStatus; locale?: Locale }) {
  const pageLocale = useLocale();
  return <strong class={`badge status-${status.kind}`}>{policyStatusLabel(status, locale ?? pageLocale)}</strong>;
}

/** 保険期間 from … to, in the language's dates. */
export const periodOf = (locale: Locale, from: string, to: string): string => mypageMessages.of(locale).period({ from: formatDate(locale, from), to: formatDate(locale, to) });

const contactAddress = (p: PolicyDetails, locale: Locale) =>
  [p.postal_code ? mypageMessages.of(locale).postalCode({ code: p.postal_code }) : '', p.address ?? ''].filter(Boolean).join(' ') || NONE;

function vehicleAmount(p: PolicyDetails, locale: Locale): string {
  if (p.vehicle_coverage === null || p.vehicle_coverage === 'none') return NONE;
  return p.vehicle_amount === null ? NONE : manYen(p.vehicle_amount, locale);
}

/** What the policy holds, in sections (also fit for the renewal's ご契約内容の確認); the page's language unless `locale` is given. */
export function PolicyDetailsSections({ policy: p, locale: given }: { policy: PolicyDetails; locale?: Locale }) {
  const pageLocale = useLocale();
  const locale = given ?? pageLocale;
  const m = mypageMessages.of(locale);
  const auto = p.product === 'auto';
  const hasVehicleCoverage = p.vehicle_coverage !== null && p.vehicle_coverage !== 'none';
  return (
    <div class="policy-details">
      <h2>{m.sectionSummary}</h2>
      <Entries
        rows={[
          [m.policyNumber, p.policy_number],
          [m.product, productLabel(p.product, locale)],
          [m.insurancePeriod, periodOf(locale, p.start_date, p.end_date)],
          [m.agency, p.agency_name],
        ]}
      />
      <h2>{m.sectionHolder}</h2>
      <Entries
        rows={[
          [m.holderName, `${p.holder_family_name} ${p.holder_given_name}`],
          [m.holderKana, `${p.holder_family_kana} ${p.holder_given_kana}`],
          [m.address, contactAddress(p, locale)],
          [m.phone, p.phone ?? NONE],
        ]}
      />
      {auto ? (
        <>
          <h2>{m.sectionVehicle}</h2>
          <Entries
            rows={[
              [m.vehicleModel, p.vehicle_model ?? NONE],
              [m.registration, p.vehicle_registration ?? NONE],
              [m.vehicleClass, vehicleClassLabel(p.vehicle_class, locale)],
            ]}
          />
          <h2>{m.sectionCoverage}</h2>
          <Entries
            rows={[
              [m.bodilyInjury, coverageAmountLabel(p.bodily_injury, locale)],
              [m.propertyDamage, coverageAmountLabel(p.property_damage, locale)],
              [m.personalInjury, coverageAmountLabel(p.personal_injury, locale)],
              [m.vehicleCoverage, vehicleCoverageLabel(p.vehicle_coverage, locale)],
              [m.vehicleAmount, vehicleAmount(p, locale)],
              [m.deductible, hasVehicleCoverage ? deductibleLabel(p.vehicle_deductible, locale) : NONE],
              [m.riders, ridersLabel(p.riders, locale)],
            ]}
          />
          <h2>{m.sectionDrivers}</h2>
          <Entries
            rows={[
              [m.ageCondition, ageConditionLabel(p.age_condition, locale)],
              [m.driverScope, driverScopeLabel(p.driver_scope, locale)],
              [m.usePurpose, usePurposeLabel(p.use_purpose, locale)],
            ]}
          />
          <h2>{m.sectionGradePremium}</h2>
          <Entries
            rows={[
              [m.grade, gradeLabel(p.grade, locale)],
              [m.accidentYears, accidentYearsLabel(p.accident_coefficient_years, locale)],
              [m.annualPremium, yen(p.annual_premium, locale)],
              [m.paymentMethod, paymentLabel(p.payment_method, locale)],
            ]}
          />
        </>
      ) : (
        <>
          <h2>{m.sectionPremium}</h2>
          <Entries
            rows={[
              [m.annualPremium, yen(p.annual_premium, locale)],
              [m.paymentMethod, paymentLabel(p.payment_method, locale)],
            ]}
          />
        </>
      )}
    </div>
  );
}

function BackToPolicies({ ctx }: { ctx: PageContext }) {
  return (
    <p>
      <a class="button" href={POLICIES_PATH}>
        {mypageMessages.of(ctx.locale).backToPolicies}
      </a>
    </p>
  );
}

export function PolicyDetailsPage({ ctx, policy, status }: { ctx: PageContext; policy: PolicyDetails; status: PolicyStatus }) {
  const m = mypageMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.detailsTitle({ number: policy.policy_number })}>
      <h1>{m.detailsHeading}</h1>
      <p class="policy-status">
        <span class="label">{m.productAndNumber({ product: productLabel(policy.product, ctx.locale), number: policy.policy_number })}</span> <StatusBadge status={status} locale={ctx.locale} />
      </p>
      <PolicyDetailsSections policy={policy} locale={ctx.locale} />
      <p class="hint">{m.detailsHint}</p>
      <BackToPolicies ctx={ctx} />
    </Layout>
  );
}

/** Someone else's policy and a number that does not exist look exactly the same. */
export function OwnPolicyNotFoundPage({ ctx }: { ctx: PageContext }) {
  const m = mypageMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.notFoundTitle}>
      <h1>{m.notFoundTitle}</h1>
      <p>{m.notFoundText}</p>
      <BackToPolicies ctx={ctx} />
    </Layout>
  );
}

export const ADD_POLICY_FIELDS = ['policy_number', 'family_kana', 'given_kana', 'birth_date'] as const;
export type AddPolicyValues = Partial<Record<(typeof ADD_POLICY_FIELDS)[number], string>>;

interface AddPolicyProps {
  ctx: PageContext;
  values: AddPolicyValues;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}

/** 契約中の保険を追加する: another policy of the same person, proofed like registration. */
export function AddPolicyPage({ ctx, values, errors, message }: AddPolicyProps) {
  const m = mypageMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.addTitle}>
      <h1>{m.addTitle}</h1>
      <p>{m.addIntro}</p>
      <p class="hint">{m.addFamilyOnly}</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action="/mypage/policies/add" csrf={ctx.csrf}>
        <TextField name="policy_number" label={m.policyNumber} value={values.policy_number} error={errors?.policy_number} autocomplete="off" maxLength={40} hint={m.addPolicyNumberHint} />
        <fieldset class="name-pair">
          <legend>{m.addKanaLegend}</legend>
          <p class="hint">{m.addKanaHint}</p>
          <TextField name="family_kana" label={m.familyKana} value={values.family_kana} error={errors?.family_kana} maxLength={60} />
          <TextField name="given_kana" label={m.givenKana} value={values.given_kana} error={errors?.given_kana} maxLength={60} />
        </fieldset>
        <TextField name="birth_date" label={m.birthDate} type="date" value={values.birth_date} error={errors?.birth_date} autocomplete="bday" hint={m.addBirthDateHint} />
        <div class="actions">
          <SubmitButton>{m.addSubmit}</SubmitButton>
          <a class="button" href={POLICIES_PATH}>
            {m.back}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function AddPolicyCompletePage({ ctx, policy }: { ctx: PageContext; policy: PolicyDetails }) {
  const m = mypageMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.addCompleteTitle}>
      <h1>{m.addTitle}</h1>
      <p class="lead">{m.addDone}</p>
      <Entries
        rows={[
          [m.policyNumber, policy.policy_number],
          [m.product, productLabel(policy.product, ctx.locale)],
          [m.insurancePeriod, periodOf(ctx.locale, policy.start_date, policy.end_date)],
          [m.vehicleModel, policy.vehicle_model ?? NONE],
          [m.agency, policy.agency_name],
        ]}
      />
      <p>{m.addDoneNext}</p>
      <div class="actions">
        <a class="button primary" href={POLICIES_PATH}>
          {m.toPolicies}
        </a>
        <a class="button" href="/mypage">
          {m.toHome}
        </a>
      </div>
    </Layout>
  );
}
