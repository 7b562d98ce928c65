import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id at the baseline's parameters (m=19456 KiB, t=2, p=1). */
// algorithm 2 is Algorithm.Argon2id, a const enum that verbatimModuleSyntax cannot import.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const newId = (): string => randomUUID();

/** 32 random bytes, URL-safe: mail tokens, session ids, CSRF secrets. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const hmac = (key: string, text: string): string => createHmac('sha256', key).update(text).digest('base64url');

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const hashSecret = (secret: string): Promise<string> => hash(secret, ARGON2);

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
