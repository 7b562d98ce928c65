import { formatDateJa } from '../../../platform/clock.js';
import { Entries, ErrorSummary, PostForm } from '../../../platform/ui/form.js';
import { formatBirthDateJa } from '../../policies/holder.js';
import {
  accidentYearsLabel,
  ageConditionLabel,
  coverageAmountLabel,
  deductibleLabel,
  driverScopeLabel,
  gradeLabel,
  manYen,
  NONE,
  paymentLabel,
  productLabel,
  ridersLabel,
  usePurposeLabel,
  vehicleClassLabel,
  vehicleCoverageLabel,
  yen,
} from '../../policies/labels.js';
import type { RenewalApplicationItem } from '../../policies/processing/renewal-applications.js';
import { at, CONSOLE_HOME, ConsoleFramePage, Pager, pagesOf } from '../list-ui.js';
import type { ConsolePageContext } from '../views.js';
import type { FilterProblems, ListQuery } from './filter.js';

const LIST = { href: '/console/renewal-applications', label: '継続申込' };
// The renewal's plan names (features/renewal/views/plans.tsx), as the customer saw them.
const PLANS: Record<string, string> = { same: '前年同等プラン', recommended: 'おすすめプラン', economy: '保険料を抑えたプラン', custom: '条件を変更したプラン' };
const ackLabel = (item: RenewalApplicationItem): string => (item.acknowledged ? '取込済' : '未取込');

export const applicationHref = (receptionNumber: string): string => `/console/renewal-applications/${encodeURIComponent(receptionNumber)}`;
export const listHref = (query: ListQuery, page = 1): string => {
  const params = Object.entries({ ...query, ...(page > 1 ? { page: String(page) } : {}) }).filter(([, v]) => v !== '');
  return `/console/renewal-applications${params.length ? `?${new URLSearchParams(params).toString()}` : ''}`;
};

interface ListProps {
  ctx: ConsolePageContext;
  query: ListQuery;
  agencies: Array<{ code: string; name: string }>;
  problems?: FilterProblems | undefined;
  page: number;
  list?: { items: RenewalApplicationItem[]; total: number } | undefined;
}

