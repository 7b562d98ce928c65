import type { Page } from 'playwright-core';
import type { CaughtMail } from './mail-catcher.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Shows a received mail (subject, from, text) as a simple phone page, for the guide's mail screenshot. */
export async function showMail(page: Page, mail: CaughtMail): Promise<void> {
  await page.setContent(
    `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:"Noto Sans CJK JP",sans-serif;margin:0;padding:1rem;line-height:1.6;color:#1f2933}
dl{margin:0 0 1rem;border-bottom:1px solid #d9dee4;padding-bottom:.5rem}dt{font-weight:700;font-size:.8rem;color:#52606d}dd{margin:0 0 .4rem}
pre{white-space:pre-wrap;word-break:break-all;font-family:inherit;margin:0}</style></head>
<body><dl><dt>件名</dt><dd id="subject">${escapeHtml(mail.subject)}</dd><dt>差出人</dt><dd>${escapeHtml(mail.from)}</dd><dt>宛先</dt><dd>${escapeHtml(mail.to)}</dd></dl>
<pre id="text">${escapeHtml(mail.text)}</pre></body></html>`,
  );
}

/** The mail's link, on the test server's origin (the mail carries BASE_URL's). */
export function linkOn(baseUrl: string, url: string): string {
  const parsed = new URL(url);
  return `${baseUrl}${parsed.pathname}${parsed.search}`;
}
