import { dictionary } from '@zxcvbn-ts/language-common';
import { defineCatalogue } from '../ui/i18n/catalogue.js';
import type { Locale } from '../ui/i18n/locale.js';

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

// The rule and its problems in each language of the customer site.
const ruleMessages = defineCatalogue(
  'platform/auth/password-rule',
  {
    ruleSeed: (p: { min: number; max: number }) => `半角${p.min}文字以上${p.max}文字以下で、必ず英字と数字を混ぜてご入力ください（記号も使えます）。`,
    ruleAsvs: (p: { min: number; max: number }) =>
      `${p.min}文字以上${p.max}文字以下でご入力ください。英字・数字・記号・スペースなど、どの文字も使え、組み合わせの決まりはありません。メールアドレスやサービス名を含むもの、推測されやすいものは使えません。`,
    missing: 'パスワードを入力してください。',
    length: (p: { min: number; max: number }) => `${p.min}文字以上${p.max}文字以下で入力してください。`,
    fullWidthAlnum: '半角英数字で入力してください。入力されたパスワードに全角の英数字が含まれています（キーボードを半角英数の入力に切り替えてください）。',
    fullWidthOther: '半角英数字で入力してください。入力されたパスワードに全角の文字（かな・漢字・記号など）が含まれています。',
    space: '半角英数字で入力してください。スペースは使えません。',
    mix: '英字と数字を必ず混ぜて入力してください。',
    sameAsUserId: 'ユーザーIDと同じパスワードは使えません。',
    common: '推測されやすいパスワードのため使えません。別のパスワードをご指定ください。',
    control: '改行やタブなどの制御文字は使えません。',
    context: 'メールアドレスやサービス名・会社名を含むパスワードは使えません。',
  },
  {
    ruleSeed: (p: { min: number; max: number }) => `${p.min} to ${p.max} half-width characters, with both letters and digits (symbols are allowed too).`,
    ruleAsvs: (p: { min: number; max: number }) =>
      `${p.min} to ${p.max} characters. Any characters can be used (letters, digits, symbols, spaces), with no rules on mixing them. Passwords that contain your e-mail address or our service name, or are easy to guess, cannot be used.`,
    missing: 'Password is required.',
    length: (p: { min: number; max: number }) => `Please use ${p.min} to ${p.max} characters.`,
    fullWidthAlnum: 'Please use half-width letters and digits: the password contains full-width letters or digits (switch your keyboard to half-width input).',
    fullWidthOther: 'Please use half-width letters and digits: the password contains full-width characters (kana, kanji or symbols).',
    space: 'Please use half-width letters and digits. Spaces cannot be used.',
    mix: 'Please use both letters and digits.',
    sameAsUserId: 'The password cannot be the same as your user ID.',
    common: 'This password is too easy to guess. Please choose another one.',
    control: 'Control characters such as line breaks and tabs cannot be used.',
    context: 'The password cannot contain your e-mail address, our service name or our company name.',
  },
);

/** The rule as the form states it (the guide's: 半角6桁以上15桁以下で、必ず英文字と数字を混ぜて). */
export function passwordRuleText(policy: PasswordPolicy, locale: Locale = 'ja'): string {
  const m = ruleMessages.of(locale);
  const range = { min: policy.minLength, max: policy.maxLength };
  return policy.kind === 'asvs' ? m.ruleAsvs(range) : m.ruleSeed(range);
}

/** Why a password cannot be used, or null when it can. The user ID is already normalised. */
export function passwordProblem(password: string, userId: string, policy: PasswordPolicy, locale: Locale = 'ja'): string | null {
  const m = ruleMessages.of(locale);
  if (password === '') return m.missing;
  if (policy.kind === 'asvs') return asvsProblem(password, userId, policy, m);
  if (!/^[\x21-\x7e]*$/.test(password)) return notHalfWidth(password, m);
  if (password.length < policy.minLength || password.length > policy.maxLength) return m.length({ min: policy.minLength, max: policy.maxLength });
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return m.mix;
  if (password.toLowerCase() === userId.toLowerCase()) return m.sameAsUserId;
  if (isCommonPassword(password)) return m.common;
  return null;
}

type RuleMessages = ReturnType<typeof ruleMessages.of>;

/** Says what is wrong with the characters, so a phone whose keyboard typed ｐａｓｓ１ can see it. */
function notHalfWidth(password: string, m: RuleMessages): string {
  if (/[\uff01-\uff5e]/.test(password)) return m.fullWidthAlnum;
  if (/[^\x20-\x7e]/.test(password)) return m.fullWidthOther;
  return m.space;
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** ASVS 6.2.1/6.2.5/6.2.9/6.2.11/6.2.12: length in characters, no composition rule, no context words, no common password. */
function asvsProblem(password: string, userId: string, policy: PasswordPolicy, m: RuleMessages): string | null {
  if (/\p{Cc}/u.test(password)) return m.control;
  const length = [...password].length;
  if (length < policy.minLength || length > policy.maxLength) return m.length({ min: policy.minLength, max: policy.maxLength });
  const typed = fold(password);
  if (typed === fold(userId)) return m.sameAsUserId;
  const local = fold(userId.split('@')[0] ?? '');
  const words = [local, ...(policy.contextWords ?? []).map(fold)].filter((word) => word.length >= 4);
  if (typed === local || words.some((word) => typed.includes(word))) return m.context;
  if (isCommonPassword(typed)) return m.common;
  return null;
}
