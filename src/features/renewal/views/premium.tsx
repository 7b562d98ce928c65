import { PostForm, SubmitButton } from '../../../platform/ui/form.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { renewalPlace, type PlanId } from '../flow.js';
import type { BreakdownLine, Quote } from '../../renewal/rating/index.js';
import type { Renewal } from '../service.js';
import { BackLink, StepPage, signedYen, yen } from './common.js';
import { PLAN_NAMES } from './plans.js';

/** A breakdown line's value: ×0.4900 for a factor, yen otherwise. */
export function breakdownValue(line: BreakdownLine): string {
  if (line.kind === 'factor') return `×${line.value.toFixed(4)}`;
  if (line.kind === 'addition') return `+${yen(line.value)}`;
  return line.kind === 'rounding' ? `${line.value === 0 ? '' : '−'}${yen(Math.abs(line.value))}` : yen(line.value);
}

export function BreakdownTable({ quote }: { quote: Quote }) {
  return (
    <table class="breakdown">
      <caption>保険料の内訳（計算の順序）</caption>
      <thead>
        <tr>
          <th scope="col">項目</th>
          <th scope="col">係数・金額</th>
        </tr>
      </thead>
      <tbody>
        {quote.breakdown.map((line) => (
          <tr>
            <th scope="row">
              {line.label}
              {line.note ? <span class="hint">{` ${line.note}`}</span> : null}
            </th>
            <td>{breakdownValue(line)}</td>
          </tr>
        ))}
        <tr class="total">
          <th scope="row">年間保険料</th>
          <td>{yen(quote.annualPremium)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** 月払 月額 5,250円（年間 63,000円）. */
export const monthlyWords = (quote: Quote): string => (quote.monthlyPremium === null ? '' : `月額 ${yen(quote.monthlyPremium)}（12回・年間 ${yen(quote.totalPayable)}）`);

interface PremiumPageProps {
  ctx: PageContext;
  renewal: Renewal;
  plan: PlanId;
  quote: Quote;
  /** The same coverage paid monthly, shown for comparison while the quote is annual. */
  monthly: Quote | null;
}

/** STEP 3 保険料の確認: the new premium, its breakdown, the next grade and the difference from this year. */
export function PremiumPage({ ctx, renewal, plan, quote, monthly }: PremiumPageProps) {
  const { policy, next, facts } = renewal;
  const n = policy.policy_number;
  const previous = policy.annual_premium;
  return (
    <StepPage ctx={ctx} step="premium" policyNumber={n}>
      <p>{`お選びいただいた「${PLAN_NAMES[plan]}」の保険料です。`}</p>
      <dl class="entries premium-summary">
        <div class="entry">
          <dt>継続後の年間保険料</dt>
          <dd class="premium">{yen(quote.annualPremium)}</dd>
        </div>
        {quote.monthlyPremium === null ? null : (
          <div class="entry">
            <dt>月払の場合</dt>
            <dd>{monthlyWords(quote)}</dd>
          </div>
        )}
        {previous === null ? null : (
          <div class="entry">
            <dt>現在の年間保険料</dt>
            <dd>{yen(previous)}</dd>
          </div>
        )}
        {previous === null ? null : (
          <div class="entry">
            <dt>前年との差額</dt>
            <dd>{signedYen(quote.annualPremium - previous)}</dd>
          </div>
        )}
        <div class="entry">
          <dt>継続後のノンフリート等級</dt>
          <dd>{`${next.grade}等級（現在 ${facts.grade}等級）`}</dd>
        </div>
        <div class="entry">
          <dt>継続後の事故有係数適用期間</dt>
          <dd>{`${next.accidentCoefficientYears}年（現在 ${facts.accidentCoefficientYears}年）`}</dd>
        </div>
      </dl>
      {quote.monthlyPremium === null && monthly?.monthlyPremium ? (
        <p class="hint">{`月払をお選びいただく場合は${monthlyWords(monthly)}です（お支払方法は後の画面でお選びいただけます）。`}</p>
      ) : null}
      <details class="breakdown-details">
        <summary>計算の内訳を見る</summary>
        <BreakdownTable quote={quote} />
        <p class="hint">保険料は基本保険料に各係数を順に掛け、特約の保険料を加えて、10円未満を切り捨てて算出しています。</p>
      </details>
      <PostForm action={renewalPlace(n, 'premium')} csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>次へ</SubmitButton>
          <BackLink policyNumber={n} step="plans" label="継続内容の選択に戻る" />
        </div>
      </PostForm>
    </StepPage>
  );
}
