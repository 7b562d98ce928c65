import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { AccountHelpLinks } from '../../platform/ui/account-links.js';
import type { AgencyRow } from './repository.js';
import { SubmitButton, TextField } from '../../platform/ui/form.js';
import { formatDate } from '../../platform/ui/i18n/format.js';
import { useLocale } from '../../platform/ui/i18n/context.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { FINDER_QUERY_MAX_LENGTH, type AgencyPageData, type FinderProblem, type NewsItem, type TopPageAgencies } from './service.js';
import { agencyHomeMessages } from './messages.js';

function finderProblem(problem: FinderProblem, locale: Locale): string {
  const m = agencyHomeMessages.of(locale);
  if (problem === 'empty') return m.problemEmpty;
  if (problem === 'too_long') return m.problemTooLong({ max: FINDER_QUERY_MAX_LENGTH });
  return m.problemBadPage;
}

const agencyHref = (code: string): string => `/agency/${encodeURIComponent(code)}`;
const resultsHref = (q: string, page: number): string => `/?${new URLSearchParams({ q, page: String(page) }).toString()}`;

/** The agency finder: a GET form, so it works without JavaScript and its results can be bookmarked. */
function AgencyFinder({ q, error }: { q?: string; error?: string }) {
  const m = agencyHomeMessages.of(useLocale());
  return (
    <form method="get" action="/" class="agency-finder" role="search" aria-label={m.finderLabel}>
      <TextField name="q" label={m.finderField} value={q ?? ''} error={error} maxLength={FINDER_QUERY_MAX_LENGTH} hint={m.finderHint} />
      <SubmitButton>{m.search}</SubmitButton>
    </form>
  );
}

function AgencyLinks({ agencies, withCode }: { agencies: AgencyRow[]; withCode: boolean }) {
  const m = agencyHomeMessages.of(useLocale());
  return (
    <ul class="agency-list">
      {agencies.map((a) => (
        <li>
          <a href={agencyHref(a.code)}>{a.name}</a>
          {withCode ? <span class="agency-code">{m.agencyCode({ code: a.code })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function FinderResults({ found }: { found: Extract<TopPageAgencies, { kind: 'results' }> }) {
  const m = agencyHomeMessages.of(useLocale());
  const last = found.first + found.agencies.length - 1;
  return (
    <>
      <AgencyFinder q={found.q} />
      <p class="finder-count" role="status">
        {found.total === 0 ? m.noMatch({ q: found.q }) : m.matches({ q: found.q, total: found.total, first: found.first, last })}
      </p>
      {found.total === 0 ? <p class="hint">{m.noMatchHint}</p> : <AgencyLinks agencies={found.agencies} withCode />}
      {found.pageCount > 1 ? (
        <nav aria-label={m.resultPages} class="pager">
          {found.page > 1 ? <a href={resultsHref(found.q, found.page - 1)}>{m.previous}</a> : null}
          <span>{m.pageOf({ page: found.page, count: found.pageCount })}</span>
          {found.page < found.pageCount ? <a href={resultsHref(found.q, found.page + 1)}>{m.next}</a> : null}
        </nav>
      ) : null}
    </>
  );
}

function AgenciesSection({ agencies }: { agencies: TopPageAgencies }) {
  const locale = useLocale();
  const m = agencyHomeMessages.of(locale);
  switch (agencies.kind) {
    case 'list':
      return agencies.agencies.length === 0 ? <p>{m.noAgencies}</p> : <AgencyLinks agencies={agencies.agencies} withCode={false} />;
    case 'finder':
      return (
        <>
          <p>{m.finderIntro}</p>
          <AgencyFinder />
        </>
      );
    case 'problem':
      return <AgencyFinder q={agencies.q} error={finderProblem(agencies.problem, locale)} />;
    case 'results':
      return <FinderResults found={agencies} />;
  }
}

/** The service's top page: what it is for, the way in, and the agencies' pages (listed when few, else the finder). */
export function TopPage({ ctx, agencies }: { ctx: PageContext; agencies: TopPageAgencies }) {
  const m = agencyHomeMessages.of(ctx.locale);
  const brand = { brand: ctx.brand.name };
  return (
    <Layout ctx={ctx} title={m.topTitle}>
      <h1>{m.topHeading(brand)}</h1>
      <p>{m.topIntro(brand)}</p>
      <ul>
        <li>{m.checkPolicies}</li>
        <li>{m.renewAuto}</li>
        <li>{m.changeDetails}</li>
      </ul>
      <div class="actions">
        {ctx.loggedIn ? (
          <a class="button primary" href="/mypage">
            {m.toHome}
          </a>
        ) : (
          <a class="button primary" href="/login">
            {m.login}
          </a>
        )}
      </div>
      <ul class="link-list">
        <AccountHelpLinks />
        <li>
          <a href="/environment">{m.environmentAndHours}</a>
        </li>
      </ul>
      <section aria-labelledby="agencies-heading">
        <h2 id="agencies-heading">{m.agencies}</h2>
        <AgenciesSection agencies={agencies} />
      </section>
    </Layout>
  );
}

function NewsArticle({ item }: { item: NewsItem }) {
  const locale = useLocale();
  return (
    <article class="news-item">
      <h3>
        {item.isoDate ? <time datetime={item.isoDate}>{formatDate(locale, item.isoDate)}</time> : <span class="news-date">{item.dateText}</span>}
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
  const m = agencyHomeMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={agency.name}>
      <p class="eyebrow">{m.agencyEyebrow({ brand: ctx.brand.name })}</p>
      <h1>{agency.name}</h1>
      <section class="news" aria-labelledby="news-heading">
        <h2 id="news-heading">{m.news}</h2>
        {news.length === 0 ? <p>{m.noNews}</p> : news.map((item) => <NewsArticle item={item} />)}
      </section>
      <section class="agency-login" aria-labelledby="login-heading">
        <h2 id="login-heading">{m.serviceHeading}</h2>
        <p>{m.serviceIntro}</p>
        <p>
          <a class="button primary" href="/login">
            {m.login}
          </a>
        </p>
        <p class="hint">{m.serviceHint}</p>
      </section>
    </Layout>
  );
}
