import { z } from 'zod';
import type { FieldErrors } from '../../platform/ui/form.js';
import { emailField, field, formText, missing, parseForm, tooLong, typedValues, type FormResult } from '../../platform/ui/form-parse.js';
import { type Locale, perLocale } from '../../platform/ui/i18n/locale.js';
import { normalizeEmail } from '../../platform/text.js';
import { passwordProblem, type PasswordPolicy } from '../../platform/auth/password-rule.js';
import { ADDRESS_MAX_LENGTH, checkAddress, normalizePhone, normalizePostalCode } from './contact.js';
import { settingsFormMessages, settingsMessages } from './messages.js';

const PASSWORD_MAX_LENGTH = 128;

/** Each form's schema, built once per language. */

/** A password to check against the stored hash: kept exactly as typed, only emptiness and length checked. */
const currentPasswordField = (label: string, locale: Locale) =>
  field<string>((raw) => {
    if (raw === '') return { error: missing(label, locale) };
    return raw.length > PASSWORD_MAX_LENGTH ? { error: tooLong(label, PASSWORD_MAX_LENGTH, locale) } : { value: raw };
  });

// ---- 住所・電話番号の変更

export const ADDRESS_FIELDS = ['postal_code', 'address', 'phone'] as const;

export interface AddressChange {
  postalCode: string;
  address: string;
  phone: string;
}

const addressForms = perLocale((locale) => {
  const m = settingsMessages.of(locale);
  const f = settingsFormMessages.of(locale);
  return z.object({
    postal_code: field<string>((raw) => {
      if (raw.trim() === '') return { error: missing(m.postalCode, locale) };
      const value = raw.length > 20 ? null : normalizePostalCode(raw);
      return value ? { value } : { error: f.postalCodeInvalid };
    }),
    address: field<string>((raw) => {
      const checked = checkAddress(raw);
      if ('value' in checked) return checked;
      const errors = {
        empty: missing(m.address, locale),
        too_long: tooLong(m.address, ADDRESS_MAX_LENGTH, locale),
        characters: f.addressCharacters,
      };
      return { error: errors[checked.problem] };
    }),
    phone: field<string>((raw) => {
      if (raw.trim() === '') return { error: missing(m.phone, locale) };
      const value = raw.length > 30 ? null : normalizePhone(raw);
      return value ? { value } : { error: f.phoneInvalid };
    }),
  });
});

export function parseAddressForm(body: unknown, locale: Locale = 'ja'): FormResult<AddressChange> {
  const parsed = parseForm(addressForms[locale], body);
  if (!parsed.ok) return parsed;
  const { postal_code, address, phone } = parsed.value;
  return { ok: true, value: { postalCode: postal_code, address, phone } };
}

// ---- メールアドレス（ユーザーID）の変更

export const EMAIL_FIELDS = ['new_email', 'new_email_confirm'] as const;

const emailForms = perLocale((locale) => {
  const m = settingsMessages.of(locale);
  return z.object({ new_email: emailField(m.newEmail, locale), current_password: currentPasswordField(m.currentPassword, locale) });
});

/** New address (NFKC, lower case) twice, and the current password; the address must differ from the current one. */
export function parseEmailChangeForm(body: unknown, currentUserId: string, locale: Locale = 'ja'): FormResult<{ newEmail: string; currentPassword: string }> {
  const m = settingsMessages.of(locale);
  const f = settingsFormMessages.of(locale);
  const parsed = parseForm(emailForms[locale], body);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const confirm = typedValues(body, ['new_email_confirm']).new_email_confirm;
  if (parsed.ok || !errors.new_email) {
    const newEmail = normalizeEmail(typedValues(body, ['new_email']).new_email);
    if (newEmail === currentUserId) errors.new_email = f.sameAsCurrentEmail;
    else if (confirm.trim() === '') errors.new_email_confirm = missing(m.newEmailConfirm, locale);
    else if (normalizeEmail(confirm) !== newEmail) errors.new_email_confirm = f.emailMismatch;
  }
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { newEmail: parsed.value.new_email, currentPassword: parsed.value.current_password } };
}

// ---- パスワードの変更

/** The rule as the form's hint states it. */

const passwordForms = perLocale((locale) => z.object({ current_password: currentPasswordField(settingsMessages.of(locale).currentPassword, locale), password: formText, password_confirm: formText }));

/** The new password and its confirmation: the rule, then the match; `differsFrom` a password it may not equal. */
function newPasswordErrors(typed: { password: string; password_confirm: string }, userId: string, policy: PasswordPolicy, locale: Locale, differsFrom?: string): FieldErrors {
  const m = settingsMessages.of(locale);
  const f = settingsFormMessages.of(locale);
  // パスワードを入力してください。 reads 新しいパスワードを入力してください。 here.
  if (typed.password === '') return { password: missing(m.newPassword, locale) };
  const problem = passwordProblem(typed.password, userId, policy, locale);
  if (problem) return { password: problem };
  if (differsFrom !== undefined && typed.password === differsFrom) return { password: f.sameAsCurrentPassword };
  if (typed.password_confirm === '') return { password_confirm: missing(m.newPasswordConfirm, locale) };
  if (typed.password_confirm !== typed.password) return { password_confirm: f.passwordMismatch };
  return {};
}

/** Current password, and the new one twice under the registration rule; the new one must differ. */
export function parsePasswordChangeForm(body: unknown, userId: string, policy: PasswordPolicy, locale: Locale = 'ja'): FormResult<{ currentPassword: string; newPassword: string }> {
  const parsed = parseForm(passwordForms[locale], body);
  const typed = typedValues(body, ['current_password', 'password', 'password_confirm']);
  const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...newPasswordErrors(typed, userId, policy, locale, typed.current_password) };
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { currentPassword: parsed.value.current_password, newPassword: typed.password } };
}

/** 新しいパスワードの設定 (after a 仮パスワード): the new password twice. */
export function parseNewPasswordForm(body: unknown, userId: string, policy: PasswordPolicy, locale: Locale = 'ja'): FormResult<{ newPassword: string }> {
  const typed = typedValues(body, ['password', 'password_confirm']);
  const errors = newPasswordErrors(typed, userId, policy, locale);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { newPassword: typed.password } };
}

// ---- お客さまWebサービスの利用停止

const stopForms = perLocale((locale) => z.object({ password: currentPasswordField(settingsMessages.of(locale).password, locale) }));

export function parseStopForm(body: unknown, locale: Locale = 'ja'): FormResult<{ password: string }> {
  return parseForm(stopForms[locale], body);
}

// ---- 満期案内メール

export const REMINDER_VALUES = ['receive', 'decline'] as const;

export type ReminderChoice = (typeof REMINDER_VALUES)[number];

/** 受け取る / 受け取らない in the page's language. */
export const reminderChoices = (locale: Locale): Array<{ value: ReminderChoice; label: string }> => {
  const m = settingsMessages.of(locale);
  return [
    { value: 'receive', label: m.remindersReceive },
    { value: 'decline', label: m.remindersDecline },
  ];
};

const reminderForms = perLocale((locale) =>
  z.object({
    reminders: field<ReminderChoice>((raw) => (raw === 'receive' || raw === 'decline' ? { value: raw } : { error: settingsFormMessages.of(locale).chooseReminders })),
  }),
);

export function parseReminderForm(body: unknown, locale: Locale = 'ja'): FormResult<{ optOut: boolean }> {
  const parsed = parseForm(reminderForms[locale], body);
  return parsed.ok ? { ok: true, value: { optOut: parsed.value.reminders === 'decline' } } : parsed;
}
