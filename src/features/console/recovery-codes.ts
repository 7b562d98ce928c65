import { randomBytes } from 'node:crypto';
import { sha256 } from '../../platform/crypto.js';

/** Crockford's base32: no I, L, O or U, so a code read off paper is typed right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 24 × 5 = 120 random bits: above ASVS 6.5.2's 112, so a plain hash is enough to store them. */
export const RECOVERY_CODE_LENGTH = 24;
export const RECOVERY_CODE_BITS = RECOVERY_CODE_LENGTH * Math.log2(ALPHABET.length);
/** Codes issued before 0021 (80 bits) stay valid until used or replaced by a new setup. */
const LEGACY_LENGTH = 16;
export const RECOVERY_CODE_COUNT = 10;

/** One code, six groups of four: `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`. */
export function newRecoveryCode(): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const bytes = randomBytes(RECOVERY_CODE_LENGTH);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return chars.replace(/(.{4})(?=.)/g, '$1-');
}

export const newRecoveryCodes = (): string[] => Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);

/** A typed code in its stored form (width, case, spaces and hyphens forgiven; O→0, I/L→1), or null if it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const plain = typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== RECOVERY_CODE_LENGTH && plain.length !== LEGACY_LENGTH) return null;
  if ([...plain].some((c) => !ALPHABET.includes(c))) return null;
  return plain;
}

export const recoveryCodeHash = (normalized: string): string => sha256(`staff-recovery:${normalized}`);
