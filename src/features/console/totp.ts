import * as OTPAuth from 'otpauth';
import { sealText, unsealText } from '../../platform/crypto.js';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const DIGITS = 6;
const SEAL_PURPOSE = 'staff-totp-secret';

/** A new random secret (160 bits, RFC 4226's recommended length), base32. */
export const newTotpSecret = (): string => new OTPAuth.Secret({ size: 20 }).base32;

const totpOf = (secretBase32: string, issuer = '', label = '') =>
  new OTPAuth.TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secretBase32) });

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (secretBase32: string, issuer: string, login: string): string => totpOf(secretBase32, issuer, login).toString();

/** The secret in groups of four for typing it by hand: `ABCD EFGH …`. */
export const groupedSecret = (secretBase32: string): string => secretBase32.replace(/(.{4})(?=.)/g, '$1 ');

/** The time-step of an instant. */
export const timeStep = (at: Date): number => Math.floor(at.getTime() / 1000 / PERIOD);

/**
 * The time-step whose code `code` is, within one step either side of `at` (clock drift), or
 * null. The caller refuses a step it has already accepted (replay).
 */
export function matchTotp(secretBase32: string, code: string, at: Date): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : timeStep(at) + delta;
}

/** The code of an instant (demo and tests). */
export const totpCode = (secretBase32: string, at: Date): string => totpOf(secretBase32).generate({ timestamp: at.getTime() });

/** Sealed under the server secret, bound to the account: a sealed secret copied to another account does not open. */
export const sealTotpSecret = (appSecret: string, staffId: string, secretBase32: string): string => sealText(appSecret, SEAL_PURPOSE, secretBase32, staffId);

export const unsealTotpSecret = (appSecret: string, staffId: string, sealed: string): string | null => unsealText(appSecret, SEAL_PURPOSE, sealed, staffId);
