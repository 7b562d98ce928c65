import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { customerActor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { recentlyAuthenticated } from '../../platform/auth/recent-auth.js';
import { newId } from '../../platform/crypto.js';
import type { CurrentSession } from '../../platform/http/context.js';
import type { AppDeps } from '../../platform/deps.js';
import type { WebauthnPurpose } from '../../platform/ui/webauthn.js';
import { authenticationOptions, registrationOptions, verifyRegistration, type Ceremony } from './ceremonies.js';
import { relyingParty } from './relying-party.js';
import { accountOf, countPasskeys, deletePasskey, insertPasskey, lockAccount, passkeyOf, passkeysOf, setPasswordLoginStopped, type Passkey } from './repository.js';

/** At most this many passkeys a customer (a phone, a PC, a spare key or two). */
export const MAX_PASSKEYS = 10;

type Options = PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;

function ceremonyFor(deps: AppDeps, purpose: WebauthnPurpose, session: CurrentSession | null): Ceremony {
  const binding = purpose === 'login' ? { purpose, customerId: null, sessionHash: null } : { purpose, customerId: session?.customerId ?? null, sessionHash: session?.idHash ?? null };
  return { db: deps.db, rp: relyingParty(deps.config), now: deps.clock.now(), binding };
}

/**
 * Options for a ceremony, with its challenge stored. Login needs no session; re-entry needs one;
 * registration needs one that proved its owner within the step-up window. null: not allowed.
 */
export async function ceremonyOptions(deps: AppDeps, purpose: WebauthnPurpose, session: CurrentSession | null): Promise<Options | null> {
  const c = ceremonyFor(deps, purpose, session);
  if (purpose === 'login') return authenticationOptions(c, null);
  if (!session) return null;
  const account = await accountOf(deps.db, session.customerId);
  if (!account?.usable) return null;
  const existing = await passkeysOf(deps.db, account.id);
  if (purpose === 'reauth') return existing.length > 0 ? authenticationOptions(c, existing) : null;
  if (!recentlyAuthenticated(session.authenticatedAt, c.now) || existing.length >= MAX_PASSKEYS) return null;
  return registrationOptions(c, account, existing);
}

export interface LoginMethods {
  passkeys: Passkey[];
  passwordLoginStopped: boolean;
}

export async function loginMethods(deps: AppDeps, customerId: string): Promise<LoginMethods | null> {
  const account = await accountOf(deps.db, customerId);
  if (!account?.usable) return null;
  return { passkeys: await passkeysOf(deps.db, customerId), passwordLoginStopped: account.passwordLoginStopped };
}

export type RegisterOutcome = { kind: 'registered'; passkey: Passkey } | { kind: 'invalid' } | { kind: 'too_many' } | { kind: 'duplicate' };

/** パスキーを登録する: the authenticator's answer to a challenge of this session, verified (user verification required). */
export async function registerPasskey(deps: AppDeps, input: { session: CurrentSession; name: string; response: RegistrationResponseJSON; ip: string }): Promise<RegisterOutcome> {
  const c = ceremonyFor(deps, 'register', input.session);
  const customerId = input.session.customerId;
  const credential = await verifyRegistration(c, input.response);
  if (!credential) {
    await recordAudit(deps.db, c.now, { kind: 'passkey_registration_failed', actor: customerActor(customerId), customerId, ip: input.ip, detail: { reason: 'not_verified' } });
    return { kind: 'invalid' };
  }
  return deps.db.transaction().execute(async (trx): Promise<RegisterOutcome> => {
    await lockAccount(trx, customerId, c.now);
    if ((await countPasskeys(trx, customerId)) >= MAX_PASSKEYS) return { kind: 'too_many' };
    const taken = await trx.selectFrom('passkeys').select('id').where('credential_id', '=', credential.credentialId).executeTakeFirst();
    if (taken) return { kind: 'duplicate' };
    const passkey: Passkey = { id: newId(), customerId, ...credential, name: input.name, createdAt: c.now.toISOString(), lastUsedAt: null };
    await insertPasskey(trx, passkey);
    await recordAudit(trx, c.now, { kind: 'passkey_registered', actor: customerActor(customerId), customerId, subject: { kind: 'passkey', id: passkey.id }, ip: input.ip, detail: { name: passkey.name, transports: passkey.transports } });
    return { kind: 'registered', passkey };
  });
}

export type RemoveOutcome = 'removed' | 'not_found' | 'last_while_password_stopped';

/**
 * 削除: refused for the last passkey while password login is stopped (the customer would have
 * no way in but recovery); the check and the delete run under the customer's row lock.
 */
export async function removePasskey(deps: AppDeps, input: { customerId: string; passkeyId: string; ip: string }): Promise<RemoveOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx): Promise<RemoveOutcome> => {
    await lockAccount(trx, input.customerId, now);
    const passkey = await passkeyOf(trx, input.customerId, input.passkeyId);
    if (!passkey) return 'not_found';
    const account = await accountOf(trx, input.customerId);
    if (account?.passwordLoginStopped && (await countPasskeys(trx, input.customerId)) <= 1) return 'last_while_password_stopped';
    if (!(await deletePasskey(trx, input.customerId, passkey.id))) return 'not_found';
    await recordAudit(trx, now, { kind: 'passkey_removed', actor: customerActor(input.customerId), customerId: input.customerId, subject: { kind: 'passkey', id: passkey.id }, ip: input.ip, detail: { name: passkey.name, createdAt: passkey.createdAt, lastUsedAt: passkey.lastUsedAt } });
    return 'removed';
  });
}

export type PasswordLoginOutcome = 'changed' | 'no_passkey';

/** 「パスワードでのログインを停止する」 (needs a passkey) or 再開する. */
export async function setPasswordLogin(deps: AppDeps, input: { customerId: string; stop: boolean; ip: string }): Promise<PasswordLoginOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx): Promise<PasswordLoginOutcome> => {
    await lockAccount(trx, input.customerId, now);
    if (input.stop && (await countPasskeys(trx, input.customerId)) === 0) return 'no_passkey';
    await setPasswordLoginStopped(trx, input.customerId, input.stop ? now : null);
    await recordAudit(trx, now, { kind: input.stop ? 'password_login_stopped' : 'password_login_resumed', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { by: 'customer' } });
    return 'changed';
  });
}
