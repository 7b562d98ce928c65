import type { ComponentChildren } from 'preact';
import { StepIndicator } from '../../../platform/ui/form.js';
import { formatDate, formatYen } from '../../../platform/ui/i18n/format.js';
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import { Layout } from '../../../platform/ui/layout.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { renewalPlace, renewalSteps, stepNumber, type RenewalClosedReason, type RenewalStep } from '../flow.js';
import { renewalMessages } from '../messages.js';
import type { RenewalPolicy } from '../repository.js';

export const TITLE = renewalMessages.of('ja').title;

/** 58,200円 / ¥58,200 */
export const yen = (amount: number, locale: Locale = 'ja'): string => formatYen(locale, amount);

/** +1,200円 / −800円 / ±0円 (English: +¥1,200 / −¥800 / ±¥0) */
export const signedYen = (amount: number, locale: Locale = 'ja'): string =>
  `${amount === 0 ? '±' : amount > 0 ? '+' : '−'}${formatYen(locale, Math.abs(amount))}`;

/** Every step's page: the heading, the policy number, the step indicator and the step's own heading. */
export function StepPage({ ctx, step, policyNumber, children }: { ctx: PageContext; step: RenewalStep; policyNumber: string; children: ComponentChildren }) {
  const m = renewalMessages.of(ctx.locale);
  const steps = renewalSteps(ctx.locale);
  const number = stepNumber(step);
  const name = steps[number - 1] as string;
  return (
    <Layout ctx={ctx} title={m.stepTitle({ step: name, title: m.title })}>
      <h1>{m.title}</h1>
      <p class="renewal-policy">{m.policyLine({ n: policyNumber })}</p>
      <StepIndicator steps={steps} current={number} />
      <h2 class="step-heading">{m.stepHeading({ n: number, step: name })}</h2>
      {children}
    </Layout>
  );
}

export function HiddenRevision({ revision }: { revision: number }) {
  return <input type="hidden" name="revision" value={String(revision)} />;
}

/** A link back to an earlier step (the browser's back button works as well). */
export function BackLink({ policyRef, step, label }: { policyRef: string; step: RenewalStep; label: string }) {
  return (
    <a class="button" href={renewalPlace(policyRef, step)}>
      {label}
    </a>
  );
}

/** A radio group in a fieldset, nothing selected unless `value` is given, the message above the choices. */
export function RadioGroup({ name, legend, options, value, error, hint }: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
}) {
  const id = `f-${name}`;
  return (
    <fieldset id={id} class={error ? 'radio-group has-error' : 'radio-group'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {hint ? <p class="hint">{hint}</p> : null}
      {error ? <p class="error" id={`${id}-error`} role="alert">{error}</p> : null}
      {options.map((option, i) => (
        <div class="choice">
          <input type="radio" id={`${id}-${i}`} name={name} value={option.value} checked={value === option.value} />
          <label for={`${id}-${i}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The agency of the policy and the insurer's desk: where to go when the renewal cannot be done here. */
export function AgencyAndDesk({ ctx, policy }: { ctx: PageContext; policy: Pick<RenewalPolicy, 'agency_code' | 'agency_name'> }) {
  const { brand } = ctx;
  const m = renewalMessages.of(ctx.locale);
  return (
    <dl class="entries renewal-contacts">
      <div class="entry">
        <dt>{m.agency}</dt>
        <dd>
          <a href={`/agency/${encodeURIComponent(policy.agency_code)}`}>{policy.agency_name}</a>
        </dd>
      </div>
      <div class="entry">
        <dt>{`${brand.name} ${brand.deskName}`}</dt>
        <dd>
          <a href={`tel:${brand.deskPhone.replace(/[^0-9+]/g, '')}`}>{brand.deskPhone}</a>
          {m.deskLine({ open: brand.deskOpen.replace(/^0/, ''), close: brand.deskClose.replace(/^0/, '') })}
        </dd>
      </div>
    </dl>
  );
}

export function BackToRenewals({ locale }: { locale: Locale }) {
  return (
    <p>
      <a class="button" href="/mypage/renewals">
        {renewalMessages.of(locale).backToRenewals}
      </a>
    </p>
  );
}

/** Someone else's policy and a number that does not exist look exactly the same. */
export function PolicyNotFoundPage({ ctx }: { ctx: PageContext }) {
  const m = renewalMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.notFoundTitle}>
      <h1>{m.notFoundTitle}</h1>
      <p>{m.notFoundText}</p>
      <BackToRenewals locale={ctx.locale} />
    </Layout>
  );
}

/** Own policy, but no online renewal now: before the window, from 満期日 on, or not possible online. */
export function RenewalClosedPage({ ctx, policy, window, reason }: {
  ctx: PageContext;
  policy: RenewalPolicy;
  window: { opensOn: string; closesOn: string };
  reason: RenewalClosedReason;
}) {
  const m = renewalMessages.of(ctx.locale);
  const n = policy.policy_number;
  const date = (iso: string) => formatDate(ctx.locale, iso);
  const dates = { n, opens: date(window.opensOn), closes: date(window.closesOn) };
  const lines = {
    before: () => m.closedBefore(dates),
    after: () => m.closedAfter({ ...dates, end: date(policy.end_date) }),
    not_online: () => m.closedNotOnline({ n }),
    not_in_force: () => m.closedNotInForce({ n }),
  }[reason]();
  return (
    <Layout ctx={ctx} title={m.title}>
      <h1>{m.title}</h1>
      <p class="notice">{lines}</p>
      <p>{m.closedContact({ desk: ctx.brand.deskName })}</p>
      <AgencyAndDesk ctx={ctx} policy={policy} />
      <BackToRenewals locale={ctx.locale} />
    </Layout>
  );
}

/** The loser of a race, or a second try for the same term: the first application stands. */
export function AlreadyAppliedPage({ ctx, policyNumber, policyRef, receptionNumber }: { ctx: PageContext; policyNumber: string; policyRef: string; receptionNumber: string }) {
  const m = renewalMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.title}>
      <h1>{m.title}</h1>
      <p class="notice">{m.alreadyApplied}</p>
      <dl class="entries">
        <div class="entry">
          <dt>{m.policyNumber}</dt>
          <dd>{policyNumber}</dd>
        </div>
        <div class="entry">
          <dt>{m.receptionNumber}</dt>
          <dd class="reception-number">{receptionNumber}</dd>
        </div>
      </dl>
      <p>{m.alreadyAppliedPdf}</p>
      <div class="actions">
        <a class="button" href={renewalPlace(policyRef, 'completed')}>
          {m.seeApplication}
        </a>
        <a class="button" href="/mypage/renewals">
          {m.backToRenewals}
        </a>
      </div>
    </Layout>
  );
}
