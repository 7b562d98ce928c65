import { formatDateJa } from '../../../platform/clock.js';
import { NoBreakNumbers } from '../../../platform/ui/no-break.js';
import type { FieldErrors } from '../../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, SubmitButton } from '../../../platform/ui/form.js';
import { Layout } from '../../../platform/ui/layout.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { coverageRows } from '../coverage.js';
import { renewalPlace, type RenewalState } from '../flow.js';
import { LABELS } from '../../renewal/rating/index.js';
import type { Renewal } from '../service.js';
import { AgencyAndDesk, BackToRenewals, RadioGroup, StepPage, TITLE, yen } from './common.js';

const PAYMENT_WORDS: Record<string, string> = { bank: '口座振替', card: 'クレジットカード払', convenience: 'コンビニ払い' };
export const paymentWords = (method: string | null): string => (method ? (PAYMENT_WORDS[method] ?? method) : '-');

const dash = (text: string | null | undefined): string => (text ? text : '-');

/** The current contract as step 1 shows it (and 契約内容の確認 may reuse): holder, car, coverage, grade, premium. */
export function ContractDetails({ renewal }: { renewal: Renewal }) {
  const { policy, current, facts } = renewal;
  return (
    <div class="contract-details">
      <h3>ご契約者</h3>
      <Entries
        rows={[
          ['氏名', `${policy.holder_family_name} ${policy.holder_given_name} 様`],
          ['ご住所', policy.address ? `${policy.postal_code ? `〒${policy.postal_code} ` : ''}${policy.address}` : '-'],
        ]}
      />
      <h3>ご契約のお車</h3>
      <Entries rows={[['車名', dash(policy.vehicle_model)], ['登録番号', dash(policy.vehicle_registration)], ['用途車種', LABELS.vehicleClass[facts.vehicleClass]]]} />
      <h3>補償内容</h3>
      <Entries rows={coverageRows(current)} />
      <h3>ご契約条件</h3>
      <Entries
        rows={[
          ['保険期間', `${formatDateJa(policy.start_date)}～${formatDateJa(policy.end_date)}`],
          ['ノンフリート等級', `${facts.grade}等級`],
          ['事故有係数適用期間', `${facts.accidentCoefficientYears}年`],
          ['年間保険料', policy.annual_premium === null ? '-' : yen(policy.annual_premium)],
          ['払込方法', paymentWords(policy.payment_method)],
          ['取扱代理店', policy.agency_name],
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
function ResumeNotice({ renewal }: { renewal: Renewal }) {
  const state: RenewalState | undefined = renewal.flow?.state;
  if (!state || state === 'plans') return renewal.lapsed ? <p class="notice">前回のお手続きは有効期限が切れたため、最初からお手続きください。</p> : null;
  return (
    <div class="notice resume">
      <p>途中まで進めたお手続きがあります。内容を確認のうえ「次へ」を押すか、続きからお進みください。</p>
      <p>
        <a href={renewalPlace(renewal.policy.policy_number, state)}>前回の続きから再開する</a>
      </p>
    </div>
  );
}

/** STEP 1 ご契約内容の確認: the current contract and the two questions, unanswered at first. */
export function ContractPage({ ctx, renewal, values, errors }: ContractPageProps) {
  const n = renewal.policy.policy_number;
  return (
    <StepPage ctx={ctx} step="contract" policyNumber={n}>
      <ResumeNotice renewal={renewal} />
      <p>
        <NoBreakNumbers text={`現在のご契約内容をご確認ください。継続後の保険期間は${formatDateJa(renewal.termStart)}から${formatDateJa(renewal.termEnd)}までの1年間です。`} />
      </p>
      <ContractDetails renewal={renewal} />
      <PostForm action={renewalPlace(n, 'contract')} csrf={ctx.csrf}>
        <ErrorSummary errors={errors} />
        <RadioGroup
          name="vehicle_changed"
          legend="お車の入替えはありませんか"
          hint="ご契約のお車（上記の車名・登録番号）を買い替えた場合などは「いいえ」をお選びください。"
          options={[
            { value: 'yes', label: 'はい（入替えはありません）' },
            { value: 'no', label: 'いいえ（入替えがあります）' },
          ]}
          value={values.vehicle_changed}
          error={errors?.vehicle_changed}
        />
        <RadioGroup
          name="insured_changed"
          legend="記名被保険者の変更はありませんか"
          hint="お車を主に運転される方（記名被保険者）が変わる場合は「いいえ」をお選びください。"
          options={[
            { value: 'yes', label: 'はい（変更はありません）' },
            { value: 'no', label: 'いいえ（変更があります）' },
          ]}
          value={values.insured_changed}
          error={errors?.insured_changed}
        />
        <div class="actions">
          <SubmitButton>次へ</SubmitButton>
        </div>
      </PostForm>
      <BackToRenewals />
    </StepPage>
  );
}

/** A change of car or insured person cannot be renewed online: the agency or the desk takes it. */
export function NotPossiblePage({ ctx, renewal, vehicle, insured }: { ctx: PageContext; renewal: Renewal; vehicle: boolean; insured: boolean }) {
  const what = [vehicle ? 'お車の入替え' : '', insured ? '記名被保険者の変更' : ''].filter(Boolean).join('・');
  return (
    <Layout ctx={ctx} title={`インターネットでの継続手続はできません（${TITLE}）`}>
      <h1>{TITLE}</h1>
      <h2>インターネットでの継続手続はできません</h2>
      <p class="notice">{`${what}がある場合は、インターネットでの継続手続はお受けできません。`}</p>
      <p>{`お手数ですが、満期日の前日（${formatDateJa(renewal.window.closesOn)}）までに、取扱代理店または${ctx.brand.deskName}へご連絡ください。継続のお手続きをご案内します。`}</p>
      <AgencyAndDesk ctx={ctx} policy={renewal.policy} />
      <div class="actions">
        <a class="button" href={renewalPlace(renewal.policy.policy_number, 'contract')}>
          ご契約内容の確認に戻る
        </a>
        <a class="button" href="/mypage/renewals">
          「契約の継続手続」へ戻る
        </a>
      </div>
    </Layout>
  );
}
