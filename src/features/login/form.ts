import { z } from 'zod';
import type { FieldErrors } from '../../platform/ui/form.js';
import { safeReturnPath } from '../../platform/http/require-login.js';
import { USER_ID_MAX_LENGTH, normalizeUserId } from './user-id.js';

/** Anything but a single string (missing, an array from repeated fields…) reads as empty. */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const PASSWORD_MAX_LENGTH = 128;

const loginForm = z.object({
  userId: z.preprocess(
    text,
    z
      .string()
      .transform(normalizeUserId)
      .pipe(z.string().min(1, 'ユーザーIDを入力してください。').max(USER_ID_MAX_LENGTH, `ユーザーIDは${USER_ID_MAX_LENGTH}文字以内で入力してください。`)),
  ),
  password: z.preprocess(
    text,
    z.string().min(1, 'パスワードを入力してください。').max(PASSWORD_MAX_LENGTH, `パスワードは${PASSWORD_MAX_LENGTH}文字以内で入力してください。`),
  ),
});

export interface LoginForm {
  userId: string;
  password: string;
}

export type ParsedLoginForm =
  | { ok: true; form: LoginForm; next: string | null }
  | { ok: false; errors: FieldErrors; typedUserId: string; next: string | null };

const fieldOf = (body: Record<string, unknown>, name: string) => text(body[name]);

/** Reads the posted login form; never throws, whatever was sent. */
export function parseLoginForm(raw: unknown): ParsedLoginForm {
  const body = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const next = safeReturnPath(body.next);
  const result = loginForm.safeParse({ userId: body.userId, password: body.password });
  if (result.success) return { ok: true, form: result.data, next };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'userId');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, typedUserId: fieldOf(body, 'userId').slice(0, USER_ID_MAX_LENGTH), next };
}
