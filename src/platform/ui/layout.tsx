import type { ComponentChildren } from 'preact';
import type { BrandConfig } from '../../config.js';
import type { PageContext } from './page-context.js';
import { CsrfField } from './form.js';
import { BRAND_LOGO_PATH } from '../http/brand-logo.js';

export function ContactBlock({ brand, openNow }: { brand: BrandConfig; openNow: boolean }) {
  return (
    <aside class="contact" aria-label="お問い合わせ">
      <h2>お問い合わせ</h2>
      <p class="contact-desk">
        {brand.name} {brand.deskName}
      </p>
      <p class="contact-phone">
        <a href={`tel:${brand.deskPhone.replace(/[^0-9+]/g, '')}`}>{brand.deskPhone}</a> (無料)
      </p>
      <p>
        受付時間：(月～金) {brand.deskOpen.replace(/^0/, '')}～{brand.deskClose.replace(/^0/, '')}
      </p>
      <p class="contact-note">※土日、祝日、年末年始(12月29日～1月3日)はお休みさせていただきます。</p>
      <p class={openNow ? 'desk-state open' : 'desk-state closed'}>
        {openNow ? '現在受付中です' : '現在受付時間外です'}
      </p>
    </aside>
  );
}

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Hides the contact block (e.g. on the maintenance page it is part of the notice). */
  bare?: boolean;
  /** Same-origin scripts of this page (only the passkey pages have any: platform/ui/webauthn.tsx). */
  scripts?: readonly string[];
  /** The page's meta description (search results); default: what the service does. */
  description?: string;
}

const describe = (brandName: string) =>
  `${brandName}のお客さまWebサービスです。ご契約内容の確認、自動車保険の継続手続、住所やメールアドレスの変更をインターネットでお手続きいただけます。`;

export function Layout({ ctx, title, children, bare, scripts, description }: LayoutProps) {
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${ctx.brand.name} お客さまWebサービス`}</title>
        <meta name="description" content={description ?? describe(ctx.brand.name)} />
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="icon" type="image/png" href="/static/favicon.png" />
        {(scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <header class="site-header">
          <a class="brand" href="/">
            {ctx.brand.logo ? <img class="brand-logo" src={BRAND_LOGO_PATH} alt="" height={32} /> : null}
            {ctx.brand.name}{' '}
            {/* A phone keeps the words whole and drops お客さま visually (screen readers still hear it). */}
            <span class="brand-service">
              <span class="brand-long">お客さま</span>Webサービス
            </span>
          </a>
          {ctx.loggedIn ? (
            <form method="post" action="/logout" class="logout">
              <CsrfField token={ctx.csrf} />
              <button type="submit" class="link-button">ログアウト</button>
            </form>
          ) : null}
        </header>
        <main id="main">{children}</main>
        {bare ? null : <ContactBlock brand={ctx.brand} openNow={ctx.deskOpenNow} />}
        <footer class="site-footer">
          <a href="/terms">利用規約</a> <a href="/environment">推奨環境</a>
          {ctx.devMailbox ? <a href="/dev/mailbox">開発用メールボックス</a> : null}
          <p>© {ctx.brand.companyName}</p>
        </footer>
      </body>
    </html>
  );
}
