import type { FieldErrors } from '../../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, TextField } from '../../../platform/ui/form.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { coverageRows, deductibleWords, limitText } from '../coverage.js';
import { renewalPlace, type PlanId } from '../flow.js';
import type { CustomValues } from '../forms.js';
import { LABELS, type AgeCondition, type Coverage, type Quote, type RateTable } from '../../renewal/rating/index.js';
import { formatManYen, planOptions } from '../../renewal/rating/labels.js';
import type { PlanOffer, Renewal } from '../service.js';
import { SelectField } from '../../../platform/ui/form.js';
import { BackLink, RadioGroup, StepPage, signedYen, yen } from './common.js';

export const PLAN_NAMES: Record<PlanId, string> = {
  same: '前年同等プラン',
  recommended: 'おすすめプラン',
  economy: '保険料を抑えたプラン',
  custom: '条件を変更したプラン',
};

const PLAN_LEADS: Record<Exclude<PlanId, 'custom'>, string> = {
  same: '現在のご契約と同じ条件で継続します。',
  recommended: '弁護士費用特約・ロードアシスタンス特約をセットし、人身傷害を5,000万円以上にして補償を充実させます。',
  economy: '車両保険の補償範囲を絞るなどして、保険料を抑えます。',
};

/** The rows where a plan differs from the current contract: [車両保険, 一般型 …, エコノミー型 …]. */
function changes(current: Coverage, plan: Coverage): Array<[string, string, string]> {
  const before = new Map(coverageRows(current));
  return coverageRows(plan)
    .filter(([label, value]) => before.get(label) !== value)
    .map(([label, value]) => [label, before.get(label) ?? '-', value]);
}

/** One short line a phone shows without opening anything: 現在との違い：人身傷害・特約. */
const differenceLine = (diff: Array<[string, string, string]>): string => (diff.length ? `現在との違い：${diff.map(([label]) => label).join('・')}` : '現在との違い：なし（同じ補償内容）');

/** Why 前年同等 costs less (or more) than this year with the same cover: the ノンフリート等級 moves. */
export function gradeReason(renewal: Renewal, premium: number): string | null {
  const { grade } = renewal.facts;
  const next = renewal.next.grade;
  const previous = renewal.policy.annual_premium;
  if (previous === null || next === grade) return null;
  if (next > grade && premium < previous) return `補償内容は同じですが、継続後はノンフリート等級が${grade}等級から${next}等級に上がり割引が大きくなるため、保険料が前年より安くなります。`;
  if (next < grade && premium > previous) return `補償内容は同じですが、継続後はノンフリート等級が${grade}等級から${next}等級に下がるため、保険料が前年より高くなります。`;
  return null;
}

const entries = <T extends string>(labels: Record<T, string>, order = Object.keys(labels) as T[]) => order.map((value) => ({ value, label: labels[value] }));

// Object keys that look like numbers come first in JavaScript: the age conditions need their own order.
const AGE_ORDER: AgeCondition[] = ['all', '21', '26', '35'];

