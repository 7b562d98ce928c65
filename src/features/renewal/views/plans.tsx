import type { FieldErrors } from '../../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, TextField } from '../../../platform/ui/form.js';
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { coverageRows, deductibleWords, limitText } from '../coverage.js';
import { renewalPlace, type PlanId } from '../flow.js';
import type { CustomValues } from '../forms.js';
import { contractMessages, planMessages } from '../messages.js';
import { LABELS, amountIn, issueMessage, valueWords, type AgeCondition, type Coverage, type CoverageIssue, type Quote, type RateTable } from '../../renewal/rating/index.js';
import { planOptions } from '../../renewal/rating/labels.js';
import type { PlanOffer, Renewal } from '../service.js';
import { SelectField } from '../../../platform/ui/form.js';
import { BackLink, RadioGroup, StepPage, signedYen, yen } from './common.js';

/** The plan's name in a language. */
export const planName = (plan: PlanId, locale: Locale = 'ja'): string => {
  const m = planMessages.of(locale);
  return { same: m.planSame, recommended: m.planRecommended, economy: m.planEconomy, custom: m.planCustom }[plan];
};

export const PLAN_NAMES: Record<PlanId, string> = { same: planName('same'), recommended: planName('recommended'), economy: planName('economy'), custom: planName('custom') };

const planLead = (plan: Exclude<PlanId, 'custom'>, locale: Locale): string => {
  const m = planMessages.of(locale);
  return { same: m.leadSame, recommended: m.leadRecommended, economy: m.leadEconomy }[plan];
};

/** Why a plan or a quote cannot be had, in the page's language. */
export const issuesText = (issues: CoverageIssue[], locale: Locale): string => issues.map((issue) => issueMessage(issue, locale)).join(' ');

/** The rows where a plan differs from the current contract: [車両保険, 一般型 …, エコノミー型 …]. */
function changes(current: Coverage, plan: Coverage, locale: Locale): Array<[string, string, string]> {
  const before = new Map(coverageRows(current, locale));
  return coverageRows(plan, locale)
    .filter(([label, value]) => before.get(label) !== value)
    .map(([label, value]) => [label, before.get(label) ?? '-', value]);
}

/** One short line a phone shows without opening anything: 現在との違い：人身傷害・特約. */
function differenceLine(diff: Array<[string, string, string]>, locale: Locale): string {
  const m = planMessages.of(locale);
  return diff.length ? m.differences({ list: diff.map(([label]) => label).join(m.differenceSeparator) }) : m.noDifference;
}

/** Why 前年同等 costs less (or more) than this year with the same cover: the ノンフリート等級 moves. */
export function gradeReason(renewal: Renewal, premium: number, locale: Locale = 'ja'): string | null {
  const { grade } = renewal.facts;
  const next = renewal.next.grade;
  const previous = renewal.policy.annual_premium;
  const m = planMessages.of(locale);
  if (previous === null || next === grade) return null;
  if (next > grade && premium < previous) return m.gradeUp({ grade, next });
  if (next < grade && premium > previous) return m.gradeDown({ grade, next });
  return null;
}

const entries = <T extends string>(order: readonly T[], words: (value: T, locale: Locale) => string, locale: Locale) => order.map((value) => ({ value, label: words(value, locale) }));
const keys = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as T[];

// Object keys that look like numbers come first in JavaScript: the age conditions need their own order.
const AGE_ORDER: AgeCondition[] = ['all', '21', '26', '35'];

function PlanCard({ ctx, renewal, offer, chosen }: { ctx: PageContext; renewal: Renewal; offer: PlanOffer; chosen: boolean }) {
  const { locale } = ctx;
  const m = planMessages.of(locale);
  const name = planName(offer.id, locale);
  const diff = changes(renewal.current, offer.coverage, locale);
  const previous = renewal.policy.annual_premium;
  const why = offer.id === 'same' && offer.quote ? gradeReason(renewal, offer.quote.annualPremium, locale) : null;
  return (
    <section class={chosen ? 'plan-card chosen' : 'plan-card'} aria-labelledby={`plan-${offer.id}`}>
      <h3 id={`plan-${offer.id}`}>{name}</h3>
      {chosen ? <p class="badge">{m.chosen}</p> : null}
      <p>{planLead(offer.id, locale)}</p>
      {offer.quote ? (
        <p class="plan-premium">
          <span>{m.annualPremium}</span> <strong>{yen(offer.quote.annualPremium, locale)}</strong>
          {previous === null ? null : <span class="plan-diff">{m.diffFromLastYear({ diff: signedYen(offer.quote.annualPremium - previous, locale) })}</span>}
        </p>
      ) : (
        <p class="error">{issuesText(offer.problems, locale)}</p>
      )}
      {why ? <p class="plan-why">{why}</p> : null}
      <p class="plan-difference">{differenceLine(diff, locale)}</p>
      <details>
        <summary>{m.seeAll}</summary>
        {diff.length ? (
          <ul class="plan-changes">
            {diff.map(([label, before, after]) => (
              <li>{m.change({ label, before, after })}</li>
            ))}
          </ul>
        ) : null}
        <Entries rows={coverageRows(offer.coverage, locale)} />
      </details>
      {offer.quote ? (
        <PostForm action={renewalPlace(renewal.ref, 'plans')} csrf={ctx.csrf}>
          <input type="hidden" name="plan" value={offer.id} />
          <button type="submit" class="button primary">{m.goWith({ name })}</button>
        </PostForm>
      ) : null}
    </section>
  );
}

interface CustomFormProps {
  ctx: PageContext;
  renewal: Renewal;
  rates: RateTable;
  values: CustomValues;
  errors?: FieldErrors | undefined;
  estimate?: Quote | undefined;
}

