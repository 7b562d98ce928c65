import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { AccountHelpLinks } from '../../platform/ui/account-links.js';
import type { AgencyRow } from './repository.js';
import type { AgencyPageData, NewsItem } from './service.js';

/** The service's top page: what it is for, the way in, and the agencies' pages. */
export function TopPage({ ctx, agencies }: { ctx: PageContext; agencies: AgencyRow[] }) {
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
        {agencies.length === 0 ? (
          <p>現在ご案内できる代理店はありません。</p>
        ) : (
          <ul class="agency-list">
            {agencies.map((a) => (
              <li>
                <a href={`/agency/${encodeURIComponent(a.code)}`}>{a.name}</a>
              </li>
            ))}
          </ul>
        )}
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
