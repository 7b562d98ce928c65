import { z } from 'zod';
import { isEmail, normalizeEmail, parseIsoDate } from '../text.js';
import type { FieldErrors } from './form.js';
import { defineCatalogue } from './i18n/catalogue.js';
import type { Locale } from './i18n/locale.js';

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

const formMessages = defineCatalogue(
  'platform/ui/form',
  {
    tooLong: (p: { label: string; max: number }) => `${p.label}は${p.max}文字以内で入力してください。`,
    missing: (p: { label: string }) => `${p.label}を入力してください。`,
    birthDate: '生年月日',
    birthDateInvalid: '生年月日を正しく入力してください（例：1975-01-01）。',
    birthDateFuture: '生年月日に未来の日付は入力できません。',
    email: 'メールアドレス',
    emailInvalid: (p: { label: string }) => `${p.label}を正しく入力してください（例：taro@example.com）。`,
    agree: '利用規約をご確認のうえ、「利用規約に同意します。」にチェックを入れてください。',
  },
  {
    tooLong: (p: { label: string; max: number }) => `${p.label} can be at most ${p.max} characters.`,
    missing: (p: { label: string }) => `${p.label} is required.`,
    birthDate: 'Date of birth',
    birthDateInvalid: 'Please enter your date of birth as a real date (e.g. 1975-01-01).',
    birthDateFuture: 'Your date of birth cannot be in the future.',
    email: 'E-mail address',
    emailInvalid: (p: { label: string }) => `${p.label}: please enter a valid e-mail address (e.g. taro@example.com).`,
    agree: 'Please read the terms of use and tick "I agree to the terms of use."',
  },
);

export const tooLong = (label: string, max: number, locale: Locale = 'ja'): string => formMessages.of(locale).tooLong({ label, max });
export const missing = (label: string, locale: Locale = 'ja'): string => formMessages.of(locale).missing({ label });

/** A birth date: a real date, not in the future (`today` is Japan's calendar date). */
export const birthDateField = (today: string, locale: Locale = 'ja') => {
  const m = formMessages.of(locale);
  return field<string>((raw) => {
    if (raw.trim() === '') return { error: missing(m.birthDate, locale) };
    const value = raw.length > 20 ? null : parseIsoDate(raw);
    if (!value || value < '1900-01-01') return { error: m.birthDateInvalid };
    return value > today ? { error: m.birthDateFuture } : { value };
  });
};

/** An e-mail address field; `label` names it in the messages (default メールアドレス / E-mail address). */
export const emailField = (label?: string, locale: Locale = 'ja') => {
  const m = formMessages.of(locale);
  const name = label ?? m.email;
  return field<string>((raw) => {
    const value = normalizeEmail(raw);
    if (value === '') return { error: missing(name, locale) };
    if (value.length > 254) return { error: tooLong(name, 254, locale) };
    return isEmail(value) ? { value } : { error: m.emailInvalid({ label: name }) };
  });
};

/** 利用規約に同意します。 ticked. */
export const agreeField = (locale: Locale = 'ja') => field<true>((raw) => (raw === '1' ? { value: true as const } : { error: formMessages.of(locale).agree }));
