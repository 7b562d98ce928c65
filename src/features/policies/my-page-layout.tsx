import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import type { MyPageData } from './customer-policies.js';
import { myPageMessages } from './my-page-messages.js';

// The frame of every page of the logged-in customer (seed screen 11): mypage's tabs and 各種変更の手続き share it.

/** The tabs; `message` names each tab's label (myPageMessages). */
export const TABS = [
  { id: 'home', href: '/mypage', message: 'tabHome' },
  { id: 'policies', href: '/mypage/policies', message: 'tabPolicies' },
  { id: 'changes', href: '/mypage/changes', message: 'tabChanges' },
  { id: 'renewals', href: '/mypage/renewals', message: 'tabRenewals' },
  { id: 'other', href: '/mypage/other', message: 'tabOther' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

export interface TabProps {
  ctx: PageContext;
  data: MyPageData;
}

/** A tab's name in the page's language. */
export const tabLabel = (id: TabId, locale: Locale): string => myPageMessages.of(locale)[(TABS.find((t) => t.id === id) ?? TABS[0]).message];

function PreviousLogin({ at, locale }: { at: string | null; locale: Locale }) {
  const m = myPageMessages.of(locale);
  return (
    <p class="previous-login">
      <span class="label">{m.previousLogin}</span> {at ? <time dateTime={at}>{formatDateTime(locale, new Date(at))}</time> : <span>{m.firstLogin}</span>}
    </p>
  );
}

/** 「三住 太郎 様」, 前回ログイン日時 and the tabs around every home page (seed screen 11). */
export function MyPageLayout({ ctx, data, active, children }: TabProps & { active: TabId; children: ComponentChildren }) {
  const m = myPageMessages.of(ctx.locale);
  const title = tabLabel(active, ctx.locale);
  const { customer } = data;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{m.greeting({ family: customer.family_name, given: customer.given_name })}</h1>
      <PreviousLogin at={customer.previous_login_at} locale={ctx.locale} />
      <nav aria-label={m.menu}>
        <ul class="tabs">
          {TABS.map((t) => (
            <li>
              <a href={t.href} aria-current={t.id === active ? 'page' : undefined}>
                {m[t.message]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="tab-panel" aria-labelledby="tab-heading">
        <h2 id="tab-heading">{title}</h2>
        {children}
      </section>
    </Layout>
  );
}
