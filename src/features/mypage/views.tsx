import { Entries } from '../../platform/ui/form.js';
import { formatDate, formatDateTime } from '../../platform/ui/i18n/format.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { NONE, gradeLabel, paymentLabel, productLabel, yen } from '../policies/labels.js';
import { StatusBadge, periodOf } from './policy-views.js';
import { policyStatus } from './policy-status.js';
import { MyPageLayout, type TabProps } from '../policies/my-page-layout.js';
import type { PolicyView } from '../policies/customer-policies.js';
import { mypageMessages } from './messages.js';

/** Where a policy without the 継続手続 button stands. */
function windowNote(ctx: PageContext, policy: PolicyView): string {
  const m = mypageMessages.of(ctx.locale);
  if (!policy.online) return m.notOnline;
  return policy.phase === 'before' ? m.opensOn({ date: formatDate(ctx.locale, policy.window.opensOn) }) : m.windowClosed;
}

function AddPolicyNote({ ctx }: { ctx: PageContext }) {
  const m = mypageMessages.of(ctx.locale);
  return (
    <div class="add-policy">
      <h3>{m.addNoteHeading}</h3>
      <p class="more-link">
        <a href="/mypage/policies/add">{m.addNoteLink}</a>
      </p>
      <p class="hint">{m.addNoteHint({ desk: ctx.brand.deskName, phone: ctx.brand.deskPhone })}</p>
    </div>
  );
}

function NoPolicies({ ctx }: { ctx: PageContext }) {
  return <p>{mypageMessages.of(ctx.locale).noPolicies}</p>;
}

export function HomeTab({ ctx, data }: TabProps) {
  const m = mypageMessages.of(ctx.locale);
  const renewable = data.policies.filter((p) => p.renewable);
  return (
    <MyPageLayout ctx={ctx} data={data} active="home">
      <p>{m.homeWelcome}</p>
      {renewable.length > 0 ? (
        <div class="notice">
          <p>{m.homeRenewable({ n: renewable.length })}</p>
          <p class="more-link">
            <a href="/mypage/renewals">{m.homeToRenewals}</a>
          </p>
        </div>
      ) : null}
      <h3>{m.homeListHeading}</h3>
      {data.policies.length === 0 ? <NoPolicies ctx={ctx} /> : null}
      <ul class="policy-list">
        {data.policies.map((p) => (
          <li>
            <span class="policy-name">{m.homePolicyName({ product: productLabel(p.product, ctx.locale), vehicle: p.vehicle_model ?? NONE })}</span>
            <span>{m.policyNumberIs({ number: p.policy_number })}</span>
            <span>{m.homeEndDate({ date: formatDate(ctx.locale, p.end_date) })}</span>
            {p.renewable ? <strong class="badge">{m.homeRenewalOpen}</strong> : null}
          </li>
        ))}
      </ul>
      {data.policies.length === 0 ? <AddPolicyNote ctx={ctx} /> : null}
    </MyPageLayout>
  );
}

export function RenewalsTab({ ctx, data }: TabProps) {
  const m = mypageMessages.of(ctx.locale);
  const date = (isoDate: string) => formatDate(ctx.locale, isoDate);
  // A cancelled or retired policy leaves the renewal list (it cannot be renewed).
  const policies = data.policies.filter((p) => p.inForce);
  return (
    <MyPageLayout ctx={ctx} data={data} active="renewals">
      <p>{m.renewalsIntro}</p>
      <AddPolicyNote ctx={ctx} />
      {policies.length === 0 ? (
        <NoPolicies ctx={ctx} />
      ) : (
        <table class="policy-table">
          <thead>
            <tr>
              <th scope="col">{m.policyNumber}</th>
              <th scope="col">{m.startDate}</th>
              <th scope="col">{m.endDate}</th>
              <th scope="col">{m.agency}</th>
              <th scope="col">{m.lastProcedure}</th>
              <th scope="col">{m.procedure}</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((p) => (
              <tr>
                <td data-label={m.policyNumber}>{p.policy_number}</td>
                <td data-label={m.startDate}>{date(p.start_date)}</td>
                <td data-label={m.endDate}>{date(p.end_date)}</td>
                <td data-label={m.agency}>{p.agency_name}</td>
                <td data-label={m.lastProcedure}>{p.last_procedure_at ? formatDateTime(ctx.locale, new Date(p.last_procedure_at)) : NONE}</td>
                <td data-label={m.procedure}>
                  {p.renewable ? (
                    <a class="button primary" href={`/renewal/${p.ref}`}>
                      {m.renew}
                    </a>
                  ) : p.renewalReceived ? (
                    <strong class="badge">{m.renewalReceived}</strong>
                  ) : (
                    <span class="hint">{windowNote(ctx, p)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </MyPageLayout>
  );
}

/** 契約内容の確認: each own policy with its status, and the way to its details. */
export function PoliciesTab({ ctx, data }: TabProps) {
  const m = mypageMessages.of(ctx.locale);
  const { locale } = ctx;
  return (
    <MyPageLayout ctx={ctx} data={data} active="policies">
      <p>{m.policiesIntro}</p>
      {data.policies.length === 0 ? <NoPolicies ctx={ctx} /> : null}
      {data.policies.map((p) => (
        <section class="policy-card" aria-label={m.policyNumberIs({ number: p.policy_number })}>
          <h3>{m.productAndNumber({ product: productLabel(p.product, locale), number: p.policy_number })}</h3>
          <p class="policy-status">
            <StatusBadge status={policyStatus(p, data.today)} locale={locale} />
          </p>
          <Entries
            rows={[
              [m.insurancePeriod, periodOf(locale, p.start_date, p.end_date)],
              [m.vehicleModel, p.vehicle_model ?? NONE],
              [m.registration, p.vehicle_registration ?? NONE],
              [m.grade, gradeLabel(p.grade, locale)],
              [m.annualPremium, yen(p.annual_premium, locale)],
              [m.paymentMethod, paymentLabel(p.payment_method, locale)],
              [m.agency, p.agency_name],
            ]}
          />
          <p>
            <a class="button" href={`/mypage/policies/${p.ref}`}>
              {m.detailsLink}
            </a>
          </p>
        </section>
      ))}
      <AddPolicyNote ctx={ctx} />
    </MyPageLayout>
  );
}
