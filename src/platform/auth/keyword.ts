import { randomInt } from 'node:crypto';
import { field, missing, tooLong } from '../ui/form-parse.js';

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

/** The keyword chosen before the mail. */
export const keywordField = field<string>((raw) => {
  const value = normalizeKeyword(raw);
  if (value === '') return { error: missing('キーワード') };
  return isKeyword(value) ? { value } : { error: `キーワードは${KEYWORD_RULE_TEXT}` };
});

/** The keyword typed at the mail link: only emptiness and length are checked before comparing. */
export const keywordEntryField = field<string>((raw) => {
  const value = normalizeKeyword(raw);
  if (value === '') return { error: missing('キーワード') };
  return value.length > 64 ? { error: tooLong('キーワード', 64) } : { value };
});
