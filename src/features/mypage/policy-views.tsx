import { formatDateJa } from '../../platform/clock.js';
import type { FieldErrors } from '../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, SubmitButton, TextField } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { NONE, accidentYearsLabel, ageConditionLabel, coverageAmountLabel, deductibleLabel, driverScopeLabel, gradeLabel, manYen, paymentLabel, productLabel, ridersLabel, usePurposeLabel, vehicleClassLabel, vehicleCoverageLabel, yen } from '../policies/labels.js';
import type { PolicyDetails } from '../policies/policy-query.js';
import { policyStatusLabel, type PolicyStatus } from './policy-status.js';

const BACK_TO_POLICIES = { href: '/mypage/policies', label: '「契約内容の確認」へ戻る' };

export function StatusBadge({ status }: { status: PolicyStatus }) {
  return <strong class={`badge status-${status.kind}`}>{policyStatusLabel(status)}</strong>;
}

const contactAddress = (p: PolicyDetails) => [p.postal_code ? `〒${p.postal_code}` : '', p.address ?? ''].filter(Boolean).join(' ') || NONE;

function vehicleAmount(p: PolicyDetails): string {
  if (p.vehicle_coverage === null || p.vehicle_coverage === 'none') return NONE;
  return p.vehicle_amount === null ? NONE : manYen(p.vehicle_amount);
}

/** What the policy holds, in sections (also fit for the renewal's ご契約内容の確認). */
export function PolicyDetailsSections({ policy: p }: { policy: PolicyDetails }) {
  const auto = p.product === 'auto';
  const hasVehicleCoverage = p.vehicle_coverage !== null && p.vehicle_coverage !== 'none';
  return (
    <div class="policy-details">
      <h2>ご契約の概要</h2>
      <Entries
        rows={[
          ['証券番号', p.policy_number],
          ['種目', productLabel(p.product)],
          ['保険期間', `${formatDateJa(p.start_date)}～${formatDateJa(p.end_date)}`],
          ['取扱代理店', p.agency_name],
        ]}
      />
      <h2>ご契約者</h2>
      <Entries
        rows={[
          ['契約者氏名', `${p.holder_family_name} ${p.holder_given_name}`],
          ['契約者氏名カナ', `${p.holder_family_kana} ${p.holder_given_kana}`],
          ['住所', contactAddress(p)],
          ['電話番号', p.phone ?? NONE],
        ]}
      />
      {auto ? (
        <>
          <h2>ご契約のお車</h2>
          <Entries
            rows={[
              ['車名', p.vehicle_model ?? NONE],
              ['登録番号', p.vehicle_registration ?? NONE],
              ['用途車種', vehicleClassLabel(p.vehicle_class)],
            ]}
          />
          <h2>補償内容</h2>
          <Entries
            rows={[
              ['対人賠償', coverageAmountLabel(p.bodily_injury)],
              ['対物賠償', coverageAmountLabel(p.property_damage)],
              ['人身傷害', coverageAmountLabel(p.personal_injury)],
              ['車両保険', vehicleCoverageLabel(p.vehicle_coverage)],
              ['車両保険金額', vehicleAmount(p)],
              ['免責金額', hasVehicleCoverage ? deductibleLabel(p.vehicle_deductible) : NONE],
              ['特約', ridersLabel(p.riders)],
            ]}
          />
          <h2>運転者・使用目的</h2>
          <Entries
            rows={[
              ['運転者年齢条件', ageConditionLabel(p.age_condition)],
              ['運転者限定', driverScopeLabel(p.driver_scope)],
              ['使用目的', usePurposeLabel(p.use_purpose)],
            ]}
          />
          <h2>等級・保険料</h2>
          <Entries
            rows={[
              ['ノンフリート等級', gradeLabel(p.grade)],
              ['事故有係数適用期間', accidentYearsLabel(p.accident_coefficient_years)],
              ['年間保険料', yen(p.annual_premium)],
              ['払込方法', paymentLabel(p.payment_method)],
            ]}
          />
        </>
      ) : (
        <>
          <h2>保険料</h2>
          <Entries
            rows={[
              ['年間保険料', yen(p.annual_premium)],
              ['払込方法', paymentLabel(p.payment_method)],
            ]}
          />
        </>
      )}
    </div>
  );
}

