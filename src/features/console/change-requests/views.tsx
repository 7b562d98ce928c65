import { formatBirthDateJa } from '../../policies/holder.js';
import { NONE } from '../../policies/labels.js';
import type { ChangeRequestItem, ChangeRequestStatus, Contact } from '../../policies/processing/change-requests.js';
import { OUTCOME_NOTE_MAX_LENGTH } from '../../policies/processing/outcome-note.js';
import { Entries, ErrorSummary, PostForm } from '../../../platform/ui/form.js';
import { at, CONSOLE_HOME, ConsoleFramePage, Pager, PAGE_SIZE, pagesOf } from '../list-ui.js';
import type { ConsolePageContext } from '../views.js';
import { FLASH_MESSAGES, STATUS_LABELS, type Flash } from './labels.js';

const LIST = { href: '/console/change-requests', label: '変更受付' };
const STATUSES: ChangeRequestStatus[] = ['pending', 'done', 'rejected'];

export const listHref = (status: ChangeRequestStatus, page = 1): string => `/console/change-requests?${new URLSearchParams({ status, ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;
const detailHref = (id: string) => `/console/change-requests/${encodeURIComponent(id)}`;

const contactText = (c: Contact | null): string => (c ? [c.postal_code ? `〒${c.postal_code}` : null, c.address, c.phone ? `電話 ${c.phone}` : null].filter(Boolean).join(' ') || NONE : NONE);
const agenciesText = (item: ChangeRequestItem): string => item.agencies.map((a) => a.agency_name).join('、') || NONE;
const kindLabel = (kind: string): string => (kind === 'address' ? '住所・電話番号の変更' : kind);

export function ChangeRequestListPage({ ctx, status, page, list }: { ctx: ConsolePageContext; status: ChangeRequestStatus; page: number; list: { items: ChangeRequestItem[]; total: number } }) {
  const pages = pagesOf(list.total);
  return (
    <ConsoleFramePage ctx={ctx} title="変更受付" crumbs={[CONSOLE_HOME]}>
      <nav aria-label="状況で絞り込み" class="filter-tabs">
        <ul class="menu-inline">
          {STATUSES.map((s) => (
            <li>{s === status ? <strong aria-current="page">{STATUS_LABELS[s]}</strong> : <a href={listHref(s)}>{STATUS_LABELS[s]}</a>}</li>
          ))}
        </ul>
      </nav>
      <h2>{`${STATUS_LABELS[status]} ${list.total}件`}</h2>
      {list.items.length === 0 ? (
        <p>{`${STATUS_LABELS[status]}の変更のお申出はありません。`}</p>
      ) : (
        <table class="desk-table">
          <thead>
            <tr>
              <th scope="col">受付日時</th>
              <th scope="col">お客さま</th>
              <th scope="col">証券番号／代理店</th>
              <th scope="col">種類</th>
              <th scope="col">内容（現在 → 変更後）</th>
              <th scope="col">状況</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr>
                <td>
                  <a href={detailHref(item.id)}>{at(item.created_at)}</a>
                </td>
                <td>{`${item.customer.family_name} ${item.customer.given_name}`}</td>
                <td>{`${item.policy_numbers.join('、') || NONE}／${agenciesText(item)}`}</td>
                <td>{kindLabel(item.kind)}</td>
                <td>{`${contactText(item.on_file)} → ${contactText(item.requested)}`}</td>
                <td>{STATUS_LABELS[item.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page > 1 && list.items.length === 0 ? <p>{`このページに表示するお申出はありません（全${pages}ページ）。`}</p> : null}
      <Pager page={page} pages={pages} href={(n) => listHref(status, n)} label="変更受付のページ" />
      <p class="hint">{`1ページ${PAGE_SIZE}件、新しい順です。`}</p>
    </ConsoleFramePage>
  );
}

export interface OutcomeForm {
  outcome?: string;
  note?: string;
  problem?: string;
}

export interface ChangeRequestDetail {
  item: ChangeRequestItem;
  processedBy: string | null;
  mayProcess: boolean;
  flash?: Flash | undefined;
  form?: OutcomeForm | undefined;
}

export function ChangeRequestDetailPage({ ctx, d }: { ctx: ConsolePageContext; d: ChangeRequestDetail }) {
  const { item } = d;
  return (
    <ConsoleFramePage ctx={ctx} title="変更のお申出" crumbs={[CONSOLE_HOME, LIST]}>
      {d.flash ? (
        <p class="notice" role="status">
          {FLASH_MESSAGES[d.flash]}
        </p>
      ) : null}
      <ErrorSummary message={d.form?.problem} />
      <Entries
        rows={[
          ['受付日時', at(item.created_at)],
          ['種類', kindLabel(item.kind)],
          ['状況', STATUS_LABELS[item.status]],
          ['お客さま', `${item.customer.family_name} ${item.customer.given_name}（${item.customer.family_kana} ${item.customer.given_kana}）`],
          ['生年月日', formatBirthDateJa(item.customer.birth_date)],
          ['ユーザーID', item.customer.email],
          ['証券番号', item.policy_numbers.join('、') || NONE],
          ['取扱代理店', agenciesText(item)],
          ['現在の登録内容', contactText(item.on_file)],
          ['変更後（お申出の内容）', contactText(item.requested)],
        ]}
      />
      {item.status === 'pending' ? (d.mayProcess ? <OutcomeFormView ctx={ctx} id={item.id} form={d.form} /> : <p>このお申出は未処理です。</p>) : <Decided d={d} />}
    </ConsoleFramePage>
  );
}

function Decided({ d }: { d: ChangeRequestDetail }) {
  return (
    <section aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">処理結果</h2>
      <Entries
        rows={[
          ['結果', STATUS_LABELS[d.item.status]],
          ['お客さまへのご連絡', d.item.note ?? NONE],
          ['処理した人', d.processedBy ?? NONE],
          ['処理日時', at(d.item.processed_at)],
        ]}
      />
    </section>
  );
}

function OutcomeFormView({ ctx, id, form }: { ctx: ConsolePageContext; id: string; form?: OutcomeForm | undefined }) {
  const error = form?.problem;
  return (
    <section aria-labelledby="process-heading">
      <h2 id="process-heading">処理結果の記録</h2>
      <PostForm action={`${detailHref(id)}/outcome`} csrf={ctx.csrf}>
        <fieldset>
          <legend>結果</legend>
          <label class="radio">
            <input type="radio" name="outcome" value="done" checked={form?.outcome !== 'rejected'} /> 処理済（基幹システムに反映しました）
          </label>
          <label class="radio">
            <input type="radio" name="outcome" value="rejected" checked={form?.outcome === 'rejected'} /> 差戻し（お受けできません）
          </label>
        </fieldset>
        <div class={error ? 'field has-error' : 'field'}>
          <label for="f-note">お客さまへのご連絡</label>
          <p class="hint" id="f-note-hint">{`お客さまが「各種変更の手続き」で読む文章です。差戻しのときは必須（理由と、お客さまにしていただくこと）。${OUTCOME_NOTE_MAX_LENGTH}文字以内。`}</p>
          {error ? (
            <p class="error" id="f-note-error" role="alert">
              {error}
            </p>
          ) : null}
          <textarea id="f-note" name="note" rows={4} maxLength={OUTCOME_NOTE_MAX_LENGTH} aria-describedby={error ? 'f-note-hint f-note-error' : 'f-note-hint'} aria-invalid={error ? 'true' : undefined}>
            {form?.note ?? ''}
          </textarea>
        </div>
        <div class="actions">
          <button type="submit" class="button primary">
            記録する
          </button>
        </div>
      </PostForm>
    </section>
  );
}
