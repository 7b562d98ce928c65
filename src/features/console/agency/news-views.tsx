import { formatDateJa, formatDateTimeJa } from '../../../platform/clock.js';
import { ErrorSummary, PostForm, SelectField, SubmitButton, TextArea, TextField, type FieldErrors } from '../../../platform/ui/form.js';
import { CONSOLE_HOME, ConsoleFramePage, Table } from '../list-ui.js';
import type { ConsolePageContext } from '../views.js';
import type { AgencyRef } from './agency-choice.js';
import { NEWS_BODY_MAX, NEWS_TITLE_MAX, type NEWS_FIELDS } from './news.js';
import type { NewsRecord } from './news-repository.js';
import type { NewsDone } from './news-service.js';

const HOME = CONSOLE_HOME;

const DONE_MESSAGES: Record<NewsDone, string> = {
  created: 'お知らせを追加しました（非公開）。内容を確認して「公開する」を押すと、代理店のページに表示されます。',
  updated: 'お知らせを保存しました。',
  published: 'お知らせを公開しました。代理店のページに表示されます。',
  unpublished: 'お知らせを非公開にしました。代理店のページには表示されません。',
  deleted: 'お知らせを削除しました。',
};

/** /console/news, with the agency for an admin (an agency account has only its own). */
export const newsListHref = (agency: string | null): string => `/console/news${agency ? `?agency=${encodeURIComponent(agency)}` : ''}`;
const itemHref = (id: string, action = ''): string => `/console/news/${encodeURIComponent(id)}${action}`;

function Flash({ done }: { done: NewsDone | undefined }) {
  return done ? (
    <div class="notice flash" role="status">
      <p>{DONE_MESSAGES[done]}</p>
    </div>
  ) : null;
}

function PublishForm({ ctx, item }: { ctx: ConsolePageContext; item: NewsRecord }) {
  const publish = item.published !== 1;
  return (
    <form method="post" action={itemHref(item.id, publish ? '/publish' : '/unpublish')} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrf} />
      <button type="submit" class={publish ? 'button primary' : 'button'} aria-label={`「${item.title}」を${publish ? '公開する' : '非公開にする'}`}>
        {publish ? '公開する' : '非公開にする'}
      </button>
    </form>
  );
}

export function NewsListPage({ ctx, agency, agencies, items, done }: { ctx: ConsolePageContext; agency: AgencyRef; agencies: AgencyRef[] | null; items: NewsRecord[]; done: NewsDone | undefined }) {
  const chosen = agencies ? agency.code : null;
  return (
    <ConsoleFramePage ctx={ctx} title="お知らせ" crumbs={[HOME]}>
      <Flash done={done} />
      {agencies ? (
        <form method="get" action="/console/news" class="filters" aria-label="代理店の選択">
          <SelectField name="agency" label="代理店" value={agency.code} options={agencies.map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` }))} />
          <div class="actions">
            <button type="submit" class="button">
              表示
            </button>
          </div>
        </form>
      ) : null}
      <p>{`${agency.name}のページ（お客さま向け）に表示するお知らせです。「公開中」のお知らせだけが、掲載日の新しい順に表示されます。`}</p>
      <p>
        <a class="button primary" href={`/console/news/new${chosen ? `?agency=${encodeURIComponent(chosen)}` : ''}`}>
          お知らせを追加
        </a>{' '}
        <a href={`/agency/${encodeURIComponent(agency.code)}`}>代理店のページを見る</a>
      </p>
      <Table
        caption="お知らせ"
        head={['掲載日', 'タイトル', '状態', '最終更新', '操作']}
        empty="お知らせはまだありません。"
        rows={items.map((item) => [
          formatDateJa(item.published_on),
          item.title,
          item.published === 1 ? '公開中' : '非公開',
          formatDateTimeJa(new Date(item.updated_at ?? item.created_at)),
          <>
            <a href={itemHref(item.id)} aria-label={`「${item.title}」を編集`}>
              編集
            </a>{' '}
            <PublishForm ctx={ctx} item={item} />
          </>,
        ])}
      />
    </ConsoleFramePage>
  );
}

export type NewsValues = Record<(typeof NEWS_FIELDS)[number], string>;

export interface NewsFormProps {
  ctx: ConsolePageContext;
  agency: AgencyRef;
  /** The agency's code for an admin's new item (sent with the form); null otherwise. */
  agencyField: string | null;
  item: NewsRecord | null;
  values: NewsValues;
  errors: FieldErrors;
  listHref: string;
}

export function NewsFormPage({ ctx, agency, agencyField, item, values, errors, listHref }: NewsFormProps) {
  const title = item ? 'お知らせの編集' : 'お知らせの追加';
  return (
    <ConsoleFramePage ctx={ctx} title={title} crumbs={[HOME, { href: listHref, label: 'お知らせ' }]}>
      <ErrorSummary message={Object.keys(errors).length ? '入力内容に誤りがあります。各項目のメッセージをご確認ください。' : undefined} />
      <p>{`${agency.name}のページに表示するお知らせです。${item ? `現在の状態：${item.published === 1 ? '公開中' : '非公開'}` : '追加したお知らせは、公開するまで表示されません。'}`}</p>
      <div class="news-form">
        <PostForm action={item ? itemHref(item.id) : '/console/news'} csrf={ctx.csrf}>
          {agencyField ? <input type="hidden" name="agency" value={agencyField} /> : null}
          <TextField name="title" label="タイトル" value={values.title} error={errors.title} hint={`必須、${NEWS_TITLE_MAX}文字以内`} maxLength={NEWS_TITLE_MAX} />
          <TextField name="published_on" label="掲載日" type="date" value={values.published_on} error={errors.published_on} hint="例：2026-12-01" />
          <TextArea name="body" label="本文" value={values.body} error={errors.body} hint={`必須、${NEWS_BODY_MAX}文字以内。文字だけが表示されます（HTMLは使えません）。改行はそのまま表示されます。`} maxLength={NEWS_BODY_MAX} />
          <div class="actions">
            <SubmitButton>保存</SubmitButton>
          </div>
        </PostForm>
      </div>
      {item ? (
        <section aria-labelledby="news-actions-heading">
          <h2 id="news-actions-heading">公開と削除</h2>
          <PublishForm ctx={ctx} item={item} />
          <PostForm action={itemHref(item.id, '/delete')} csrf={ctx.csrf}>
            <p>削除したお知らせは元に戻せません。表示をやめるだけなら「非公開にする」をお使いください。</p>
            <div class="actions">
              <button type="submit" class="button danger">
                このお知らせを削除
              </button>
            </div>
          </PostForm>
        </section>
      ) : null}
      <p>
        <a href={listHref}>お知らせの一覧に戻る</a>
      </p>
    </ConsoleFramePage>
  );
}
