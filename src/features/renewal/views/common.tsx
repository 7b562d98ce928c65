import type { ComponentChildren } from 'preact';
import { formatDateJa } from '../../../platform/clock.js';
import { StepIndicator } from '../../../platform/ui/form.js';
import { Layout } from '../../../platform/ui/layout.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { RENEWAL_STEPS, renewalPlace, stepNumber, type RenewalClosedReason, type RenewalStep } from '../flow.js';
import type { RenewalPolicy } from '../repository.js';

export const TITLE = '自動車保険の継続手続';

/** 58,200円 */
export const yen = (amount: number): string => `${amount.toLocaleString('ja-JP')}円`;

/** +1,200円 / −800円 / ±0円 */
export const signedYen = (amount: number): string => (amount === 0 ? '±0円' : `${amount > 0 ? '+' : '−'}${Math.abs(amount).toLocaleString('ja-JP')}円`);

/** Every step's page: the heading, the policy number, the step indicator and the step's own heading. */
export function StepPage({ ctx, step, policyNumber, children }: { ctx: PageContext; step: RenewalStep; policyNumber: string; children: ComponentChildren }) {
  const number = stepNumber(step);
  const name = RENEWAL_STEPS[number - 1] as string;
  return (
    <Layout ctx={ctx} title={`${name}（${TITLE}）`}>
      <h1>{TITLE}</h1>
      <p class="renewal-policy">{`証券番号 ${policyNumber}`}</p>
      <StepIndicator steps={RENEWAL_STEPS} current={number} />
      <h2 class="step-heading">{`STEP ${number} ${name}`}</h2>
      {children}
    </Layout>
  );
}

export function HiddenRevision({ revision }: { revision: number }) {
  return <input type="hidden" name="revision" value={String(revision)} />;
}

/** A link back to an earlier step (the browser's back button works as well). */
export function BackLink({ policyNumber, step, label }: { policyNumber: string; step: RenewalStep; label: string }) {
  return (
    <a class="button" href={renewalPlace(policyNumber, step)}>
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
  return (
    <dl class="entries renewal-contacts">
      <div class="entry">
        <dt>取扱代理店</dt>
        <dd>
          <a href={`/agency/${encodeURIComponent(policy.agency_code)}`}>{policy.agency_name}</a>
        </dd>
      </div>
      <div class="entry">
        <dt>{`${brand.name} ${brand.deskName}`}</dt>
        <dd>
          <a href={`tel:${brand.deskPhone.replace(/[^0-9+]/g, '')}`}>{brand.deskPhone}</a>
          {`（無料） 受付時間：(月～金) ${brand.deskOpen.replace(/^0/, '')}～${brand.deskClose.replace(/^0/, '')}`}
        </dd>
      </div>
    </dl>
  );
}

export function BackToRenewals() {
  return (
    <p>
      <a class="button" href="/mypage/renewals">
        「契約の継続手続」へ戻る
      </a>
    </p>
  );
}

/** Someone else's policy and a number that does not exist look exactly the same. */
export function PolicyNotFoundPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="ご契約が見つかりません">
      <h1>ご契約が見つかりません</h1>
      <p>指定されたご契約は見つかりませんでした。「契約の継続手続」から、お手続きを行うご契約をお選びください。</p>
      <BackToRenewals />
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
  const n = policy.policy_number;
  const lines = {
    before: `証券番号 ${n} のご契約の継続手続は、まだ受付期間前です。受付期間は${formatDateJa(window.opensOn)}から${formatDateJa(window.closesOn)}までです。`,
    after: `証券番号 ${n} のご契約は、継続手続の受付期間（満期日 ${formatDateJa(policy.end_date)} の前日まで）を過ぎています。受付期間は${formatDateJa(window.opensOn)}から${formatDateJa(window.closesOn)}まででした。`,
    not_online: `証券番号 ${n} のご契約は、お客さまWebサービスでの継続手続の対象外です。`,
    not_in_force: `証券番号 ${n} のご契約は、解約または満期によりすでに終了しているため、継続手続はできません。`,
  }[reason];
  return (
    <Layout ctx={ctx} title={TITLE}>
      <h1>{TITLE}</h1>
      <p class="notice">{lines}</p>
      <p>{`継続のお手続きやご不明な点は、取扱代理店または${ctx.brand.deskName}までお問い合わせください。`}</p>
      <AgencyAndDesk ctx={ctx} policy={policy} />
      <BackToRenewals />
    </Layout>
  );
}

/** The loser of a race, or a second try for the same term: the first application stands. */
export function AlreadyAppliedPage({ ctx, policyNumber, receptionNumber }: { ctx: PageContext; policyNumber: string; receptionNumber: string }) {
  return (
    <Layout ctx={ctx} title={TITLE}>
      <h1>{TITLE}</h1>
      <p class="notice">このご契約の継続手続は受付済みです。</p>
      <dl class="entries">
        <div class="entry">
          <dt>証券番号</dt>
          <dd>{policyNumber}</dd>
        </div>
        <div class="entry">
          <dt>受付番号</dt>
          <dd class="reception-number">{receptionNumber}</dd>
        </div>
      </dl>
      <p>お申込内容は、申込内容確認書（PDF）でご確認いただけます。</p>
      <div class="actions">
        <a class="button" href={renewalPlace(policyNumber, 'completed')}>
          お申込みの受付内容を見る
        </a>
        <a class="button" href="/mypage/renewals">
          「契約の継続手続」へ戻る
        </a>
      </div>
    </Layout>
  );
}
