import { z } from 'zod';
import type { FieldErrors } from '../../platform/ui/form.js';
import { agreeField, emailField, parseForm, typedValues, type FormResult } from '../../platform/ui/form-parse.js';
import { normalizeEmail } from '../../platform/text.js';
import { passwordProblem, type PasswordPolicy } from '../../platform/auth/password-rule.js';
import { keywordEntryFieldIn } from '../../platform/auth/keyword.js';
import { type Locale, perLocale } from '../../platform/ui/i18n/locale.js';
import { mailLinkMessages } from './messages.js';

const buildBase = (locale: Locale) => z.object({ user_id: emailField(mailLinkMessages.of(locale).userId, locale), agree: agreeField(locale) });
const bases = perLocale(buildBase);

/** The keyword typed at the mail link: only emptiness and length before comparing. */
const buildKeywordForm = (locale: Locale) => z.object({ keyword: keywordEntryFieldIn(locale) });
const keywordForms = perLocale(buildKeywordForm);

export const parseKeywordForm = (body: unknown, locale: Locale = 'ja'): FormResult<{ keyword: string }> => parseForm(keywordForms[locale], body);

/**
 * The ID/password step: the user ID (NFKC, lower case) twice, the password twice, the terms.
 * The user ID must be `mailedTo`, the address the one-time mail reached. Messages in `locale`.
 */
export function parseCredentialsForm(body: unknown, policy: PasswordPolicy, mailedTo: string, locale: Locale = 'ja'): FormResult<{ userId: string; password: string }> {
  const m = mailLinkMessages.of(locale);
  const parsed = parseForm(bases[locale], body);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const typed = typedValues(body, ['user_id', 'user_id_confirm', 'password', 'password_confirm']);
  const userId = parsed.ok ? parsed.value.user_id : normalizeEmail(typed.user_id ?? '');
  const userIdConfirm = typed.user_id_confirm ?? '';
  if (!errors.user_id && userId !== normalizeEmail(mailedTo)) errors.user_id = m.userIdNotMailed;
  if (!errors.user_id) {
    if (userIdConfirm.trim() === '') errors.user_id_confirm = m.userIdConfirmMissing;
    else if (normalizeEmail(userIdConfirm) !== userId) errors.user_id_confirm = m.userIdConfirmMismatch;
  }
  const password = typed.password ?? '';
  const problem = passwordProblem(password, userId, policy, locale);
  if (problem) errors.password = problem;
  else if ((typed.password_confirm ?? '') === '') errors.password_confirm = m.passwordConfirmMissing;
  else if (typed.password_confirm !== password) errors.password_confirm = m.passwordConfirmMismatch;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { userId, password } };
}
