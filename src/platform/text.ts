// Text as people type it, brought to one form before it is compared or stored.

/**
 * Applies a normalisation until the text stops changing: removing a space can let NFKC compose
 * what it split (e.g. ´ becomes a space and a combining accent), so one pass is not always final.
 */
export function untilStable(step: (text: string) => string, text: string): string {
  let current = step(text);
  for (let i = 0; i < 4; i++) {
    const next = step(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** E-mail and user ID: NFKC, trimmed, lower case. */
export function normalizeEmail(text: string): string {
  return untilStable((t) => t.normalize('NFKC').trim().toLowerCase().normalize('NFKC'), text);
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

const FOLD_SPACES = /[\s\u3000]+/g;
/** Forms of a company name a person leaves out when searching for it (after NFKC: ㈱ is (株)). */
const COMPANY_FORMS = /株式会社|有限会社|合同会社|\(株\)|\(有\)|\(同\)/g;
const FOLD_HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;

/**
 * A search key: NFKC (full-width Latin and half-width kana become standard), no spaces and no
 * company form, hiragana as katakana, lower case. Two texts that a person would call the same
 * name have the same key, so a prefix of one key is what the person typed of the other.
 * PostgreSQL computes the same key in SQL (`keizoku_fold`, migration 0023), SQLite calls this.
 */
export function foldForSearch(text: string): string {
  return untilStable(
    (t) =>
      t
        .normalize('NFKC')
        .replace(FOLD_SPACES, '')
        .replace(COMPANY_FORMS, '')
        .replace(FOLD_HIRAGANA, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
        .toLowerCase(),
    text,
  );
}
