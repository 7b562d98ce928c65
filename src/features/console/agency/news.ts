import { parseIsoDate } from '../../../platform/text.js';
import { missing, tooLong } from '../../../platform/ui/form-parse.js';
import type { FieldErrors } from '../../../platform/ui/form.js';

// お知らせ's fields, checked without I/O: plain text, never HTML (the page escapes it).

export const NEWS_TITLE_MAX = 100;
export const NEWS_BODY_MAX = 2000;
export const NEWS_FIELDS = ['title', 'published_on', 'body'] as const;

export interface NewsInput {
  title: string;
  publishedOn: string;
  body: string;
}

const length = (text: string): number => [...text].length;
// Control characters other than the line breaks and tabs a body may hold.
const CONTROL = /[\p{Cc}]/u;
const BODY_CONTROL = /[^\P{Cc}\n\t]/u;

/** The form's values as a news item, or a message for each field that is wrong. */
export function parseNews(values: Record<(typeof NEWS_FIELDS)[number], string>): { ok: true; value: NewsInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = values.title.trim();
  if (title === '') errors.title = missing('タイトル');
  else if (length(title) > NEWS_TITLE_MAX) errors.title = tooLong('タイトル', NEWS_TITLE_MAX);
  else if (CONTROL.test(title)) errors.title = 'タイトルに使用できない文字が含まれています。';
  const publishedOn = values.published_on.length > 20 ? null : parseIsoDate(values.published_on);
  if (values.published_on.trim() === '') errors.published_on = missing('掲載日');
  else if (!publishedOn) errors.published_on = '掲載日を正しく入力してください（例：2026-12-01）。';
  const body = values.body.replace(/\r\n?/g, '\n').replace(/\s+$/u, '');
  if (body.trim() === '') errors.body = missing('本文');
  else if (length(body) > NEWS_BODY_MAX) errors.body = tooLong('本文', NEWS_BODY_MAX);
  else if (BODY_CONTROL.test(body)) errors.body = '本文に使用できない文字が含まれています。';
  if (Object.keys(errors).length || !publishedOn) return { ok: false, errors };
  return { ok: true, value: { title, publishedOn, body } };
}
