import { japanParts } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { findMail, listMail, type MailRow, type MailSummary } from './repository.js';

const LISTED = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A piece of a mail's text: plain text, or a link to this service. */
export type Segment = { text: string } | { text: string; href: string };

// ASCII URL characters only, so Japanese text right after a URL is not swallowed.
const URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?'()]+$/;

/** Whether `url` is on this service: the base URL followed by nothing or by a path, query or fragment. */
function isOwnUrl(url: string, baseUrl: string): boolean {
  if (!url.startsWith(baseUrl)) return false;
  const next = url.charAt(baseUrl.length);
  return next === '' || next === '/' || next === '?' || next === '#';
}

/** Splits text into plain pieces and links; only http(s) URLs beginning with the service's base URL become links. */
export function linkify(text: string, baseUrl: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    const start = match.index;
    if (!isOwnUrl(url, baseUrl)) continue;
    if (start > last) segments.push({ text: text.slice(last, start) });
    segments.push({ text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

/** 2026/11/25 10:10:30 in Japan time, as the guide shows a mail's 受信日. */
export function receivedAtText(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const p = japanParts(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

export async function mailboxList(db: Db): Promise<MailSummary[]> {
  return listMail(db, LISTED);
}

export interface MailView {
  mail: MailRow;
  segments: Segment[];
}

export async function mailboxMessage(db: Db, id: string, baseUrl: string): Promise<MailView | null> {
  if (!UUID.test(id)) return null;
  const mail = await findMail(db, id);
  return mail ? { mail, segments: linkify(mail.text_body, baseUrl) } : null;
}
