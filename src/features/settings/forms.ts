import { z } from 'zod';
import type { FieldErrors } from '../../platform/ui/form.js';
import { emailField, field, formText, parseForm, typedValues, type FormResult } from '../../platform/ui/form-parse.js';
import { normalizeEmail } from '../../platform/text.js';
import { passwordProblem, type PasswordPolicy } from '../../platform/auth/password-rule.js';
import { ADDRESS_MAX_LENGTH, checkAddress, normalizePhone, normalizePostalCode } from './contact.js';

const PASSWORD_MAX_LENGTH = 128;
const missing = (label: string) => `${label}を入力してください。`;

/** A password to check against the stored hash: kept exactly as typed, only emptiness and length checked. */
const currentPasswordField = (label: string) =>
  field<string>((raw) => {
    if (raw === '') return { error: missing(label) };
    return raw.length > PASSWORD_MAX_LENGTH ? { error: `${label}は${PASSWORD_MAX_LENGTH}文字以内で入力してください。` } : { value: raw };
  });

// ---- 住所・電話番号の変更

export const ADDRESS_FIELDS = ['postal_code', 'address', 'phone'] as const;

export interface AddressChange {
  postalCode: string;
  address: string;
  phone: string;
}

const addressForm = z.object({
  postal_code: field<string>((raw) => {
    if (raw.trim() === '') return { error: missing('郵便番号') };
    const value = raw.length > 20 ? null : normalizePostalCode(raw);
    return value ? { value } : { error: '郵便番号は7桁の数字で入力してください（例：100-0005）。' };
  }),
  address: field<string>((raw) => {
    const checked = checkAddress(raw);
    if ('value' in checked) return checked;
    const errors = {
      empty: missing('住所'),
      too_long: `住所は${ADDRESS_MAX_LENGTH}文字以内で入力してください。`,
      characters: '住所に使用できない文字（改行、< > など）が含まれています。',
    };
    return { error: errors[checked.problem] };
  }),
  phone: field<string>((raw) => {
    if (raw.trim() === '') return { error: missing('電話番号') };
    const value = raw.length > 30 ? null : normalizePhone(raw);
    return value ? { value } : { error: '電話番号は数字とハイフンで入力してください（例：03-1234-5678、090-1234-5678）。' };
  }),
});

export function parseAddressForm(body: unknown): FormResult<AddressChange> {
  const parsed = parseForm(addressForm, body);
  if (!parsed.ok) return parsed;
  const { postal_code, address, phone } = parsed.value;
  return { ok: true, value: { postalCode: postal_code, address, phone } };
}

// ---- メールアドレス（ユーザーID）の変更

export const NEW_EMAIL_LABEL = '新しいメールアドレス（ユーザーID）';
export const EMAIL_FIELDS = ['new_email', 'new_email_confirm'] as const;

const emailForm = z.object({ new_email: emailField(NEW_EMAIL_LABEL), current_password: currentPasswordField('現在のパスワード') });

/** New address (NFKC, lower case) twice, and the current password; the address must differ from the current one. */
export function parseEmailChangeForm(body: unknown, currentUserId: string): FormResult<{ newEmail: string; currentPassword: string }> {
  const parsed = parseForm(emailForm, body);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const confirm = typedValues(body, ['new_email_confirm']).new_email_confirm;
  if (parsed.ok || !errors.new_email) {
    const newEmail = normalizeEmail(typedValues(body, ['new_email']).new_email);
    if (newEmail === currentUserId) errors.new_email = '現在のメールアドレス（ユーザーID）と同じです。新しいメールアドレスを入力してください。';
    else if (confirm.trim() === '') errors.new_email_confirm = missing('新しいメールアドレス（確認用）');
    else if (normalizeEmail(confirm) !== newEmail) errors.new_email_confirm = '新しいメールアドレス（確認用）が新しいメールアドレスと一致しません。';
  }
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { newEmail: parsed.value.new_email, currentPassword: parsed.value.current_password } };
}

// ---- パスワードの変更

const passwordForm = z.object({ current_password: currentPasswordField('現在のパスワード'), password: formText, password_confirm: formText });

/** The new password and its confirmation: the rule, then the match; `differsFrom` a password it may not equal. */
function newPasswordErrors(typed: { password: string; password_confirm: string }, userId: string, policy: PasswordPolicy, differsFrom?: string): FieldErrors {
  const problem = passwordProblem(typed.password, userId, policy);
  if (problem) return { password: problem.replace(/^パスワードを/, '新しいパスワードを') };
  if (differsFrom !== undefined && typed.password === differsFrom) return { password: '現在のパスワードとは異なるパスワードをご指定ください。' };
  if (typed.password_confirm === '') return { password_confirm: missing('新しいパスワード（確認用）') };
  if (typed.password_confirm !== typed.password) return { password_confirm: '新しいパスワード（確認用）が新しいパスワードと一致しません。' };
  return {};
}

/** Current password, and the new one twice under the registration rule; the new one must differ. */
export function parsePasswordChangeForm(body: unknown, userId: string, policy: PasswordPolicy): FormResult<{ currentPassword: string; newPassword: string }> {
  const parsed = parseForm(passwordForm, body);
  const typed = typedValues(body, ['current_password', 'password', 'password_confirm']);
  const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...newPasswordErrors(typed, userId, policy, typed.current_password) };
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { currentPassword: parsed.value.current_password, newPassword: typed.password } };
}

/** 新しいパスワードの設定 (after a 仮パスワード): the new password twice. */
export function parseNewPasswordForm(body: unknown, userId: string, policy: PasswordPolicy): FormResult<{ newPassword: string }> {
  const typed = typedValues(body, ['password', 'password_confirm']);
  const errors = newPasswordErrors(typed, userId, policy);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { newPassword: typed.password } };
}

// ---- お客さまWebサービスの利用停止

const stopForm = z.object({ password: currentPasswordField('パスワード') });

export function parseStopForm(body: unknown): FormResult<{ password: string }> {
  return parseForm(stopForm, body);
}

// ---- 満期案内メール

export const REMINDER_CHOICES = [
  { value: 'receive', label: '受け取る' },
  { value: 'decline', label: '受け取らない' },
] as const;

export type ReminderChoice = (typeof REMINDER_CHOICES)[number]['value'];

const reminderForm = z.object({
  reminders: field<ReminderChoice>((raw) => (raw === 'receive' || raw === 'decline' ? { value: raw } : { error: '満期案内メールを受け取るかどうかをお選びください。' })),
});

export function parseReminderForm(body: unknown): FormResult<{ optOut: boolean }> {
  const parsed = parseForm(reminderForm, body);
  return parsed.ok ? { ok: true, value: { optOut: parsed.value.reminders === 'decline' } } : parsed;
}
