/**
 * The user ID as stored: NFKC (full-width letters and digits become half-width), trimmed,
 * lower case (and NFKC again, as registration's normalizeEmail does, so both always agree).
 */
export function normalizeUserId(typed: string): string {
  return typed.normalize('NFKC').trim().toLowerCase().normalize('NFKC');
}

/** Longest user ID we read (an e-mail address is at most 254 characters). */
export const USER_ID_MAX_LENGTH = 254;
