import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { AccountHelpLinks } from '../../platform/ui/account-links.js';
import type { AgencyRow } from './repository.js';
import { SubmitButton, TextField } from '../../platform/ui/form.js';
import { FINDER_QUERY_MAX_LENGTH, type AgencyPageData, type FinderProblem, type NewsItem, type TopPageAgencies } from './service.js';

const FINDER_PROBLEMS: Record<FinderProblem, string> = {
  empty: '代理店名または代理店コードを入力してください。',
  too_long: `${FINDER_QUERY_MAX_LENGTH}文字以内で入力してください。`,
  bad_page: 'ページの指定が正しくありません。もう一度検索してください。',
};

const agencyHref = (code: string): string => `/agency/${encodeURIComponent(code)}`;
const resultsHref = (q: string, page: number): string => `/?${new URLSearchParams({ q, page: String(page) }).toString()}`;

/** The agency finder: a GET form, so it works without JavaScript and its results can be bookmarked. */
function AgencyFinder({ q, error }: { q?: string; error?: string }) {
  return (
    <form method="get" action="/" class="agency-finder" role="search" aria-label="代理店を探す">
      <TextField
        name="q"
        label="代理店名または代理店コード"
        value={q ?? ''}
        error={error}
        maxLength={FINDER_QUERY_MAX_LENGTH}
        hint="名前の最初の文字から入力してください（ひらがな・カタカナ、全角・半角のどちらでも探せます）。例：みらい、D0001"
      />
      <SubmitButton>検索</SubmitButton>
    </form>
  );
}

function AgencyLinks({ agencies, withCode }: { agencies: AgencyRow[]; withCode: boolean }) {
  return (
    <ul class="agency-list">
      {agencies.map((a) => (
        <li>
          <a href={agencyHref(a.code)}>{a.name}</a>
          {withCode ? <span class="agency-code">{`（代理店コード ${a.code}）`}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function FinderResults({ found }: { found: Extract<TopPageAgencies, { kind: 'results' }> }) {
  const last = found.first + found.agencies.length - 1;
  return (
    <>
      <AgencyFinder q={found.q} />
      <p class="finder-count" role="status">
        {found.total === 0 ? `「${found.q}」に一致する代理店は見つかりませんでした。` : `「${found.q}」に一致する代理店は${found.total}件です（${found.first}～${last}件目を表示）。`}
      </p>
      {found.total === 0 ? <p class="hint">代理店名の最初の文字から、または代理店コードで入力してください。</p> : <AgencyLinks agencies={found.agencies} withCode />}
      {found.pageCount > 1 ? (
        <nav aria-label="検索結果のページ" class="pager">
          {found.page > 1 ? <a href={resultsHref(found.q, found.page - 1)}>前へ</a> : null}
          <span>{`${found.page} / ${found.pageCount}ページ`}</span>
          {found.page < found.pageCount ? <a href={resultsHref(found.q, found.page + 1)}>次へ</a> : null}
        </nav>
      ) : null}
    </>
  );
}

function AgenciesSection({ agencies }: { agencies: TopPageAgencies }) {
  switch (agencies.kind) {
    case 'list':
      return agencies.agencies.length === 0 ? <p>現在ご案内できる代理店はありません。</p> : <AgencyLinks agencies={agencies.agencies} withCode={false} />;
    case 'finder':
      return (
        <>
          <p>お取引の代理店のページは、代理店名または代理店コードで探せます。</p>
          <AgencyFinder />
        </>
      );
    case 'problem':
      return <AgencyFinder q={agencies.q} error={FINDER_PROBLEMS[agencies.problem]} />;
    case 'results':
      return <FinderResults found={agencies} />;
  }
}

/** The service's top page: what it is for, the way in, and the agencies' pages (listed when few, else the finder). */
export function TopPage({ ctx, agencies }: { ctx: PageContext; agencies: TopPageAgencies }) {
  const title = `${ctx.brand.name} お客さまWebサービス`;
  return (
    <Layout ctx={ctx} title="トップページ">
      <h1>{title}</h1>
      <p>{ctx.brand.name}のご契約者さま専用のサービスです。インターネットで、次のお手続きができます。</p>
      <ul>
        <li>契約内容の確認</li>
        <li>自動車保険の継続手続</li>
        <li>ご住所・メールアドレス・パスワードの変更</li>
      </ul>
      <div class="actions">
        {ctx.loggedIn ? (
          <a class="button primary" href="/mypage">
            ホームへ
          </a>
        ) : (
          <a class="button primary" href="/login">
            ログイン
          </a>
        )}
      </div>
      <ul class="link-list">
        <AccountHelpLinks />
        <li>
          <a href="/environment">推奨環境・ご利用可能時間</a>
        </li>
      </ul>
      <section aria-labelledby="agencies-heading">
        <h2 id="agencies-heading">取扱代理店</h2>
        <AgenciesSection agencies={agencies} />
      </section>
    </Layout>
  );
}

function NewsArticle({ item }: { item: NewsItem }) {
  return (
    <article class="news-item">
      <h3>
        {item.isoDate ? <time datetime={item.isoDate}>{item.dateText}</time> : <span class="news-date">{item.dateText}</span>}
        <span class="news-title">{item.title}</span>
      </h3>
      {item.paragraphs.map((p) => (
        <p>{p}</p>
      ))}
    </article>
  );
}

/** An agency's page (guide screen 1): its name, its news, and the way to log in. */
export function AgencyPage({ ctx, data }: { ctx: PageContext; data: AgencyPageData }) {
  const { agency, news } = data;
  return (
    <Layout ctx={ctx} title={agency.name}>
      <p class="eyebrow">{ctx.brand.name} 保険代理店</p>
      <h1>{agency.name}</h1>
      <section class="news" aria-labelledby="news-heading">
        <h2 id="news-heading">お知らせ</h2>
        {news.length === 0 ? <p>現在お知らせはありません。</p> : news.map((item) => <NewsArticle item={item} />)}
      </section>
      <section class="agency-login" aria-labelledby="login-heading">
        <h2 id="login-heading">お客さまWebサービス</h2>
        <p>ご契約内容の確認や自動車保険の継続手続は、お客さまWebサービスで承ります。</p>
        <p>
          <a class="button primary" href="/login">
            ログイン
          </a>
        </p>
        <p class="hint">※こちらからお客さまWebサービスにログインします。初めての方は、ログイン画面の「初めてご利用いただく方はこちら」から利用登録してください。</p>
      </section>
    </Layout>
  );
}
