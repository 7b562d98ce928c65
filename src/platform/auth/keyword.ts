import { randomInt } from 'node:crypto';
import { field, missing, tooLong } from '../ui/form-parse.js';
import type { Locale } from '../ui/i18n/locale.js';

// The keyword: a second secret seen on screen and typed at a one-time mail link.

/** The keyword a customer chooses (the guide's example: Abc123). */
export const KEYWORD_RULE_TEXT = '半角英数字4文字以上16文字以下でご指定ください（大文字と小文字は区別されます）。';

/** NFKC, so a keyword typed with a full-width keyboard still matches; case is kept. */
export const normalizeKeyword = (text: string): string => text.normalize('NFKC').trim();

export const isKeyword = (text: string): boolean => /^[A-Za-z0-9]{4,16}$/.test(text);

// No 0/O/o, 1/l/I: a keyword read off a screen and typed on a phone.
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';

/** A generated keyword (recovery): six unambiguous characters with letters and digits. */
export function generateKeyword(length = 6): string {
  const all = LETTERS + DIGITS;
  for (;;) {
    const chars = Array.from({ length }, () => all[randomInt(all.length)] as string).join('');
    if (/[A-Za-z]/.test(chars) && /[0-9]/.test(chars)) return chars;
  }
}

const KEYWORD: Record<Locale, string> = { ja: 'キーワード', en: 'Keyword' };
const KEYWORD_RULE: Record<Locale, string> = {
  ja: `キーワードは${KEYWORD_RULE_TEXT}`,
  en: 'The keyword must be 4 to 16 half-width letters and digits (capital and small letters count as different).',
};

/** The keyword chosen before the mail, its messages in `locale`. */
export const keywordFieldIn = (locale: Locale) =>
  field<string>((raw) => {
    const value = normalizeKeyword(raw);
    if (value === '') return { error: missing(KEYWORD[locale], locale) };
    return isKeyword(value) ? { value } : { error: KEYWORD_RULE[locale] };
  });

/** The keyword typed at the mail link: only emptiness and length are checked before comparing. */
export const keywordEntryFieldIn = (locale: Locale) =>
  field<string>((raw) => {
    const value = normalizeKeyword(raw);
    if (value === '') return { error: missing(KEYWORD[locale], locale) };
    return value.length > 64 ? { error: tooLong(KEYWORD[locale], 64, locale) } : { value };
  });
