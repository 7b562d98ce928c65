import { dictionary } from '@zxcvbn-ts/language-common';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
}

const common = new Set((dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()));

/** Whether a password is on the common-passwords list (zxcvbn-ts), case forgiven. */
export const isCommonPassword = (password: string): boolean => common.has(password.toLowerCase());

/** The rule as the form states it (the guide's: 半角6桁以上15桁以下で、必ず英文字と数字を混ぜて). */
export const passwordRuleText = (policy: PasswordPolicy): string =>
  `半角${policy.minLength}文字以上${policy.maxLength}文字以下で、必ず英字と数字を混ぜてご入力ください（記号も使えます）。`;

/** Why a password cannot be used, or null when it can. The user ID is already normalised. */
export function passwordProblem(password: string, userId: string, policy: PasswordPolicy): string | null {
  if (password === '') return 'パスワードを入力してください。';
  if (!/^[\x21-\x7e]*$/.test(password)) return '半角英数字で入力してください。全角文字やスペースは使えません。';
  if (password.length < policy.minLength || password.length > policy.maxLength) {
    return `${policy.minLength}文字以上${policy.maxLength}文字以下で入力してください。`;
  }
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return '英字と数字を必ず混ぜて入力してください。';
  if (password.toLowerCase() === userId.toLowerCase()) return 'ユーザーIDと同じパスワードは使えません。';
  if (isCommonPassword(password)) return '推測されやすいパスワードのため使えません。別のパスワードをご指定ください。';
  return null;
}
