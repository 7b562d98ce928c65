import { formatDateJa } from '../../platform/clock.js';
import { Entries } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { NONE, yen } from './labels.js';
import type { PolicyView } from './service.js';

const TITLE = '自動車保険の継続手続';

function BackToRenewals() {
  return (
    <p>
      <a class="button" href="/mypage/renewals">
        「契約の継続手続」へ戻る
      </a>
    </p>
  );
}

function DeskAndAgency({ ctx, policy }: { ctx: PageContext; policy: PolicyView }) {
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

/** The policy in its window: what is renewed and where the procedure is taken. */
export function RenewalOpenPage({ ctx, policy }: { ctx: PageContext; policy: PolicyView }) {
  return (
    <Layout ctx={ctx} title={TITLE}>
      <h1>{TITLE}</h1>
      <p>{`継続手続の受付期間中のご契約です（受付期間：${formatDateJa(policy.window.opensOn)}～${formatDateJa(policy.window.closesOn)}）。`}</p>
      <h2>現在のご契約</h2>
      <Entries
        rows={[
          ['証券番号', policy.policy_number],
          ['満期日', formatDateJa(policy.end_date)],
          ['取扱代理店', policy.agency_name],
          ['車名', policy.vehicle_model ?? NONE],
          ['年間保険料', yen(policy.annual_premium)],
        ]}
      />
      <h2>お手続きの方法</h2>
      <p>{`お手続きは取扱代理店または${ctx.brand.deskName}で承ります。満期日の前日（${formatDateJa(policy.window.closesOn)}）までにご連絡ください。`}</p>
      <DeskAndAgency ctx={ctx} policy={policy} />
      <BackToRenewals />
    </Layout>
  );
}

/** Own policy, but no online renewal now: before the window, from 満期日 on, or not an auto policy. */
export function RenewalClosedPage({ ctx, policy, reason }: { ctx: PageContext; policy: PolicyView; reason: 'before' | 'after' | 'not_online' }) {
  const lines = {
    before: `証券番号 ${policy.policy_number} のご契約の継続手続は、まだ受付期間前です。受付期間は${formatDateJa(policy.window.opensOn)}から${formatDateJa(policy.window.closesOn)}までです。`,
    after: `証券番号 ${policy.policy_number} のご契約は、継続手続の受付期間（満期日 ${formatDateJa(policy.end_date)} の前日まで）を過ぎています。`,
    not_online: `証券番号 ${policy.policy_number} のご契約は、お客さまWebサービスでの継続手続の対象外です。`,
  }[reason];
  return (
    <Layout ctx={ctx} title={TITLE}>
      <h1>{TITLE}</h1>
      <p>{lines}</p>
      <p>{`ご不明な点は、取扱代理店または${ctx.brand.deskName}までお問い合わせください。`}</p>
      <DeskAndAgency ctx={ctx} policy={policy} />
      <BackToRenewals />
    </Layout>
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
