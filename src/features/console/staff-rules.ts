import { isCommonPassword } from '../../platform/auth/password-rule.js';

export const STAFF_ROLES = ['admin', 'desk', 'agency'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value);

/** The role as the console shows it. */
export const ROLE_LABELS: Record<StaffRole, string> = { admin: '管理者', desk: 'インターネットデスク', agency: '代理店' };

const LOGIN = /^[a-z0-9._-]{3,64}$/;

/** A typed login ID in its stored form (width and case forgiven). */
export const normalizeLogin = (typed: string): string => typed.normalize('NFKC').trim().toLowerCase();

export interface NewStaff {
  login: string;
  name: string;
  role: string;
  agencyCode: string | null;
  email: string | null;
}

/** Problems with a new account's fields (before the database is asked about uniqueness or the agency). */
export function newStaffProblems(input: NewStaff): string[] {
  const problems: string[] = [];
  if (!LOGIN.test(input.login)) problems.push('--login must be 3-64 characters of a-z, 0-9, ".", "_" and "-"');
  const name = input.name.trim();
  if (name === '' || name.length > 100) problems.push('--name must be 1-100 characters');
  if (!isStaffRole(input.role)) problems.push(`--role must be one of ${STAFF_ROLES.join(', ')}`);
  if (input.role === 'agency' && !input.agencyCode) problems.push('--agency CODE is required for the agency role');
  if (input.role !== 'agency' && input.agencyCode) problems.push('--agency is only for the agency role');
  if (input.email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) problems.push('--email must be an e-mail address');
  return problems;
}

/** Staff passwords: 12–64 characters (the console contract). */
export const STAFF_PASSWORD_POLICY = { minLength: 12, maxLength: 64 };

/** Whose records a staff member may see: every agency's (admin, desk), or one agency's. */
export type StaffScope = { kind: 'all' } | { kind: 'agency'; agencyCode: string };

/** An agency account without its agency sees nothing: its code is one no agency has. */
export const scopeOf = (staff: { role: StaffRole; agencyCode: string | null }): StaffScope =>
  staff.role === 'agency' ? { kind: 'agency', agencyCode: staff.agencyCode ?? '' } : { kind: 'all' };

const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'].flatMap((run) => [run.repeat(8), [...run].reverse().join('').repeat(8)]);

/** A common password, one with only digits or symbols added at its end, one character repeated, or a keyboard or alphabet run. */
function guessable(password: string): boolean {
  const lower = password.toLowerCase();
  const base = lower.replace(/[\d\p{P}\p{S}\s]+$/u, '');
  return isCommonPassword(lower) || (base.length >= 4 && isCommonPassword(base)) || /^(.)\1*$/u.test(lower) || RUNS.some((run) => run.includes(lower));
}

/**
 * Why a staff password cannot be used, or null. NIST SP 800-63B: 12–64 characters of any kind
 * (spaces and Japanese included, counted after NFKC), no composition rule, but refused when
 * guessable or containing the login ID.
 */
export function staffPasswordProblem(password: string, login: string): string | null {
  if (password === '') return 'パスワードを入力してください。';
  const length = [...password.normalize('NFKC')].length;
  if (length < STAFF_PASSWORD_POLICY.minLength || length > STAFF_PASSWORD_POLICY.maxLength) return `${STAFF_PASSWORD_POLICY.minLength}文字以上${STAFF_PASSWORD_POLICY.maxLength}文字以下で入力してください。`;
  if (/\p{Cc}/u.test(password)) return '改行などの制御文字は使えません。';
  if (login !== '' && password.toLowerCase().includes(login.toLowerCase())) return 'ログインIDを含むパスワードは使えません。';
  if (guessable(password)) return '推測されやすいパスワードのため使えません。別のパスワードをご指定ください。';
  return null;
}