function Estimate({ quote, previous, locale }: { quote: Quote; previous: number | null; locale: Locale }) {
  const m = planMessages.of(locale);
  return (
    <div class="estimate" role="status" id="quote-result">
      <p>
        {m.estimate} <strong>{yen(quote.annualPremium, locale)}</strong>
        {previous === null ? null : m.diffFromLastYear({ diff: signedYen(quote.annualPremium - previous, locale) })}
      </p>
      <p class="hint">{m.estimateHint}</p>
    </div>
  );
}

/** 条件を変更して見積もる: every condition; 見積もる shows the premium (no JavaScript needed). */
function CustomForm({ ctx, renewal, rates, values, errors, estimate }: CustomFormProps) {
  const options = planOptions(rates);
  const { min, max, step } = options.vehicleAmountRange;
  const riders = new Set(values.riders ?? []);
  const { locale } = ctx;
  const m = planMessages.of(locale);
  return (
    <section class="custom-plan" aria-labelledby="custom-plan">
      <h3 id="custom-plan">{m.customHeading}</h3>
      <p>{m.customLead}</p>
      <PostForm action={renewalPlace(renewal.ref, 'plans')} csrf={ctx.csrf}>
        <input type="hidden" name="plan" value="custom" />
        <ErrorSummary errors={errors} id="quote-result" />
        <RadioGroup name="age_condition" legend={m.rowAge} options={entries(AGE_ORDER, valueWords.ageCondition, locale)} value={values.age_condition} error={errors?.age_condition} />
        <RadioGroup name="driver_scope" legend={m.rowScope} options={entries(keys(LABELS.driverScope), valueWords.driverScope, locale)} value={values.driver_scope} error={errors?.driver_scope} />
        <RadioGroup name="use_purpose" legend={m.rowUse} options={entries(keys(LABELS.usePurpose), valueWords.usePurpose, locale)} value={values.use_purpose} error={errors?.use_purpose} />
        <p class="fixed-coverage">{m.fixedBodily}</p>
        <SelectField
          name="property_damage"
          label={m.rowProperty}
          options={options.propertyDamage.map((v) => ({ value: String(v), label: limitText(v, locale) }))}
          value={values.property_damage}
          error={errors?.property_damage}
        />
        <SelectField
          name="personal_injury"
          label={m.rowPersonal}
          options={options.personalInjury.map((v) => ({ value: String(v), label: limitText(v, locale) }))}
          value={values.personal_injury}
          error={errors?.personal_injury}
        />
        <RadioGroup name="vehicle_coverage" legend={m.rowVehicle} options={entries(keys(LABELS.vehicleCoverage), valueWords.vehicleCoverage, locale)} value={values.vehicle_coverage} error={errors?.vehicle_coverage} />
        <TextField
          name="vehicle_amount"
          label={m.vehicleAmount}
          hint={m.vehicleAmountHint({ min: amountIn(min, locale), max: amountIn(max, locale), step: amountIn(step, locale) })}
          value={values.vehicle_amount}
          error={errors?.vehicle_amount}
          inputMode="numeric"
          maxLength={10}
        />
        <SelectField
          name="vehicle_deductible"
          label={m.deductible}
          hint={m.deductibleHint}
          options={options.vehicleDeductibles.map((d) => ({ value: d, label: deductibleWords(d, locale) }))}
          value={values.vehicle_deductible}
          error={errors?.vehicle_deductible}
        />
        <fieldset id="f-riders" class={errors?.riders ? 'riders has-error' : 'riders'}>
          <legend>{m.rowRiders}</legend>
          {errors?.riders ? <p class="error" role="alert">{errors.riders}</p> : null}
          {entries(keys(LABELS.rider), valueWords.rider, locale).map((r) => (
            <div class="field checkbox">
              <input type="checkbox" id={`f-riders-${r.value}`} name="riders" value={r.value} checked={riders.has(r.value)} />
              <label for={`f-riders-${r.value}`}>{r.label}</label>
            </div>
          ))}
        </fieldset>
        {estimate ? <Estimate quote={estimate} previous={renewal.policy.annual_premium} locale={locale} /> : null}
        <div class="actions">
          {/* The answer opens at the premium (or the problems), not at the top 3,000 px above it. */}
          <button type="submit" class="button" name="action" value="quote" formAction={`${renewalPlace(renewal.ref, 'plans')}#quote-result`}>
            {m.quote}
          </button>
          <button type="submit" class="button primary" name="action" value="choose">
            {m.goCustom}
          </button>
        </div>
      </PostForm>
    </section>
  );
}

interface PlansPageProps extends CustomFormProps {
  offers: PlanOffer[];
  chosen: PlanId | undefined;
  /** Why a plan button's answer was refused (an unknown plan, a plan that cannot be chosen). */
  planError?: string | undefined;
}

/** STEP 2 継続内容の選択: three plans side by side with their premiums, and 条件を変更して見積もる. */
export function PlansPage(props: PlansPageProps) {
  const { ctx, renewal, offers, chosen, planError } = props;
  return (
    <StepPage ctx={ctx} step="plans" policyNumber={renewal.policy.policy_number}>
      <p>{planMessages.of(ctx.locale).lead}</p>
      {planError ? (
        <p class="error-summary" role="alert">
          {planError}
        </p>
      ) : null}
      <div class="plan-cards">
        {offers.map((offer) => (
          <PlanCard ctx={ctx} renewal={renewal} offer={offer} chosen={chosen === offer.id} />
        ))}
      </div>
      <CustomForm {...props} />
      <div class="actions">
        <BackLink policyRef={renewal.ref} step="contract" label={contractMessages.of(ctx.locale).backToContract} />
      </div>
    </StepPage>
  );
}