function PlanCard({ ctx, renewal, offer, chosen }: { ctx: PageContext; renewal: Renewal; offer: PlanOffer; chosen: boolean }) {
  const name = PLAN_NAMES[offer.id];
  const diff = changes(renewal.current, offer.coverage);
  const previous = renewal.policy.annual_premium;
  const why = offer.id === 'same' && offer.quote ? gradeReason(renewal, offer.quote.annualPremium) : null;
  return (
    <section class={chosen ? 'plan-card chosen' : 'plan-card'} aria-labelledby={`plan-${offer.id}`}>
      <h3 id={`plan-${offer.id}`}>{name}</h3>
      {chosen ? <p class="badge">選択中</p> : null}
      <p>{PLAN_LEADS[offer.id]}</p>
      {offer.quote ? (
        <p class="plan-premium">
          <span>年間保険料</span> <strong>{yen(offer.quote.annualPremium)}</strong>
          {previous === null ? null : <span class="plan-diff">{`（前年比 ${signedYen(offer.quote.annualPremium - previous)}）`}</span>}
        </p>
      ) : (
        <p class="error">{offer.problems.map((p) => p.message).join(' ')}</p>
      )}
      {why ? <p class="plan-why">{why}</p> : null}
      <p class="plan-difference">{differenceLine(diff)}</p>
      <details>
        <summary>補償内容をすべて見る</summary>
        {diff.length ? (
          <ul class="plan-changes">
            {diff.map(([label, before, after]) => (
              <li>{`${label}：${before} → ${after}`}</li>
            ))}
          </ul>
        ) : null}
        <Entries rows={coverageRows(offer.coverage)} />
      </details>
      {offer.quote ? (
        <PostForm action={renewalPlace(renewal.policy.policy_number, 'plans')} csrf={ctx.csrf}>
          <input type="hidden" name="plan" value={offer.id} />
          <button type="submit" class="button primary">{`${name}で進む`}</button>
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

function Estimate({ quote, previous }: { quote: Quote; previous: number | null }) {
  return (
    <div class="estimate" role="status" id="quote-result">
      <p>
        この条件での年間保険料 <strong>{yen(quote.annualPremium)}</strong>
        {previous === null ? null : `（前年比 ${signedYen(quote.annualPremium - previous)}）`}
      </p>
      <p class="hint">この条件でよろしければ「この条件で進む」を押してください。</p>
    </div>
  );
}

/** 条件を変更して見積もる: every condition; 見積もる shows the premium (no JavaScript needed). */
function CustomForm({ ctx, renewal, rates, values, errors, estimate }: CustomFormProps) {
  const options = planOptions(rates);
  const { min, max, step } = options.vehicleAmountRange;
  const riders = new Set(values.riders ?? []);
  return (
    <section class="custom-plan" aria-labelledby="custom-plan">
      <h3 id="custom-plan">条件を変更して見積もる</h3>
      <p>運転者の条件や補償内容を変更して保険料を見積もることができます。</p>
      <PostForm action={renewalPlace(renewal.policy.policy_number, 'plans')} csrf={ctx.csrf}>
        <input type="hidden" name="plan" value="custom" />
        <ErrorSummary errors={errors} id="quote-result" />
        <RadioGroup name="age_condition" legend="運転者年齢条件" options={entries(LABELS.ageCondition, AGE_ORDER)} value={values.age_condition} error={errors?.age_condition} />
        <RadioGroup name="driver_scope" legend="運転者限定" options={entries(LABELS.driverScope)} value={values.driver_scope} error={errors?.driver_scope} />
        <RadioGroup name="use_purpose" legend="使用目的" options={entries(LABELS.usePurpose)} value={values.use_purpose} error={errors?.use_purpose} />
        <p class="fixed-coverage">対人賠償：無制限</p>
        <SelectField
          name="property_damage"
          label="対物賠償"
          options={options.propertyDamage.map((v) => ({ value: String(v), label: limitText(v) }))}
          value={values.property_damage}
          error={errors?.property_damage}
        />
        <SelectField
          name="personal_injury"
          label="人身傷害"
          options={options.personalInjury.map((v) => ({ value: String(v), label: limitText(v) }))}
          value={values.personal_injury}
          error={errors?.personal_injury}
        />
        <RadioGroup name="vehicle_coverage" legend="車両保険" options={entries(LABELS.vehicleCoverage)} value={values.vehicle_coverage} error={errors?.vehicle_coverage} />
        <TextField
          name="vehicle_amount"
          label="車両保険金額（万円）"
          hint={`${formatManYen(min)}～${formatManYen(max)}、${formatManYen(step)}単位。車両保険「なし」の場合は入力不要です。`}
          value={values.vehicle_amount}
          error={errors?.vehicle_amount}
          inputMode="numeric"
          maxLength={10}
        />
        <SelectField
          name="vehicle_deductible"
          label="免責金額（自己負担額）"
          hint="車両保険「なし」の場合は選択不要です。"
          options={options.vehicleDeductibles.map((d) => ({ value: d, label: deductibleWords(d) }))}
          value={values.vehicle_deductible}
          error={errors?.vehicle_deductible}
        />
        <fieldset id="f-riders" class={errors?.riders ? 'riders has-error' : 'riders'}>
          <legend>特約</legend>
          {errors?.riders ? <p class="error" role="alert">{errors.riders}</p> : null}
          {entries(LABELS.rider).map((r) => (
            <div class="field checkbox">
              <input type="checkbox" id={`f-riders-${r.value}`} name="riders" value={r.value} checked={riders.has(r.value)} />
              <label for={`f-riders-${r.value}`}>{r.label}</label>
            </div>
          ))}
        </fieldset>
        {estimate ? <Estimate quote={estimate} previous={renewal.policy.annual_premium} /> : null}
        <div class="actions">
          {/* The answer opens at the premium (or the problems), not at the top 3,000 px above it. */}
          <button type="submit" class="button" name="action" value="quote" formAction={`${renewalPlace(renewal.policy.policy_number, 'plans')}#quote-result`}>
            見積もる
          </button>
          <button type="submit" class="button primary" name="action" value="choose">
            この条件で進む
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
      <p>継続後のご契約内容をお選びください。保険料は一括払（年払）の金額です。</p>
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
        <BackLink policyNumber={renewal.policy.policy_number} step="contract" label="ご契約内容の確認に戻る" />
      </div>
    </StepPage>
  );
}
