import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { consumeChallenge, storeChallenge, type ChallengeBinding } from '../../platform/auth/challenges.js';
import type { Db } from '../../platform/db/database.js';
import type { Passkey } from './repository.js';
import type { RelyingParty } from './relying-party.js';

// The WebAuthn ceremonies on @simplewebauthn/server (decision 0022): user verification
// required, attestation none, resident (discoverable) keys; every challenge stored by its hash
// and used up by the verification that reads it, whatever the verification's outcome.

const TIMEOUT_MS = 120_000;

export interface Ceremony {
  db: Db;
  rp: RelyingParty;
  now: Date;
  binding: ChallengeBinding;
}

export async function registrationOptions(c: Ceremony, user: { id: string; userId: string; displayName: string }, existing: Passkey[]): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await generateRegistrationOptions({
    rpName: c.rp.name,
    rpID: c.rp.id,
    userName: user.userId,
    userID: new TextEncoder().encode(user.id),
    userDisplayName: user.displayName,
    timeout: TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await storeChallenge(c.db, options.challenge, c.binding, c.now);
  return options;
}

/** Options for an assertion: any discoverable passkey (login), or one of the customer's (re-entry). */
export async function authenticationOptions(c: Ceremony, allow: Passkey[] | null): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: c.rp.id,
    timeout: TIMEOUT_MS,
    userVerification: 'required',
    allowCredentials: (allow ?? []).map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
  await storeChallenge(c.db, options.challenge, c.binding, c.now);
  return options;
}

/** The challenge the browser signed, used up here: true only for the one verification that gets it. */
const challengeUse = (c: Ceremony) => (challenge: string) => consumeChallenge(c.db, challenge, c.binding, c.now);

export interface NewCredential {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
}

/** Checks a registration's answer; null when it does not verify (any reason: logged by the caller). */
export async function verifyRegistration(c: Ceremony, response: RegistrationResponseJSON): Promise<NewCredential | null> {
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challengeUse(c),
      expectedOrigin: c.rp.origin,
      expectedRPID: c.rp.id,
      requireUserVerification: true,
    });
    if (!result.verified) return null;
    const { credential } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
    };
  } catch {
    return null;
  }
}

export type AssertionOutcome = { ok: true; newCounter: number } | { ok: false; reason: string };

/**
 * Checks an assertion against the stored passkey: signature, origin, RP ID, user verification,
 * the challenge (single use) and the counter (one lower than or equal to the stored one refuses,
 * unless the authenticator keeps none: both zero).
 */
export async function verifyAssertion(c: Ceremony, response: AuthenticationResponseJSON, passkey: Passkey): Promise<AssertionOutcome> {
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challengeUse(c),
      expectedOrigin: c.rp.origin,
      expectedRPID: c.rp.id,
      requireUserVerification: true,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')), counter: passkey.counter, transports: passkey.transports },
    });
    return result.verified ? { ok: true, newCounter: result.authenticationInfo.newCounter } : { ok: false, reason: 'not_verified' };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.slice(0, 120) : 'error' };
  }
}
