import { formatDateJa, formatDateTimeJa } from '../../platform/clock.js';
import { Entries } from '../../platform/ui/form.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { NONE, gradeLabel, paymentLabel, productLabel, yen } from '../policies/labels.js';
import { StatusBadge } from './policy-views.js';
import { policyStatus } from './policy-status.js';
import { MyPageLayout, type TabProps } from '../policies/my-page-layout.js';
import type { PolicyView } from '../policies/customer-policies.js';

const dateJa = (isoDate: string) => formatDateJa(isoDate);

/** Where a policy without the 継続手続 button stands. */
function windowNote(policy: PolicyView): string {
  if (!policy.online) return 'オンライン手続の対象外です';
  return policy.phase === 'before' ? `${dateJa(policy.window.opensOn)}から受付` : '受付期間外';
}

function AddPolicyNote({ ctx }: { ctx: PageContext }) {
  return (
    <div class="add-policy">
      <h3>契約中の保険が表示されていない方</h3>
      <p class="more-link">
        <a href="/mypage/policies/add">＋ 契約中の保険を追加する</a>
      </p>
      <p class="hint">
        お客さまご本人がご契約者のご契約は、証券番号・契約者氏名カナ・生年月日を入力して追加できます。ご不明な点は{ctx.brand.deskName}（{ctx.brand.deskPhone}）までお問い合わせください。
      </p>
    </div>
  );
}

function NoPolicies() {
  return <p>現在、お客さまWebサービスに表示できるご契約はありません。</p>;
}

export function HomeTab({ ctx, data }: TabProps) {
  const renewable = data.policies.filter((p) => p.renewable);
  return (
    <MyPageLayout ctx={ctx} data={data} active="home">
      <p>お客さまWebサービスへようこそ。ご契約内容の確認や、自動車保険の継続手続をご利用いただけます。</p>
      {renewable.length > 0 ? (
        <div class="notice">
          <p>継続手続の受付期間中のご契約が{renewable.length}件あります。満期日の前日までにお手続きください。</p>
          <p class="more-link">
            <a href="/mypage/renewals">「契約の継続手続」へ進む</a>
          </p>
        </div>
      ) : null}
      <h3>ご契約一覧</h3>
      {data.policies.length === 0 ? <NoPolicies /> : null}
      <ul class="policy-list">
        {data.policies.map((p) => (
          <li>
            <span class="policy-name">{`${productLabel(p.product)}（${p.vehicle_model ?? NONE}）`}</span>
            <span>{`証券番号 ${p.policy_number}`}</span>
            <span>{`満期日 ${dateJa(p.end_date)}`}</span>
            {p.renewable ? <strong class="badge">継続手続受付中</strong> : null}
          </li>
        ))}
      </ul>
      {data.policies.length === 0 ? <AddPolicyNote ctx={ctx} /> : null}
    </MyPageLayout>
  );
}

export function RenewalsTab({ ctx, data }: TabProps) {
  // A cancelled or retired policy leaves the renewal list (it cannot be renewed).
  const policies = data.policies.filter((p) => p.inForce);
  return (
    <MyPageLayout ctx={ctx} data={data} active="renewals">
      <p>継続手続を行うご契約の「継続手続」ボタンを押してください。手続画面へ進みます。</p>
      <AddPolicyNote ctx={ctx} />
      {policies.length === 0 ? (
        <NoPolicies />
      ) : (
        <table class="policy-table">
          <thead>
            <tr>
              <th scope="col">証券番号</th>
              <th scope="col">始期日</th>
              <th scope="col">満期日</th>
              <th scope="col">取扱代理店</th>
              <th scope="col">最終手続日時</th>
              <th scope="col">お手続き</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((p) => (
              <tr>
                <td data-label="証券番号">{p.policy_number}</td>
                <td data-label="始期日">{dateJa(p.start_date)}</td>
                <td data-label="満期日">{dateJa(p.end_date)}</td>
                <td data-label="取扱代理店">{p.agency_name}</td>
                <td data-label="最終手続日時">{p.last_procedure_at ? formatDateTimeJa(new Date(p.last_procedure_at)) : NONE}</td>
                <td data-label="お手続き">
                  {p.renewable ? (
                    <a class="button primary" href={`/renewal/${encodeURIComponent(p.policy_number)}`}>
                      継続手続
                    </a>
                  ) : p.renewalReceived ? (
                    <strong class="badge">継続手続受付済</strong>
                  ) : (
                    <span class="hint">{windowNote(p)}</span>
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
  return (
    <MyPageLayout ctx={ctx} data={data} active="policies">
      <p>ご契約の内容と状況をご確認いただけます。補償内容などは「契約内容の詳細」でご覧ください。</p>
      {data.policies.length === 0 ? <NoPolicies /> : null}
      {data.policies.map((p) => (
        <section class="policy-card" aria-label={`証券番号 ${p.policy_number}`}>
          <h3>{`${productLabel(p.product)} 証券番号 ${p.policy_number}`}</h3>
          <p class="policy-status">
            <StatusBadge status={policyStatus(p, data.today)} />
          </p>
          <Entries
            rows={[
              ['保険期間', `${dateJa(p.start_date)}～${dateJa(p.end_date)}`],
              ['車名', p.vehicle_model ?? NONE],
              ['登録番号', p.vehicle_registration ?? NONE],
              ['ノンフリート等級', gradeLabel(p.grade)],
              ['年間保険料', yen(p.annual_premium)],
              ['払込方法', paymentLabel(p.payment_method)],
              ['取扱代理店', p.agency_name],
            ]}
          />
          <p>
            <a class="button" href={`/mypage/policies/${encodeURIComponent(p.policy_number)}`}>
              契約内容の詳細
            </a>
          </p>
        </section>
      ))}
      <AddPolicyNote ctx={ctx} />
    </MyPageLayout>
  );
}
