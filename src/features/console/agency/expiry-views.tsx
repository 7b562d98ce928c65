import { formatDateJa, formatDateTimeJa, japanDate } from '../../../platform/clock.js';
import { ErrorSummary, SelectField, type FieldErrors } from '../../../platform/ui/form.js';
import { NONE } from '../../policies/labels.js';
import { CONSOLE_HOME, ConsoleFramePage, Table } from '../list-ui.js';
import type { ConsolePageContext } from '../views.js';
import { EXPIRY_STATUSES, EXPIRY_STATUS_LABELS, expiryQueryString, monthLabel, monthOptions, rangeLabel, type ExpiryStatus } from './expiry.js';
import { LIST_LIMIT, remindersText, type ExpiryView } from './expiry-service.js';

const HOME = CONSOLE_HOME;

const japanDay = (iso: string): string => formatDateJa(japanDate(new Date(iso)));

export interface ExpiryFormValues {
  agency: string;
  month: string;
  status: string;
}

function ExpiryFilters({ values, agencies, today, errors }: { values: ExpiryFormValues; agencies: Array<{ code: string; name: string }> | null; today: string; errors: FieldErrors }) {
  return (
    <form method="get" action="/console/expiries" class="filters" aria-label="表示する満期">
      {agencies ? <SelectField name="agency" label="代理店" value={values.agency} options={agencies.map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` }))} error={errors.agency} /> : null}
      <SelectField name="month" label="満期月" value={values.month} options={[{ value: '', label: '今月と来月' }, ...monthOptions(today).map((m) => ({ value: m, label: monthLabel(m) }))]} error={errors.month} />
      <SelectField name="status" label="状況" value={values.status} options={[{ value: '', label: 'すべて' }, ...EXPIRY_STATUSES.map((s) => ({ value: s, label: EXPIRY_STATUS_LABELS[s] }))]} error={errors.status} />
      <div class="actions">
        <button type="submit" class="button primary">
          表示
        </button>
      </div>
    </form>
  );
}

function StatusCounts({ v }: { v: ExpiryView }) {
  const link = (status: ExpiryStatus | null) => `/console/expiries${expiryQueryString({ agency: v.agencies ? v.agency.code : null, month: v.month, status })}`;
  const item = (status: ExpiryStatus | null, label: string, n: number) => (
    <li>
      <a href={link(status)} aria-current={v.status === status ? 'true' : undefined}>
        <span class="count-label">{label}</span> <strong>{`${n}件`}</strong>
      </a>
    </li>
  );
  return (
    <nav aria-label="状況ごとの件数" class="status-counts">
      <ul>
        {item(null, 'すべて', v.total)}
        {EXPIRY_STATUSES.map((s) => item(s, EXPIRY_STATUS_LABELS[s], v.counts[s]))}
      </ul>
    </nav>
  );
}

export interface ExpiryPageProps {
  ctx: ConsolePageContext;
  /** The agencies to choose from (desk and admin); null for an agency account. */
  agencies: Array<{ code: string; name: string }> | null;
  today: string;
  values: ExpiryFormValues;
  errors: FieldErrors;
  view: ExpiryView | null;
}

export function ExpiryPage({ ctx, agencies, today, values, errors, view }: ExpiryPageProps) {
  return (
    <ConsoleFramePage ctx={ctx} title="満期管理" crumbs={[HOME]}>
      <ErrorSummary errors={errors} message={Object.keys(errors).length ? '表示する条件に誤りがあります。各項目のメッセージをご確認ください。' : undefined} />
      <ExpiryFilters values={values} agencies={agencies} today={today} errors={errors} />
      {view ? <ExpiryResults v={view} /> : null}
    </ConsoleFramePage>
  );
}

function ExpiryResults({ v }: { v: ExpiryView }) {
  const shown = v.status ? v.counts[v.status] : v.total;
  const csv = `/console/expiries.csv${expiryQueryString({ agency: v.agencies ? v.agency.code : null, month: v.month, status: v.status })}`;
  return (
    <section aria-labelledby="expiries-heading">
      <h2 id="expiries-heading">{`${v.agency.name}（${v.agency.code}） ${rangeLabel(v.month, v.range)}満期のご契約`}</h2>
      <StatusCounts v={v} />
      <p>
        <a class="button" href={csv} download>
          CSVダウンロード
        </a>
      </p>
      {shown > LIST_LIMIT ? <p class="notice">{`${shown}件のうち、満期日の早い${LIST_LIMIT}件を表示しています。すべての行はCSVでご確認ください。`}</p> : null}
      <Table
        caption="満期のご契約"
        head={['証券番号', '契約者', '満期日', '状況', '最終手続日時', '満期案内']}
        empty={v.status ? `「${EXPIRY_STATUS_LABELS[v.status]}」のご契約はありません。` : 'この期間に満期を迎えるご契約はありません。'}
        rows={v.terms.map((t) => [
          t.policy_number,
          `${t.holder_family_name} ${t.holder_given_name}`,
          formatDateJa(t.end_date),
          EXPIRY_STATUS_LABELS[t.status],
          t.last_procedure_at ? formatDateTimeJa(new Date(t.last_procedure_at)) : NONE,
          remindersText(t, japanDay) || NONE,
        ])}
      />
    </section>
  );
}
