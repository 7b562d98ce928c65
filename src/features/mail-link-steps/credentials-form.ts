import { z } from 'zod';
import type { FieldErrors } from '../../platform/ui/form.js';
import { agreeField, emailField, parseForm, typedValues, type FormResult } from '../../platform/ui/form-parse.js';
import { normalizeEmail } from '../../platform/text.js';
import { passwordProblem, type PasswordPolicy } from '../../platform/auth/password-rule.js';

export const USER_ID_LABEL = 'メールアドレス（ユーザーID）';

const base = z.object({ user_id: emailField(USER_ID_LABEL), agree: agreeField() });

export const USER_ID_NOT_MAILED = 'ユーザーIDには、ご案内メールを受信したメールアドレスをご指定ください。';

/**
 * The ID/password step: the user ID (NFKC, lower case) twice, the password twice, the terms.
 * The user ID must be `mailedTo`, the address the one-time mail reached.
 */
export function parseCredentialsForm(body: unknown, policy: PasswordPolicy, mailedTo: string): FormResult<{ userId: string; password: string }> {
  const parsed = parseForm(base, body);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const typed = typedValues(body, ['user_id', 'user_id_confirm', 'password', 'password_confirm']);
  const userId = parsed.ok ? parsed.value.user_id : normalizeEmail(typed.user_id ?? '');
  const userIdConfirm = typed.user_id_confirm ?? '';
  if (!errors.user_id && userId !== normalizeEmail(mailedTo)) errors.user_id = USER_ID_NOT_MAILED;
  if (!errors.user_id) {
    if (userIdConfirm.trim() === '') errors.user_id_confirm = 'メールアドレス（確認用）を入力してください。';
    else if (normalizeEmail(userIdConfirm) !== userId) errors.user_id_confirm = 'メールアドレス（確認用）がメールアドレス（ユーザーID）と一致しません。';
  }
  const password = typed.password ?? '';
  const problem = passwordProblem(password, userId, policy);
  if (problem) errors.password = problem;
  else if ((typed.password_confirm ?? '') === '') errors.password_confirm = 'パスワード（確認用）を入力してください。';
  else if (typed.password_confirm !== password) errors.password_confirm = 'パスワード（確認用）がパスワードと一致しません。';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { userId, password } };
}
