import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { safeReturnPath } from '../../platform/http/require-login.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { CREDENTIAL_FIELD, type WebauthnPurpose } from '../../platform/ui/webauthn.js';
import { passkeyMessages } from './messages.js';

/** A passkey's name as the customer gives it. */
export const NAME_MAX_LENGTH = 30;
const CREDENTIAL_MAX_LENGTH = 16_384;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const bodyOf = (raw: unknown): Record<string, unknown> => (raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {});

const b64url = z.string().min(1).max(4096).regex(/^[A-Za-z0-9_-]+$/);
const credentialShape = z.object({
  id: b64url,
  rawId: b64url,
  type: z.literal('public-key'),
  response: z.record(z.string(), z.unknown()),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.string().max(40).optional(),
});

function credentialJson(raw: unknown): Record<string, unknown> | null {
  const value = text(raw);
  if (!value || value.length > CREDENTIAL_MAX_LENGTH) return null;
  try {
    const parsed = credentialShape.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** An assertion as the script posts it (its deeper fields are the verifier's to judge). */
export function parseAssertion(raw: unknown): AuthenticationResponseJSON | null {
  const value = credentialJson(bodyOf(raw)[CREDENTIAL_FIELD]);
  const response = value?.response as Record<string, unknown> | undefined;
  if (!value || typeof response?.clientDataJSON !== 'string' || typeof response.authenticatorData !== 'string' || typeof response.signature !== 'string') return null;
  return value as unknown as AuthenticationResponseJSON;
}

export function parseAttestation(raw: unknown): RegistrationResponseJSON | null {
  const value = credentialJson(bodyOf(raw)[CREDENTIAL_FIELD]);
  const response = value?.response as Record<string, unknown> | undefined;
  if (!value || typeof response?.clientDataJSON !== 'string' || typeof response.attestationObject !== 'string') return null;
  return value as unknown as RegistrationResponseJSON;
}

export type NameResult = { ok: true; name: string } | { ok: false; error: string; typed: string };

/** パスキーの名前: 1–30 characters, spaces trimmed, no control characters. */
export function parseName(raw: unknown, locale: Locale = 'ja'): NameResult {
  const m = passkeyMessages.of(locale);
  const typed = text(bodyOf(raw).name);
  const name = typed.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (!name) return { ok: false, error: m.nameMissing, typed: typed.slice(0, NAME_MAX_LENGTH) };
  if ([...name].length > NAME_MAX_LENGTH) return { ok: false, error: m.nameTooLong({ max: NAME_MAX_LENGTH }), typed: typed.slice(0, NAME_MAX_LENGTH * 2) };
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, error: m.nameBadCharacters, typed: '' };
  return { ok: true, name };
}

export const returnPathOf = (raw: unknown): string | null => safeReturnPath(bodyOf(raw).next);

export const passwordOf = (raw: unknown): string => text(bodyOf(raw).password).slice(0, 128);

const PURPOSES: readonly WebauthnPurpose[] = ['login', 'register', 'reauth'];
export function purposeOf(raw: unknown): WebauthnPurpose | null {
  const value = text(bodyOf(raw).purpose);
  return (PURPOSES as readonly string[]).includes(value) ? (value as WebauthnPurpose) : null;
}

/** 停止する / 再開する of password login. */
export function passwordLoginChoice(raw: unknown): 'stop' | 'resume' | null {
  const value = text(bodyOf(raw).password_login);
  return value === 'stop' || value === 'resume' ? value : null;
}
