import { untilStable } from '../../platform/text.js';

// The policy holder (契約者 姓・名・セイ・メイ, 生年月日) as the customer types it, brought to one
// form before it is compared with the policy data.

const SPACES = /[\s\u3000]+/g;

/** Names: NFKC (full-width Latin and half-width kana become standard) without any spaces. */
export function normalizeName(text: string): string {
  return untilStable((t) => t.normalize('NFKC').replace(SPACES, ''), text);
}

const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;

/** Kana: NFKC (half-width to full-width, voiced marks composed), hiragana to katakana, no spaces. */
export function normalizeKana(text: string): string {
  return untilStable((t) => normalizeName(t).replace(HIRAGANA, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60)), text);
}

/** Full-width katakana only (with ー and the iteration marks). */
export const isKatakana = (text: string): boolean => /^[\u30a1-\u30f6\u30fc\u30fd\u30fe]+$/.test(text);

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

export const holderName = (h: Holder): string => `${h.familyName} ${h.givenName}`;
export const holderKana = (h: Holder): string => `${h.familyKana} ${h.givenKana}`;
