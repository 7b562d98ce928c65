import type { ComponentChildren } from 'preact';
import { formatDateJa, formatDateTimeJa } from '../../../platform/clock.js';
import { Entries, PostForm, SubmitButton } from '../../../platform/ui/form.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { coverageRows } from '../coverage.js';
import { renewalPlace, type RenewalData, type RenewalStep } from '../flow.js';
import { CONFIRMATIONS } from '../forms.js';
import type { Renewal } from '../service.js';
import { HiddenRevision, StepPage, yen } from './common.js';
import { paymentWords } from './contract.js';
import { PLAN_NAMES } from './plans.js';
import { monthlyWords } from './premium.js';

function Part({ title, policyNumber, step, children }: { title: string; policyNumber: string; step: RenewalStep; children: ComponentChildren }) {
  return (
    <section class="review-part" aria-label={title}>
      <div class="review-part-head">
        <h3>{title}</h3>
        <a href={renewalPlace(policyNumber, step)}>
          変更する<span class="visually-hidden">{`（${title}）`}</span>
        </a>
      </div>
      {children}
    </section>
  );
}

/** Everything of the application as label/value parts; the review page and its tests read the same rows. */
export function reviewRows(renewal: Renewal, data: Required<Pick<RenewalData, 'plan' | 'coverage' | 'quote' | 'payment' | 'confirmations'>>) {
  const { policy, next } = renewal;
  const { quote, payment } = data;
  return {
    contract: [
      ['お車の入替え', 'ありません'],
      ['記名被保険者の変更', 'ありません'],
      ['車名', policy.vehicle_model ?? '-'],
      ['登録番号', policy.vehicle_registration ?? '-'],
    ] as Array<[string, string]>,
    coverage: [['プラン', PLAN_NAMES[data.plan]], ['保険期間', `${formatDateJa(renewal.termStart)}～${formatDateJa(renewal.termEnd)}`], ...coverageRows(data.coverage)] as Array<[string, string]>,
    premium: [
      ['年間保険料', yen(quote.annualPremium)],
      ...(quote.monthlyPremium === null ? [] : [['月払', monthlyWords(quote)]]),
      ['ノンフリート等級', `${next.grade}等級`],
      ['事故有係数適用期間', `${next.accidentCoefficientYears}年`],
    ] as Array<[string, string]>,
    confirmations: CONFIRMATIONS.map((c) => {
      const at = data.confirmations.find((given) => given.key === c.key)?.at;
      return [c.label, at ? `確認済み（${formatDateTimeJa(new Date(at))}）` : '未確認'];
    }) as Array<[string, string]>,
    payment: [
      ['お支払方法', `${paymentWords(payment.method)}${payment.changed ? '（変更）' : '（現在のまま）'}`],
      ['お支払回数', payment.frequency === 'monthly' ? '月払' : '年払（一括払）'],
    ] as Array<[string, string]>,
  };
}

/** STEP 6 お申込内容の確認: every part with its 変更する link, then 申し込む. */
export function ReviewPage({ ctx, renewal, notice }: { ctx: PageContext; renewal: Renewal; notice?: string | undefined }) {
  const n = renewal.policy.policy_number;
  const data = renewal.flow?.data;
  if (!data?.plan || !data.coverage || !data.quote || !data.payment || !data.confirmations) throw new Error('review without a complete flow');
  const rows = reviewRows(renewal, { plan: data.plan, coverage: data.coverage, quote: data.quote, payment: data.payment, confirmations: data.confirmations });
  return (
    <StepPage ctx={ctx} step="review" policyNumber={n}>
      {notice ? <p class="notice">{notice}</p> : null}
      <p>お申込内容をご確認ください。よろしければ「申し込む」を押してください。</p>
      <Part title="ご契約内容の確認" policyNumber={n} step="contract">
        <Entries rows={rows.contract} />
      </Part>
      <Part title="継続内容" policyNumber={n} step="plans">
        <Entries rows={rows.coverage} />
      </Part>
      <Part title="保険料" policyNumber={n} step="premium">
        <Entries rows={rows.premium} />
      </Part>
      <Part title="重要事項説明・意向確認" policyNumber={n} step="matters">
        <Entries rows={rows.confirmations} />
      </Part>
      <Part title="お支払方法" policyNumber={n} step="payment">
        <Entries rows={rows.payment} />
      </Part>
      <p>{`取扱代理店：${renewal.policy.agency_name}`}</p>
      <PostForm action={renewalPlace(n, 'review')} csrf={ctx.csrf}>
        <HiddenRevision revision={data.revision} />
        <div class="actions">
          <SubmitButton>申し込む</SubmitButton>
        </div>
      </PostForm>
    </StepPage>
  );
}
