import { PostForm, SubmitButton } from '../../../platform/ui/form.js';
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { renewalPlace, type PlanId } from '../flow.js';
import { premiumMessages, renewalMessages } from '../messages.js';
import { breakdownLine, type BreakdownLine, type Quote } from '../../renewal/rating/index.js';
import type { Renewal } from '../service.js';
import { BackLink, StepPage, signedYen, yen } from './common.js';
import { planName } from './plans.js';

/** A breakdown line's value: ×0.4900 for a factor, yen otherwise. */
export function breakdownValue(line: BreakdownLine, locale: Locale = 'ja'): string {
  if (line.kind === 'factor') return `×${line.value.toFixed(4)}`;
  if (line.kind === 'addition') return `+${yen(line.value, locale)}`;
  return line.kind === 'rounding' ? `${line.value === 0 ? '' : '−'}${yen(Math.abs(line.value), locale)}` : yen(line.value, locale);
}

/** The breakdown in a language: worded from the engine's codes, or as stored (Japanese) for a quote from before they were kept. */
export const breakdownIn = (quote: Quote, locale: Locale): BreakdownLine[] =>
  quote.lines && quote.lines.length === quote.breakdown.length ? quote.lines.map((line) => breakdownLine(line, locale)) : quote.breakdown;

export function BreakdownTable({ quote, locale }: { quote: Quote; locale: Locale }) {
  const m = premiumMessages.of(locale);
  return (
    <table class="breakdown">
      <caption>{m.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.item}</th>
          <th scope="col">{m.factor}</th>
        </tr>
      </thead>
      <tbody>
        {breakdownIn(quote, locale).map((line) => (
          <tr>
            <th scope="row">
              {line.label}
              {line.note ? <span class="hint">{` ${line.note}`}</span> : null}
            </th>
            <td>{breakdownValue(line, locale)}</td>
          </tr>
        ))}
        <tr class="total">
          <th scope="row">{m.annualPremium}</th>
          <td>{yen(quote.annualPremium, locale)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** 月払 月額 5,250円（年間 63,000円）. */
export const monthlyWords = (quote: Quote, locale: Locale = 'ja'): string =>
  quote.monthlyPremium === null ? '' : premiumMessages.of(locale).monthly({ instalment: yen(quote.monthlyPremium, locale), total: yen(quote.totalPayable, locale) });

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
  const { locale } = ctx;
  const m = premiumMessages.of(locale);
  const n = policy.policy_number;
  const previous = policy.annual_premium;
  return (
    <StepPage ctx={ctx} step="premium" policyNumber={n}>
      <p>{m.lead({ plan: planName(plan, locale) })}</p>
      <dl class="entries premium-summary">
        <div class="entry">
          <dt>{m.newAnnual}</dt>
          <dd class="premium">{yen(quote.annualPremium, locale)}</dd>
        </div>
        {quote.monthlyPremium === null ? null : (
          <div class="entry">
            <dt>{m.ifMonthly}</dt>
            <dd>{monthlyWords(quote, locale)}</dd>
          </div>
        )}
        {previous === null ? null : (
          <div class="entry">
            <dt>{m.currentAnnual}</dt>
            <dd>{yen(previous, locale)}</dd>
          </div>
        )}
        {previous === null ? null : (
          <div class="entry">
            <dt>{m.difference}</dt>
            <dd>{signedYen(quote.annualPremium - previous, locale)}</dd>
          </div>
        )}
        <div class="entry">
          <dt>{m.nextGrade}</dt>
          <dd>{m.nextGradeValue({ next: next.grade, now: facts.grade })}</dd>
        </div>
        <div class="entry">
          <dt>{m.nextYears}</dt>
          <dd>{m.nextYearsValue({ next: next.accidentCoefficientYears, now: facts.accidentCoefficientYears })}</dd>
        </div>
      </dl>
      {quote.monthlyPremium === null && monthly?.monthlyPremium ? <p class="hint">{m.monthlyHint({ monthly: monthlyWords(monthly, locale) })}</p> : null}
      <details class="breakdown-details">
        <summary>{m.seeBreakdown}</summary>
        <BreakdownTable quote={quote} locale={locale} />
        <p class="hint">{m.breakdownHint}</p>
      </details>
      <PostForm action={renewalPlace(renewal.ref, 'premium')} csrf={ctx.csrf}>
        <div class="actions">
          <SubmitButton>{renewalMessages.of(locale).next}</SubmitButton>
          <BackLink policyRef={renewal.ref} step="plans" label={m.backToPlans} />
        </div>
      </PostForm>
    </StepPage>
  );
}
