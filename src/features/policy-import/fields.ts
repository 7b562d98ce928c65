import { z } from 'zod';
import { hasPolicyNumberCharacters, isPolicyNumber, POLICY_NUMBER_MAX_LENGTH } from '../policies/policy-number.js';

// One parser per kind of CSV value. Each takes the trimmed, non-empty text of a cell and
// returns the value to store or a problem in words an operator can act on.

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };
export type FieldParser<T> = (text: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (problem: string): Parsed<never> => ({ ok: false, problem });

/** The value as shown in a message: quoted, and cut short when long. */
export const shown = (text: string): string => JSON.stringify([...text].length > 40 ? `${[...text].slice(0, 40).join('')}…` : text);

// Printable ASCII is already NFKC; most cells are, so they skip ICU.
const nfkc = (text: string): string => (/^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKC'));
const longerThan = (text: string, max: number): boolean => text.length > max && [...text].length > max;
const CONTROL = /\p{Cc}/u;

/** Trims spaces around a cell; String#trim takes full-width ones (U+3000) too. */
export const trimCell = (text: string): string => text.trim();

/** Free text as given (kanji names, addresses): no line breaks or control characters. */
export const text =
  (max: number): FieldParser<string> =>
  (value) => {
    if (CONTROL.test(value)) return bad('must not contain line breaks, tabs or other control characters');
    if (longerThan(value, max)) return bad(`is longer than ${max} characters`);
    return ok(value);
  };

/** Codes such as agency codes: half-width letters and digits after NFKC, upper case. */
export const code =
  (max: number): FieldParser<string> =>
  (value) => {
    const normal = nfkc(value).toUpperCase();
    if (!/^[A-Z0-9]+$/.test(normal)) return bad(`${shown(value)} must be half-width letters and digits only`);
    if (normal.length > max) return bad(`is longer than ${max} characters`);
    return ok(normal);
  };

/** 証券番号: the policy domain's rule (features/policies/policy-number.ts), after NFKC and upper case. */
export const policyNumber: FieldParser<string> = (value) => {
  const normal = nfkc(value).toUpperCase();
  if (!hasPolicyNumberCharacters(normal)) return bad(`${shown(value)} must be half-width letters and digits only`);
  if (!isPolicyNumber(normal)) return bad(`is longer than ${POLICY_NUMBER_MAX_LENGTH} characters`);
  return ok(normal);
};

/** セイ・メイ: half-width kana become full-width (NFKC); spaces go; anything but katakana is refused. */
export const katakana: FieldParser<string> = (value) => {
  const normal = nfkc(value).replace(/\s+/gu, '');
  if (!/^[\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE]+$/u.test(normal)) return bad(`${shown(value)} must be full-width katakana`);
  if (normal.length > 50) return bad('is longer than 50 characters');
  return ok(normal);
};

/** True when `YYYY-MM-DD` names a day of the calendar (1975-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

export const date: FieldParser<string> = (value) => {
  const normal = nfkc(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(normal)) return bad(`${shown(value)} is not a date in the form YYYY-MM-DD`);
  if (!isCalendarDate(normal) || normal < '1900-01-01') return bad(`${shown(value)} is not a real date`);
  return ok(normal);
};

/** A date not later than `today` (birth dates). */
export const pastDate =
  (today: string): FieldParser<string> =>
  (value) => {
    const parsed = date(value);
    if (parsed.ok && parsed.value > today) return bad(`${shown(value)} is in the future`);
    return parsed;
  };

export const integer =
  (min: number, max: number): FieldParser<number> =>
  (value) => {
    const normal = nfkc(value);
    const number = /^\d{1,3}$/.test(normal) ? Number(normal) : NaN;
    if (!(number >= min && number <= max)) return bad(`${shown(value)} must be a whole number from ${min} to ${max}`);
    return ok(number);
  };

// Integer columns are 32-bit on PostgreSQL; no premium or insured amount comes near this.
const MAX_YEN = 2_000_000_000;

export const yen: FieldParser<number> = (value) => {
  const normal = nfkc(value);
  const number = /^\d{1,10}$/.test(normal) ? Number(normal) : NaN;
  if (!(number <= MAX_YEN)) return bad(`${shown(value)} must be yen as a whole number without commas (e.g. 58200)`);
  return ok(number);
};

/** `word` (e.g. `unlimited`, `none`) or an amount in yen, stored as text. */
export const yenOr =
  (word: string): FieldParser<string> =>
  (value) => {
    if (nfkc(value).toLowerCase() === word) return ok(word);
    const amount = yen(value);
    return amount.ok ? ok(String(amount.value)) : bad(`${shown(value)} must be ${word} or yen as a whole number`);
  };

export const oneOf =
  <T extends string>(values: readonly T[]): FieldParser<T> =>
  (value) => {
    const normal = nfkc(value).toLowerCase();
    const found = values.find((v) => v === normal);
    return found === undefined ? bad(`${shown(value)} is not one of ${values.join(', ')}`) : ok(found);
  };

/** `;`-separated codes, each from `values`; repeats are dropped. */
export const listOf =
  (values: readonly string[]): FieldParser<string | null> =>
  (value) => {
    const items = nfkc(value)
      .split(';')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== '');
    const unknown = items.filter((item) => !values.includes(item));
    if (unknown.length) return bad(`${unknown.map(shown).join(', ')} not among ${values.join(', ')} (separate them with ;)`);
    return ok(items.length ? [...new Set(items)].join(';') : null);
  };

/** 免責: first-accident and later deductibles in 万円, e.g. `5-10`. */
export const deductible: FieldParser<string> = (value) => {
  const match = /^(\d{1,3})-(\d{1,3})$/.exec(nfkc(value));
  const [first, second] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(first <= 100 && second <= 100)) return bad(`${shown(value)} must be two amounts in 万円 joined by a hyphen, e.g. 5-10`);
  return ok(`${first}-${second}`);
};

const emailSyntax = z.email();

/** A mail address on file: NFKC and lower case, like user IDs. */
export const email: FieldParser<string> = (value) => {
  const normal = nfkc(value).toLowerCase();
  if (normal.length > 254 || !emailSyntax.safeParse(normal).success) return bad(`${shown(value)} is not a valid e-mail address`);
  return ok(normal);
};

export const phone: FieldParser<string> = (value) => {
  const normal = nfkc(value);
  const digits = normal.replace(/\D/g, '').length;
  if (!/^\+?[0-9()-]+$/.test(normal) || digits < 6 || digits > 15) return bad(`${shown(value)} is not a phone number (digits and hyphens)`);
  return ok(normal);
};

/** 郵便番号 as `123-4567` (a leading 〒 and a missing hyphen are accepted). */
export const postalCode: FieldParser<string> = (value) => {
  const match = /^〒?\s*(\d{3})-?(\d{4})$/u.exec(nfkc(value));
  if (!match) return bad(`${shown(value)} is not a postal code like 100-0005`);
  return ok(`${match[1]}-${match[2]}`);
};