function DateField({ name, label, value, error }: { name: string; label: string; value: string; error?: string | undefined }) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`f-${name}`}>{label}</label>
      {error ? (
        <p class="error" id={`f-${name}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <input id={`f-${name}`} type="date" name={name} value={value} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `f-${name}-error` : undefined} />
    </div>
  );
}

export function ApplicationListPage({ ctx, query, agencies, problems, page, list }: ListProps) {
  return (
    <ConsoleFramePage ctx={ctx} title="継続申込" crumbs={[CONSOLE_HOME]}>
      <ErrorSummary message={problems ? '絞り込みの条件を確認してください。' : undefined} />
      <form method="get" action="/console/renewal-applications" class="desk-filters" role="search" aria-label="継続申込の絞り込み">
        <DateField name="from" label="申込日（から）" value={query.from} error={problems?.from} />
        <DateField name="to" label="申込日（まで）" value={query.to} error={problems?.to} />
        <div class={problems?.agency ? 'field has-error' : 'field'}>
          <label for="f-agency">代理店</label>
          {problems?.agency ? (
            <p class="error" id="f-agency-error" role="alert">
              {problems.agency}
            </p>
          ) : null}
          <select id="f-agency" name="agency">
            <option value="">すべて</option>
            {agencies.map((a) => (
              <option value={a.code} selected={a.code === query.agency}>{`${a.name}（${a.code}）`}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-state">取込状態</label>
          <select id="f-state" name="state">
            <option value="">すべて</option>
            <option value="pending" selected={query.state === 'pending'}>
              未取込
            </option>
            <option value="acknowledged" selected={query.state === 'acknowledged'}>
              取込済
            </option>
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="button primary">
            絞り込む
          </button>
        </div>
      </form>
      {list ? <ApplicationTable query={query} page={page} list={list} /> : null}
    </ConsoleFramePage>
  );
}

function ApplicationTable({ query, page, list }: { query: ListQuery; page: number; list: { items: RenewalApplicationItem[]; total: number } }) {
  return (
    <section aria-labelledby="list-heading">
      <h2 id="list-heading">{`継続申込 ${list.total}件`}</h2>
      {list.items.length === 0 ? (
        <p>条件に合う継続申込はありません。</p>
      ) : (
        <table class="desk-table">
          <thead>
            <tr>
              <th scope="col">受付番号</th>
              <th scope="col">申込日時</th>
              <th scope="col">証券番号</th>
              <th scope="col">ご契約者</th>
              <th scope="col">代理店</th>
              <th scope="col">新しい保険期間</th>
              <th scope="col">年間保険料</th>
              <th scope="col">取込状態</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr>
                <td>
                  <a href={applicationHref(item.reception_number)}>{item.reception_number}</a>
                </td>
                <td>{at(item.created_at)}</td>
                <td>{item.policy_number}</td>
                <td>{`${item.holder_family_name} ${item.holder_given_name}`}</td>
                <td>{item.agency_name}</td>
                <td>{`${formatDateJa(item.start_date)}～${formatDateJa(item.end_date)}`}</td>
                <td>{yen(item.annual_premium)}</td>
                <td>{ackLabel(item)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pagesOf(list.total)} href={(n) => listHref(query, n)} label="継続申込のページ" />
    </section>
  );
}

export interface ApplicationDetail {
  item: RenewalApplicationItem;
  acknowledgedBy: string | null;
  mayAcknowledge: boolean;
  flash?: 'acknowledged' | 'already' | undefined;
}

const breakdownValue = (line: RenewalApplicationItem['premium_breakdown'][number]): string => (line.kind === 'factor' ? `×${line.value}` : yen(line.value));

export function ApplicationDetailPage({ ctx, d }: { ctx: ConsolePageContext; d: ApplicationDetail }) {
  const { item } = d;
  const c = item.coverage;
  return (
    <ConsoleFramePage ctx={ctx} title={`継続申込 ${item.reception_number}`} crumbs={[CONSOLE_HOME, LIST]}>
      {d.flash ? (
        <p class="notice" role="status">
          {d.flash === 'acknowledged' ? '取込済にしました。' : 'この申込は、すでに取込済です。'}
        </p>
      ) : null}
      <p>
        <a href={`${applicationHref(item.reception_number)}/application.pdf`} download>
          申込内容確認書（PDF）をダウンロード
        </a>
      </p>
      <h2>お申込み</h2>
      <Entries
        rows={[
          ['受付番号', item.reception_number],
          ['申込日時', at(item.created_at)],
          ['取込状態', item.acknowledged ? `取込済（${at(item.acknowledged_at)}、${d.acknowledgedBy ?? NONE}）` : '未取込'],
          ['種目', `${productLabel(item.product)}（継続契約）`],
          ['証券番号', item.policy_number],
          ['ご契約者', `${item.holder_family_name} ${item.holder_given_name} 様`],
          ['お客さま（Webアカウント）', `${item.customer.family_name} ${item.customer.given_name}（${item.customer.email}、生年月日 ${formatBirthDateJa(item.customer.birth_date)}）`],
          ['取扱代理店', `${item.agency_name}（${item.agency_code}）`],
          ['現在の満期日', formatDateJa(item.current_end_date)],
          ['新しい保険期間', `${formatDateJa(item.start_date)}～${formatDateJa(item.end_date)}`],
          ['お車', `${item.vehicle_model ?? NONE}（${item.vehicle_registration ?? NONE}、${vehicleClassLabel(item.vehicle_class)}）`],
        ]}
      />
      <h2>選ばれた条件</h2>
      <Entries
        rows={[
          ['プラン', PLANS[item.plan] ?? item.plan],
          ['ノンフリート等級', gradeLabel(item.grade)],
          ['事故有係数適用期間', accidentYearsLabel(item.accident_coefficient_years)],
          ['運転者年齢条件', ageConditionLabel(c.age_condition)],
          ['運転者限定', driverScopeLabel(c.driver_scope)],
          ['使用目的', usePurposeLabel(c.use_purpose)],
          ['対人賠償', coverageAmountLabel(c.bodily_injury)],
          ['対物賠償', coverageAmountLabel(c.property_damage)],
          ['人身傷害', coverageAmountLabel(c.personal_injury)],
          ['車両保険', vehicleCoverageLabel(c.vehicle_coverage)],
          ['車両保険金額', c.vehicle_amount === null ? NONE : manYen(c.vehicle_amount)],
          ['免責金額', deductibleLabel(c.vehicle_deductible)],
          ['特約', ridersLabel(c.riders.join(';'))],
        ]}
      />
      <h2>保険料とお支払い</h2>
      <Entries
        rows={[
          ['年間保険料', yen(item.annual_premium)],
          ['月払の保険料（1回分）', item.monthly_premium === null ? NONE : yen(item.monthly_premium)],
          ['お支払いの合計', yen(item.total_payable)],
          ['払込方法', `${paymentLabel(item.payment_method)}${item.payment_method_changed ? '（変更あり）' : ''}`],
          ['払込回数', item.payment_frequency === 'monthly' ? '月払（12回）' : '年払（一括）'],
        ]}
      />
      <table class="desk-table">
        <caption>保険料の内訳</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">値</th>
            <th scope="col">備考</th>
          </tr>
        </thead>
        <tbody>
          {item.premium_breakdown.map((line) => (
            <tr>
              <td>{line.label}</td>
              <td>{breakdownValue(line)}</td>
              <td>{line.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="desk-table">
        <caption>ご意向の確認</caption>
        <thead>
          <tr>
            <th scope="col">確認した内容</th>
            <th scope="col">確認日時</th>
          </tr>
        </thead>
        <tbody>
          {item.confirmations.map((conf) => (
            <tr>
              <td>{conf.text}</td>
              <td>{at(conf.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!item.acknowledged && d.mayAcknowledge ? (
        <PostForm action={`${applicationHref(item.reception_number)}/acknowledgement`} csrf={ctx.csrf}>
          <p class="hint">基幹システムに手で取り込んだときに使います（連携システムが取り込むと自動で取込済になります）。</p>
          <div class="actions">
            <button type="submit" class="button primary">
              取込済にする
            </button>
          </div>
        </PostForm>
      ) : null}
    </ConsoleFramePage>
  );
}
