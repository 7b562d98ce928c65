import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id at the baseline's parameters (m=19456 KiB, t=2, p=1). */
// algorithm 2 is Algorithm.Argon2id, a const enum that verbatimModuleSyntax cannot import.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const newId = (): string => randomUUID();

/** 32 random bytes, URL-safe: mail tokens, session ids, CSRF secrets. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const hmac = (key: string, text: string): string => createHmac('sha256', key).update(text).digest('base64url');

// One key per purpose, so a value sealed for one use never opens as another.
const sealKey = (secret: string, purpose: string): Buffer => createHmac('sha256', secret).update(purpose).digest();

/**
 * AES-256-GCM under a key derived from `secret` for `purpose`: iv | tag | ciphertext, base64url.
 * `context` is authenticated, not stored: the value opens only where the same context is given.
 */
export function sealText(secret: string, purpose: string, text: string, context = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret, purpose), iv);
  if (context) cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The text, or null if it was sealed under another secret, purpose or context, or altered. */
export function unsealText(secret: string, purpose: string, sealed: string, context = ''): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(secret, purpose), raw.subarray(0, 12), { authTagLength: 16 });
    decipher.setAuthTag(raw.subarray(12, 28));
    if (context) decipher.setAAD(Buffer.from(context, 'utf8'));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const hashSecret = (secret: string): Promise<string> => hash(secret, ARGON2);

/** The PHC string's algorithm and parameters, e.g. `argon2id$v=19$m=19456,t=2,p=1`. */
const ARGON2_PARAMETERS = `argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;

/**
 * Whether a stored hash was made with other parameters (or another algorithm) than hashSecret's
 * today: the holder's next successful login stores a new one (ASVS 11.2.2, crypto agility).
 */
export const needsRehash = (secretHash: string): boolean => !secretHash.startsWith(`$${ARGON2_PARAMETERS}`);

export async function verifySecret(secretHash: string, secret: string): Promise<boolean> {
  try {
    return await verify(secretHash, secret);
  } catch {
    return false;
  }
}

/** A hash to verify against when there is no account, so a missing account costs the same time. */
let decoyHash: Promise<string> | undefined;
export function decoySecretHash(): Promise<string> {
  decoyHash ??= hashSecret(randomToken());
  return decoyHash;
}
