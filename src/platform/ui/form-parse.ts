import { z } from 'zod';
import { isEmail, normalizeEmail, parseIsoDate } from '../text.js';
import type { FieldErrors } from './form.js';

// Form fields arrive as whatever the client sent: a missing field, an array or an object
// is read as an empty string, so a crafted request gets a message, never a 500.
export const formText = z.unknown().transform((value) => (typeof value === 'string' ? value : ''));

export type Check<T> = { value: T } | { error: string };

/** A form field: its text, checked and normalised by `check`, with a Japanese message on failure. */
export function field<T>(check: (raw: string) => Check<T>) {
  return formText.transform((raw, ctx): T => {
    const result = check(raw);
    if ('error' in result) {
      ctx.addIssue({ code: 'custom', message: result.error });
      return z.NEVER;
    }
    return result.value;
  });
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Parses a form body; on failure the first message for each field. */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown): FormResult<T> {
  const parsed = schema.safeParse(typeof body === 'object' && body !== null ? body : {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** What was typed, to show the form again (strings only; never passwords). */
export function typedValues<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(names.map((name) => [name, typeof source[name] === 'string' ? (source[name] as string) : ''])) as Record<K, string>;
}

export const tooLong = (label: string, max: number): string => `${label}は${max}文字以内で入力してください。`;
export const missing = (label: string): string => `${label}を入力してください。`;

/** A birth date: a real date, not in the future (`today` is Japan's calendar date). */
export const birthDateField = (today: string) =>
  field<string>((raw) => {
    if (raw.trim() === '') return { error: missing('生年月日') };
    const value = raw.length > 20 ? null : parseIsoDate(raw);
    if (!value || value < '1900-01-01') return { error: '生年月日を正しく入力してください（例：1975-01-01）。' };
    return value > today ? { error: '生年月日に未来の日付は入力できません。' } : { value };
  });

export const emailField = (label = 'メールアドレス') =>
  field<string>((raw) => {
    const value = normalizeEmail(raw);
    if (value === '') return { error: missing(label) };
    if (value.length > 254) return { error: tooLong(label, 254) };
    return isEmail(value) ? { value } : { error: `${label}を正しく入力してください（例：taro@example.com）。` };
  });

export const agreeField = field<true>((raw) => (raw === '1' ? { value: true as const } : { error: '利用規約をご確認のうえ、「利用規約に同意します。」にチェックを入れてください。' }));
