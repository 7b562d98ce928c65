import type { FieldErrors } from '../../../platform/ui/form.js';
import { missing, tooLong } from '../../../platform/ui/form-parse.js';
import { isEmail, normalizeEmail } from '../../../platform/text.js';
import { isStaffRole, newStaffProblems, normalizeLogin, type StaffRole } from '../staff-rules.js';

export const REASON_MAX = 200;

/** 理由: required on every admin action, 1–200 characters, one line. */
export function reasonOf(raw: string): { value: string } | { error: string } {
  const value = raw.replace(/[\r\n\t]+/g, ' ').trim();
  if (value === '') return { error: missing('理由') };
  if (value.length > REASON_MAX) return { error: tooLong('理由', REASON_MAX) };
  return { value };
}

export interface ParsedNewStaff {
  login: string;
  name: string;
  email: string;
  role: StaffRole;
  agencyCode: string | null;
  reason: string;
}

/** The add form, with the CLI's rules (staff-rules' newStaffProblems) worded per field in Japanese. */
export function parseNewStaff(values: { login: string; name: string; email: string; role: string; agency: string; reason: string }): { ok: true; value: ParsedNewStaff } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const login = normalizeLogin(values.login);
  const name = values.name.trim();
  const email = normalizeEmail(values.email);
  const agencyCode = values.agency.trim() === '' ? null : values.agency.trim();
  if (login === '') errors.login = missing('ログインID');
  else if (!/^[a-z0-9._-]{3,64}$/.test(login)) errors.login = 'ログインIDは半角英小文字・数字と「.」「_」「-」の3〜64文字で入力してください。';
  if (name === '') errors.name = missing('氏名');
  else if (name.length > 100) errors.name = tooLong('氏名', 100);
  if (email === '') errors.email = missing('メールアドレス');
  else if (!isEmail(email)) errors.email = 'メールアドレスを正しく入力してください（例：taro@example.com）。';
  if (!isStaffRole(values.role)) errors.role = '権限を選択してください。';
  else if (values.role === 'agency' && agencyCode === null) errors.agency = '権限が「代理店」のときは、代理店を選択してください。';
  else if (values.role !== 'agency' && agencyCode !== null) errors.agency = '代理店は、権限が「代理店」のときだけ選択できます。';
  const reason = reasonOf(values.reason);
  if ('error' in reason) errors.reason = reason.error;
  if (Object.keys(errors).length || !isStaffRole(values.role) || 'error' in reason) return { ok: false, errors };
  const value = { login, name, email, role: values.role, agencyCode, reason: reason.value };
  // The same rules as `keizoku staff add`: any the checks above missed refuse the form too.
  if (newStaffProblems({ ...value }).length) return { ok: false, errors: { login: '入力内容を確認してください。' } };
  return { ok: true, value };
}

export function parseRole(values: { role: string; agency: string }): { role: StaffRole; agencyCode: string | null } | null {
  if (!isStaffRole(values.role)) return null;
  const agency = values.agency.trim();
  return { role: values.role, agencyCode: agency === '' ? null : agency.slice(0, 100) };
}
