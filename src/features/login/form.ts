import { z } from 'zod';
import type { FieldErrors } from '../../platform/ui/form.js';
import { safeReturnPath } from '../../platform/http/require-login.js';
import { type Locale, perLocale } from '../../platform/ui/i18n/locale.js';
import { loginMessages } from './messages.js';
import { USER_ID_MAX_LENGTH, normalizeUserId } from './user-id.js';

/** Anything but a single string (missing, an array from repeated fields…) reads as empty. */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const PASSWORD_MAX_LENGTH = 128;

function buildLoginForm(locale: Locale) {
  const m = loginMessages.of(locale);
  return z.object({
    userId: z.preprocess(
      text,
      z
        .string()
        .transform(normalizeUserId)
        .pipe(z.string().min(1, m.userIdMissing).max(USER_ID_MAX_LENGTH, m.userIdTooLong({ max: USER_ID_MAX_LENGTH }))),
    ),
    password: z.preprocess(text, z.string().min(1, m.passwordMissing).max(PASSWORD_MAX_LENGTH, m.passwordTooLong({ max: PASSWORD_MAX_LENGTH }))),
  });
}

const loginForms = perLocale(buildLoginForm);

export interface LoginForm {
  userId: string;
  password: string;
}

export type ParsedLoginForm =
  | { ok: true; form: LoginForm; next: string | null }
  | { ok: false; errors: FieldErrors; typedUserId: string; next: string | null };

const fieldOf = (body: Record<string, unknown>, name: string) => text(body[name]);

/** Reads the posted login form; never throws, whatever was sent. */
export function parseLoginForm(raw: unknown, locale: Locale = 'ja'): ParsedLoginForm {
  const body = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const next = safeReturnPath(body.next);
  const result = loginForms[locale].safeParse({ userId: body.userId, password: body.password });
  if (result.success) return { ok: true, form: result.data, next };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'userId');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, typedUserId: fieldOf(body, 'userId').slice(0, USER_ID_MAX_LENGTH), next };
}
