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
