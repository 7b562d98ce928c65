import { dictionary } from '@zxcvbn-ts/language-common';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** `seed` (the default): the guide's rule. `asvs`: ASVS 6.2 — any characters, no composition rule, context words refused. */
  kind?: 'seed' | 'asvs';
  /** Under `asvs`: words a password may not contain (the brand, the service); the user ID's local part is added per check. */
  contextWords?: readonly string[];
}

const common = new Set((dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()));

/** Whether a password is on the common-passwords list (zxcvbn-ts), case forgiven. */
export const isCommonPassword = (password: string): boolean => common.has(password.toLowerCase());

/** The rule as the form states it (the guide's: 半角6桁以上15桁以下で、必ず英文字と数字を混ぜて). */
export const passwordRuleText = (policy: PasswordPolicy): string =>
  policy.kind === 'asvs'
    ? `${policy.minLength}文字以上${policy.maxLength}文字以下でご入力ください。英字・数字・記号・スペースなど、どの文字も使え、組み合わせの決まりはありません。メールアドレスやサービス名を含むもの、推測されやすいものは使えません。`
    : `半角${policy.minLength}文字以上${policy.maxLength}文字以下で、必ず英字と数字を混ぜてご入力ください（記号も使えます）。`;

/** Why a password cannot be used, or null when it can. The user ID is already normalised. */
export function passwordProblem(password: string, userId: string, policy: PasswordPolicy): string | null {
  if (password === '') return 'パスワードを入力してください。';
  if (policy.kind === 'asvs') return asvsProblem(password, userId, policy);
  if (!/^[\x21-\x7e]*$/.test(password)) return notHalfWidth(password);
  if (password.length < policy.minLength || password.length > policy.maxLength) {
    return `${policy.minLength}文字以上${policy.maxLength}文字以下で入力してください。`;
  }
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return '英字と数字を必ず混ぜて入力してください。';
  if (password.toLowerCase() === userId.toLowerCase()) return 'ユーザーIDと同じパスワードは使えません。';
  if (isCommonPassword(password)) return '推測されやすいパスワードのため使えません。別のパスワードをご指定ください。';
  return null;
}

/** Says what is wrong with the characters, so a phone whose keyboard typed ｐａｓｓ１ can see it. */
function notHalfWidth(password: string): string {
  if (/[\uff01-\uff5e]/.test(password)) return '半角英数字で入力してください。入力されたパスワードに全角の英数字が含まれています（キーボードを半角英数の入力に切り替えてください）。';
  if (/[^\x20-\x7e]/.test(password)) return '半角英数字で入力してください。入力されたパスワードに全角の文字（かな・漢字・記号など）が含まれています。';
  return '半角英数字で入力してください。スペースは使えません。';
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** ASVS 6.2.1/6.2.5/6.2.9/6.2.11/6.2.12: length in characters, no composition rule, no context words, no common password. */
function asvsProblem(password: string, userId: string, policy: PasswordPolicy): string | null {
  if (/\p{Cc}/u.test(password)) return '改行やタブなどの制御文字は使えません。';
  const length = [...password].length;
  if (length < policy.minLength || length > policy.maxLength) return `${policy.minLength}文字以上${policy.maxLength}文字以下で入力してください。`;
  const typed = fold(password);
  if (typed === fold(userId)) return 'ユーザーIDと同じパスワードは使えません。';
  const local = fold(userId.split('@')[0] ?? '');
  const words = [local, ...(policy.contextWords ?? []).map(fold)].filter((word) => word.length >= 4);
  if (typed === local || words.some((word) => typed.includes(word))) return 'メールアドレスやサービス名・会社名を含むパスワードは使えません。';
  if (isCommonPassword(typed)) return '推測されやすいパスワードのため使えません。別のパスワードをご指定ください。';
  return null;
}
