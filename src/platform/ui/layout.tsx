import type { ComponentChildren } from 'preact';
import type { BrandConfig } from '../../config.js';
import type { PageContext } from './page-context.js';
import { CsrfField } from './form.js';
import { BRAND_LOGO_PATH } from '../http/brand-logo.js';
import { LocaleContext } from './i18n/context.js';
import type { Locale } from './i18n/locale.js';
import { LANGUAGE_PATH } from './i18n/locale.js';
import { uiMessages } from './messages.js';

export function ContactBlock({ brand, openNow, locale }: { brand: BrandConfig; openNow: boolean; locale: Locale }) {
  const m = uiMessages.of(locale);
  return (
    <aside class="contact" aria-label={m.contact}>
      <h2>{m.contact}</h2>
      <p class="contact-desk">
        {brand.name} {brand.deskName}
      </p>
      <p class="contact-phone">
        <a href={`tel:${brand.deskPhone.replace(/[^0-9+]/g, '')}`}>{brand.deskPhone}</a> {m.free}
      </p>
      <p>{m.deskHours({ open: brand.deskOpen.replace(/^0/, ''), close: brand.deskClose.replace(/^0/, '') })}</p>
      <p class="contact-note">{m.deskClosedDays}</p>
      <p class={openNow ? 'desk-state open' : 'desk-state closed'}>{openNow ? m.deskOpenNow : m.deskClosedNow}</p>
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

/** The header's English / 日本語 link: to the other language, back to this page. */
const switchHref = (ctx: PageContext, other: Locale): string => `${LANGUAGE_PATH}/${other}?next=${encodeURIComponent(ctx.path)}`;

export function Layout({ ctx, title, children, bare, scripts, description }: LayoutProps) {
  const m = uiMessages.of(ctx.locale);
  const other: Locale = ctx.locale === 'ja' ? 'en' : 'ja';
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${ctx.brand.name} ${m.service}`}</title>
        <meta name="description" content={description ?? m.description({ brand: ctx.brand.name })} />
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="icon" type="image/png" href="/static/favicon.png" />
        {(scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <LocaleContext.Provider value={ctx.locale}>
          <header class="site-header">
            <a class="brand" href="/">
              {ctx.brand.logo ? <img class="brand-logo" src={BRAND_LOGO_PATH} alt="" height={32} /> : null}
              {ctx.brand.name}{' '}
              {/* A phone keeps the words whole and drops お客さま visually (screen readers still hear it). */}
              <span class="brand-service">
                <span class="brand-long">{m.serviceShortPrefix}</span>
                {m.serviceShortRest}
              </span>
            </a>
            <nav class="header-actions">
              <a class="language" href={switchHref(ctx, other)} hreflang={other} lang={other} aria-label={m.switchLanguageLabel}>
                {m.switchLanguage}
              </a>
              {ctx.loggedIn ? (
                <form method="post" action="/logout" class="logout">
                  <CsrfField token={ctx.csrf} />
                  <button type="submit" class="link-button">{m.logout}</button>
                </form>
              ) : null}
            </nav>
          </header>
          <main id="main">{children}</main>
          {bare ? null : <ContactBlock brand={ctx.brand} openNow={ctx.deskOpenNow} locale={ctx.locale} />}
          <footer class="site-footer">
            <a href="/terms">{m.terms}</a> <a href="/environment">{m.environment}</a>
            {ctx.devMailbox ? <a href="/dev/mailbox">{m.devMailbox}</a> : null}
            <p>© {ctx.brand.companyName}</p>
          </footer>
        </LocaleContext.Provider>
      </body>
    </html>
  );
}