export function PolicyDetailsPage({ ctx, policy, status }: { ctx: PageContext; policy: PolicyDetails; status: PolicyStatus }) {
  return (
    <Layout ctx={ctx} title={`契約内容の確認 証券番号 ${policy.policy_number}`}>
      <h1>契約内容の確認</h1>
      <p class="policy-status">
        <span class="label">{`${productLabel(policy.product)} 証券番号 ${policy.policy_number}`}</span> <StatusBadge status={status} />
      </p>
      <PolicyDetailsSections policy={policy} />
      <p class="hint">
        保険会社がお預かりしているご契約情報を表示しています。ご住所などの変更をお申し出いただいた場合、表示に反映されるまでお時間がかかります。補償内容の詳細は、保険証券またはご契約の取扱代理店にてご確認ください。
      </p>
      <p>
        <a class="button" href={BACK_TO_POLICIES.href}>
          {BACK_TO_POLICIES.label}
        </a>
      </p>
    </Layout>
  );
}

/** Someone else's policy and a number that does not exist look exactly the same. */
export function OwnPolicyNotFoundPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="ご契約が見つかりません">
      <h1>ご契約が見つかりません</h1>
      <p>指定されたご契約は見つかりませんでした。「契約内容の確認」から、ご確認いただくご契約をお選びください。</p>
      <p>
        <a class="button" href={BACK_TO_POLICIES.href}>
          {BACK_TO_POLICIES.label}
        </a>
      </p>
    </Layout>
  );
}

export const ADD_POLICY_FIELDS = ['policy_number', 'family_kana', 'given_kana', 'birth_date'] as const;
export type AddPolicyValues = Partial<Record<(typeof ADD_POLICY_FIELDS)[number], string>>;

const ADD_TITLE = '契約中の保険を追加する';

interface AddPolicyProps {
  ctx: PageContext;
  values: AddPolicyValues;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}

/** 契約中の保険を追加する: another policy of the same person, proofed like registration. */
export function AddPolicyPage({ ctx, values, errors, message }: AddPolicyProps) {
  return (
    <Layout ctx={ctx} title={ADD_TITLE}>
      <h1>{ADD_TITLE}</h1>
      <p>お客さまWebサービスに表示されていない、お客さまご本人がご契約者のご契約を追加できます。保険証券をお手元にご用意のうえ、ご入力ください。</p>
      <p class="hint">ご家族など、ご契約者がお客さまご本人ではないご契約は追加できません。</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action="/mypage/policies/add" csrf={ctx.csrf}>
        <TextField name="policy_number" label="証券番号" value={values.policy_number} error={errors?.policy_number} autocomplete="off" maxLength={40} hint="保険証券に記載の証券番号（例：C123456789）" />
        <fieldset class="name-pair">
          <legend>契約者氏名カナ</legend>
          <p class="hint">カタカナまたはひらがなでご入力ください。</p>
          <TextField name="family_kana" label="セイ" value={values.family_kana} error={errors?.family_kana} maxLength={60} />
          <TextField name="given_kana" label="メイ" value={values.given_kana} error={errors?.given_kana} maxLength={60} />
        </fieldset>
        <TextField name="birth_date" label="生年月日" type="date" value={values.birth_date} error={errors?.birth_date} autocomplete="bday" hint="ご契約者の生年月日（例：1975-01-01）" />
        <div class="actions">
          <SubmitButton>追加する</SubmitButton>
          <a class="button" href={BACK_TO_POLICIES.href}>
            戻る
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function AddPolicyCompletePage({ ctx, policy }: { ctx: PageContext; policy: PolicyDetails }) {
  return (
    <Layout ctx={ctx} title={`${ADD_TITLE} 完了`}>
      <h1>{ADD_TITLE}</h1>
      <p class="lead">ご契約を追加しました。</p>
      <Entries
        rows={[
          ['証券番号', policy.policy_number],
          ['種目', productLabel(policy.product)],
          ['保険期間', `${formatDateJa(policy.start_date)}～${formatDateJa(policy.end_date)}`],
          ['車名', policy.vehicle_model ?? NONE],
          ['取扱代理店', policy.agency_name],
        ]}
      />
      <p>追加したご契約は、「契約内容の確認」「契約の継続手続」に表示されます。</p>
      <div class="actions">
        <a class="button primary" href={BACK_TO_POLICIES.href}>
          「契約内容の確認」へ
        </a>
        <a class="button" href="/mypage">
          ホームへ
        </a>
      </div>
    </Layout>
  );
}
