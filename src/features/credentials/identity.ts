// Identity items as the customer types them, brought to one form before they are compared
// with the policy data (契約者 姓・名・セイ・メイ, 生年月日, 証券番号) or stored as a user ID.

const SPACES = /[\s\u3000]+/g;

/**
 * Applies a normalisation until the text stops changing: removing a space can let NFKC compose
 * what it split (e.g. ´ becomes a space and a combining accent), so one pass is not always final.
 */
function stable(step: (text: string) => string, text: string): string {
  let current = step(text);
  for (let i = 0; i < 4; i++) {
    const next = step(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** Names: NFKC (full-width Latin and half-width kana become standard) without any spaces. */
export function normalizeName(text: string): string {
  return stable((t) => t.normalize('NFKC').replace(SPACES, ''), text);
}

const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;

/** Kana: NFKC (half-width to full-width, voiced marks composed), hiragana to katakana, no spaces. */
export function normalizeKana(text: string): string {
  return stable((t) => normalizeName(t).replace(HIRAGANA, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60)), text);
}

/** Full-width katakana only (with ー and the iteration marks). */
export const isKatakana = (text: string): boolean => /^[\u30a1-\u30f6\u30fc\u30fd\u30fe]+$/.test(text);

/** 証券番号: NFKC, upper case, no spaces. */
export function normalizePolicyNumber(text: string): string {
  return stable((t) => normalizeName(t).toUpperCase().normalize('NFKC'), text);
}

export const isPolicyNumber = (text: string): boolean => /^[A-Z0-9]{1,20}$/.test(text);

/** E-mail and user ID: NFKC, trimmed, lower case. */
export function normalizeEmail(text: string): string {
  return stable((t) => t.normalize('NFKC').trim().toLowerCase().normalize('NFKC'), text);
}

const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** A deliverable-looking address: no spaces or line breaks, so it is safe in a mail header. */
export const isEmail = (text: string): boolean => text.length <= 254 && EMAIL.test(text);

/** A real calendar date `YYYY-MM-DD` (after NFKC, so full-width digits pass), or null. */
export function parseIsoDate(text: string): string | null {
  const value = text.normalize('NFKC').trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? value : null;
}

/** 1975年01月01日, as the guide's confirmation screens show a birth date. */
export function formatBirthDateJa(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${year}年${month}月${day}日`;
}

/** A policy holder or a customer, as the four identity items. */
export interface Holder {
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  birthDate: string;
}

/** Whether two holders are the same person by name, kana and birth date, after normalisation. */
export function sameHolder(a: Holder, b: Holder): boolean {
  return (
    normalizeName(a.familyName) === normalizeName(b.familyName) &&
    normalizeName(a.givenName) === normalizeName(b.givenName) &&
    normalizeKana(a.familyKana) === normalizeKana(b.familyKana) &&
    normalizeKana(a.givenKana) === normalizeKana(b.givenKana) &&
    a.birthDate === b.birthDate
  );
}
