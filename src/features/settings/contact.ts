// 住所・電話番号 as typed on a phone: full-width digits, any of the dashes Japanese keyboards
// produce, spaces. Brought to one form before they are stored for the insurer.

const DASHES = /[\u2010-\u2015\u2212\u30fc\uff0d\uff70-]/g;
const SPACES = /[\s\u3000]+/g;
const CONTROL = /\p{Cc}/u;

const compact = (text: string) => text.normalize('NFKC').replace(SPACES, '').replace(DASHES, '-');

/** 〒 100-0005: seven digits, with or without the hyphen; null if it is not one. */
export function normalizePostalCode(text: string): string | null {
  if (CONTROL.test(text)) return null;
  const match = /^〒?(\d{3})-?(\d{4})$/.exec(compact(text));
  return match ? `${match[1]}-${match[2]}` : null;
}

/** 03-1234-5678, 09012345678: digits and hyphens, 10 or 11 digits from a leading 0; null otherwise. */
export function normalizePhone(text: string): string | null {
  if (CONTROL.test(text)) return null;
  const value = compact(text);
  if (!/^0[0-9-]*[0-9]$/.test(value) || value.includes('--')) return null;
  const digits = value.replace(/-/g, '').length;
  return digits === 10 || digits === 11 ? value : null;
}

export const ADDRESS_MAX_LENGTH = 100;

export type AddressCheck = { value: string } | { problem: 'empty' | 'too_long' | 'characters' };

/** 住所: NFKC, spaces collapsed; no line breaks or control characters, no angle brackets. */
export function checkAddress(text: string): AddressCheck {
  if (CONTROL.test(text)) return { problem: 'characters' };
  const value = text.normalize('NFKC').replace(SPACES, ' ').trim();
  if (value === '') return { problem: 'empty' };
  if ([...value].length > ADDRESS_MAX_LENGTH) return { problem: 'too_long' };
  return /[<>]/.test(value) ? { problem: 'characters' } : { value };
}
