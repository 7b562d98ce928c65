import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

// A value a flow must show again (e.g. a keyword on screen) is kept sealed with a key only
// the owning browser holds: the database alone cannot read it.
const keyFrom = (browserKey: string): Buffer => createHmac('sha256', browserKey).update('flow-seal').digest();

export function seal(browserKey: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(browserKey), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The text, or null if the value was sealed for another browser or altered. */
export function unseal(browserKey: string, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(browserKey), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
