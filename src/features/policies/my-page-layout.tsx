import type { ComponentChildren } from 'preact';
import { formatDateTimeJa } from '../../platform/clock.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import type { MyPageData } from './customer-policies.js';

// The frame of every page of the logged-in customer (seed screen 11): mypage's tabs and 各種変更の手続き share it.

export const TABS = [
  { id: 'home', href: '/mypage', label: 'ホーム' },
  { id: 'policies', href: '/mypage/policies', label: '契約内容の確認' },
  { id: 'changes', href: '/mypage/changes', label: '各種変更の手続き' },
  { id: 'renewals', href: '/mypage/renewals', label: '契約の継続手続' },
  { id: 'other', href: '/mypage/other', label: 'その他の手続' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

export interface TabProps {
  ctx: PageContext;
  data: MyPageData;
}

function PreviousLogin({ at }: { at: string | null }) {
  return (
    <p class="previous-login">
      <span class="label">前回ログイン日時</span> {at ? <time dateTime={at}>{formatDateTimeJa(new Date(at))}</time> : <span>初めてのログインです</span>}
    </p>
  );
}

/** 「三住 太郎 様」, 前回ログイン日時 and the tabs around every home page (seed screen 11). */
export function MyPageLayout({ ctx, data, active, children }: TabProps & { active: TabId; children: ComponentChildren }) {
  const tab = TABS.find((t) => t.id === active) ?? TABS[0];
  const { customer } = data;
  return (
    <Layout ctx={ctx} title={tab.label}>
      <h1>{`${customer.family_name} ${customer.given_name} 様`}</h1>
      <PreviousLogin at={customer.previous_login_at} />
      <nav aria-label="お客さまメニュー">
        <ul class="tabs">
          {TABS.map((t) => (
            <li>
              <a href={t.href} aria-current={t.id === active ? 'page' : undefined}>
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="tab-panel" aria-labelledby="tab-heading">
        <h2 id="tab-heading">{tab.label}</h2>
        {children}
      </section>
    </Layout>
  );
}
