import { randomBytes } from 'node:crypto';
import { sha256 } from '../../platform/crypto.js';

/** Crockford's base32: no I, L, O or U, so a code read off paper is typed right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16; // 16 × 5 = 80 random bits
export const RECOVERY_CODE_COUNT = 10;

/** One code, `XXXX-XXXX-XXXX-XXXX`. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(LENGTH);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return chars.replace(/(.{4})(?=.)/g, '$1-');
}

export const newRecoveryCodes = (): string[] => Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);

/** A typed code in its stored form (width, case, spaces and hyphens forgiven; O→0, I/L→1), or null if it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const plain = typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== LENGTH || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  return plain;
}

/** What is stored: the codes carry 80 random bits, so SHA-256 is enough (no guessing a hash back). */
export const recoveryCodeHash = (normalized: string): string => sha256(`staff-recovery:${normalized}`);
