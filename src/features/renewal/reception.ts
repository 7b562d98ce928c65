import { randomBytes } from 'node:crypto';
import { japanParts } from '../../platform/clock.js';

// Crockford's base32: no I, L, O or U, so a number read out on the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 8 random base32 characters (40 bits). */
export function randomBase32(length = 8, bytes: Buffer = randomBytes(length)): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += ALPHABET[(bytes[i] as number) & 31];
  return text;
}

/** 受付番号: R, the Japan date of the application, and 8 random characters (R20261125-7KQ2M9XD). */
export function receptionNumber(at: Date, random: string = randomBase32()): string {
  const p = japanParts(at);
  const date = `${p.year}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
  return `R${date}-${random}`;
}

/** The same day a year later; 29 February becomes 28 February (保険期間 1年). */
export function oneYearLater(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${String(y + 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
