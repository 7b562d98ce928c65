import type { ComponentChildren } from 'preact';
import { formatDateTimeJa } from '../../platform/clock.js';
import { WideLayout } from '../../platform/ui/console-layout.js';
import { NONE } from '../policies/labels.js';
import type { ConsolePageContext } from './views.js';

// What the console's list and details pages share: the frame with breadcrumbs, the pager, times.

export const CONSOLE_HOME = { href: '/console', label: 'コンソール トップ' };

export const at = (iso: string | null): string => (iso ? formatDateTimeJa(new Date(iso)) : NONE);

export function ConsoleFramePage({ ctx, title, crumbs, children }: { ctx: ConsolePageContext; title: string; crumbs: Array<{ href: string; label: string }>; children: ComponentChildren }) {
  return (
    <WideLayout ctx={ctx} title={title}>
      <nav aria-label="現在の位置" class="breadcrumbs">
        <ol>
          {crumbs.map((c) => (
            <li>
              <a href={c.href}>{c.label}</a>
            </li>
          ))}
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <h1>{title}</h1>
      {children}
    </WideLayout>
  );
}

export function Pager({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav aria-label={label} class="pager">
      {page > 1 ? <a href={href(Math.min(page - 1, pages))} rel="prev">前へ</a> : <span class="disabled">前へ</span>}
      <span>{`${page} / ${pages}ページ`}</span>
      {page < pages ? <a href={href(page + 1)} rel="next">次へ</a> : <span class="disabled">次へ</span>}
    </nav>
  );
}

export const PAGE_SIZE = 20;
export const MAX_LIST_PAGE = 500;

/** ?page=N (1 by default); null when it is not a page number. */
export function listPageOf(raw: unknown): number | null {
  const text = typeof raw === 'string' && raw !== '' ? raw : '1';
  const page = /^[1-9]\d{0,3}$/.test(text) ? Number(text) : NaN;
  return page >= 1 && page <= MAX_LIST_PAGE ? page : null;
}

export const pagesOf = (total: number): number => Math.max(1, Math.ceil(total / PAGE_SIZE));

/** A dense table of the console, or a sentence when it has no rows. */
export function Table({ caption, head, rows, empty }: { caption: string; head: string[]; rows: ComponentChildren[][]; empty: string }) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <table class="desk-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells) => (
          <tr>
            {cells.map((c) => (
              <td>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
