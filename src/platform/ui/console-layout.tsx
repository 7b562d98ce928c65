import type { ComponentChildren } from 'preact';
import { CsrfField } from './form.js';

/** What the wide office-screen layout needs: the site's name, who is signed in, and the form token. */
export interface WideLayoutContext {
  /** Shown in the header and the title, e.g. the brand and the site's name. */
  siteName: string;
  homeHref: string;
  csrf: string;
  /** The signed-in person and a line about them (their role), with where the sign-out form posts. */
  user: { name: string; detail: string; signOutAction: string; signOutLabel: string } | null;
}

/** A page for 1280 px office screens: header with the person and a sign-out button, a wide main. No script. */
export function WideLayout({ ctx, title, children }: { ctx: WideLayoutContext; title: string; children: ComponentChildren }) {
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${ctx.siteName}`}</title>
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="icon" type="image/png" href="/static/favicon.png" />
      </head>
      <body class="wide">
        <header class="site-header">
          <a class="brand" href={ctx.homeHref}>
            {ctx.siteName}
          </a>
          {ctx.user ? (
            <div class="signed-in">
              <span class="signed-in-name">{ctx.user.name}</span> <span class="signed-in-detail">（{ctx.user.detail}）</span>
              <form method="post" action={ctx.user.signOutAction} class="logout">
                <CsrfField token={ctx.csrf} />
                <button type="submit" class="link-button">
                  {ctx.user.signOutLabel}
                </button>
              </form>
            </div>
          ) : null}
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
