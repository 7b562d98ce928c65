import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { customerActor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { deviceOwner, rememberDevice } from '../../platform/auth/devices.js';
import { recordLoginEvent } from '../../platform/auth/login-events.js';
import { recordLogin } from '../../platform/auth/login-notice.js';
import { recordSuccessfulLogin } from '../../platform/auth/logins.js';
import { markAuthenticated } from '../../platform/auth/sessions.js';
import { clearAttempts, holdAnswer, refundAttempt, takeAttempt, takeAttempts, type ThrottlePolicy } from '../../platform/auth/throttle.js';
import { sha256, verifySecret } from '../../platform/crypto.js';
import type { AppDeps } from '../../platform/deps.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { verifyAssertion, type Ceremony } from './ceremonies.js';
import { relyingParty } from './relying-party.js';
import { accountOf, passkeyByCredentialId, recordUse } from './repository.js';

const MINUTE = 60_000;
/** Failed passkey logins per address: as the password login's per-address limit (carrier NAT). */
export const PASSKEY_IP_POLICY: ThrottlePolicy = { limit: 50, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE };
/** Failed assertions per passkey: a key that fails five times in 30 minutes is refused for 30. */
export const PASSKEY_CREDENTIAL_POLICY: ThrottlePolicy = { limit: 5, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE, slowAfter: 3 };
/** Wrong passwords at the re-entry page, per customer. */
export const REAUTH_POLICY: ThrottlePolicy = { limit: 5, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE, slowAfter: 3 };

const ipKey = (ip: string) => `passkey:ip:${ip}`;
const credentialKey = (credentialId: string) => `passkey:credential:${sha256(credentialId)}`;
const reauthKey = (customerId: string) => `reauth:customer:${customerId}`;

/** `deviceToken`: the device cookie to (re)set on this browser, as after a password login. */
export type PasskeyLoginOutcome = { kind: 'ok'; customerId: string; deviceToken: string } | { kind: 'failed' } | { kind: 'locked' };

export interface PasskeyLoginInput {
  response: AuthenticationResponseJSON;
  ip: string;
  userAgent: string;
  /** The browser's device cookie, if it sent one. */
  deviceToken: string | null;
  /** The request's language: ログインのお知らせ is written in it (Japanese when not given). */
  locale?: Locale;
}

const ceremony = (deps: AppDeps, binding: Ceremony['binding']): Ceremony => ({ db: deps.db, rp: relyingParty(deps.config), now: deps.clock.now(), binding });

/**
 * パスキーでログイン: counted per address and per passkey before the signature is checked; a
 * passkey nobody registered, a bad or replayed assertion (its challenge is used up), a lower
 * counter, or a closed or suspended account all answer the same failure.
 */
export async function passkeyLogin(deps: AppDeps, input: PasskeyLoginInput): Promise<PasskeyLoginOutcome> {
  const { db } = deps;
  const started = performance.now();
  const now = deps.clock.now();
  const keys = [
    { key: ipKey(input.ip), policy: PASSKEY_IP_POLICY },
    { key: credentialKey(input.response.id), policy: PASSKEY_CREDENTIAL_POLICY },
  ];
  const gate = await takeAttempts(db, now, keys);
  if (!gate.allowed) {
    await recordAudit(db, now, { kind: 'passkey_login_locked', actor: null, customerId: null, ip: input.ip, detail: { key: gate.lock?.key.startsWith('passkey:ip:') ? 'ip' : 'passkey' } });
    await holdAnswer(started, gate.holdMs);
    return { kind: 'locked' };
  }
  const passkey = await passkeyByCredentialId(db, input.response.id);
  const account = passkey ? await accountOf(db, passkey.customerId) : null;
  const checked = passkey ? await verifyAssertion(ceremony(deps, { purpose: 'login', customerId: null, sessionHash: null }), input.response, passkey) : { ok: false as const, reason: 'unknown_passkey' };
  const reason = !checked.ok ? checked.reason : !account?.usable ? 'account_not_usable' : null;
  if (checked.ok && passkey && account && reason === null && (await recordUse(db, passkey, checked.newCounter, now))) {
    const knownBrowser = (await deviceOwner(db, input.deviceToken))?.customerId === account.id;
    const deviceToken = await db.transaction().execute(async (trx) => {
      await recordSuccessfulLogin(trx, account.id, now);
      const login = { customerId: account.id, userId: account.userId, method: 'passkey' as const, at: now, userAgent: input.userAgent, ip: input.ip, knownBrowser };
      await recordLogin(trx, { mail: deps.mail, brand: deps.config.brand }, { ...login, locale: input.locale });
      await refundAttempt(trx, keys[0]!.key, PASSKEY_IP_POLICY);
      await clearAttempts(trx, keys[1]!.key);
      await recordAudit(trx, now, { kind: 'passkey_login_succeeded', actor: customerActor(account.id), customerId: account.id, ip: input.ip, detail: { passkeyId: passkey.id, device: knownBrowser } });
      return rememberDevice(trx, account.id, input.deviceToken, now);
    });
    if (!knownBrowser) deps.mail.kick();
    return { kind: 'ok', customerId: account.id, deviceToken };
  }
  if (passkey && account) await recordLoginEvent(db, { customerId: account.id, method: 'passkey', succeeded: false, at: now, userAgent: input.userAgent, ip: input.ip });
  await recordAudit(db, now, { kind: 'passkey_login_failed', actor: null, customerId: passkey?.customerId ?? null, ip: input.ip, detail: { reason: reason ?? 'counter_raced', passkeyId: passkey?.id ?? null } });
  await holdAnswer(started, gate.holdMs);
  return { kind: 'failed' };
}

export interface ReauthInput {
  customerId: string;
  sessionHash: string;
  ip: string;
}

async function reauthDone(deps: AppDeps, input: ReauthInput, method: 'password' | 'passkey', now: Date): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await markAuthenticated(trx, input.sessionHash, now);
    await clearAttempts(trx, reauthKey(input.customerId));
    await recordAudit(trx, now, { kind: 'reauth_succeeded', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { method } });
  });
}

export type ReauthOutcome = 'ok' | 'wrong' | 'throttled' | 'stopped' | 'closed';

/** The password entered again: counted before it is checked; refused while password login is stopped. */
export async function passwordReauth(deps: AppDeps, input: ReauthInput & { password: string }): Promise<ReauthOutcome> {
  const now = deps.clock.now();
  const account = await accountOf(deps.db, input.customerId);
  if (!account?.usable) return 'closed';
  if (account.passwordLoginStopped) return 'stopped';
  const attempt = await takeAttempt(deps.db, reauthKey(input.customerId), now, REAUTH_POLICY);
  if (!attempt.allowed) return 'throttled';
  if (input.password && (await verifySecret(account.passwordHash, input.password))) {
    await reauthDone(deps, input, 'password', now);
    return 'ok';
  }
  await recordAudit(deps.db, now, { kind: 'reauth_failed', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { method: 'password', attempt: attempt.number } });
  return 'wrong';
}

/** A passkey of this customer, asserted against a challenge handed to this session. */
export async function passkeyReauth(deps: AppDeps, input: ReauthInput & { response: AuthenticationResponseJSON }): Promise<ReauthOutcome> {
  const now = deps.clock.now();
  const account = await accountOf(deps.db, input.customerId);
  if (!account?.usable) return 'closed';
  const attempt = await takeAttempt(deps.db, reauthKey(input.customerId), now, REAUTH_POLICY);
  if (!attempt.allowed) return 'throttled';
  const passkey = await passkeyByCredentialId(deps.db, input.response.id);
  const mine = passkey?.customerId === input.customerId ? passkey : null;
  const checked = mine ? await verifyAssertion(ceremony(deps, { purpose: 'reauth', customerId: input.customerId, sessionHash: input.sessionHash }), input.response, mine) : null;
  if (mine && checked?.ok && (await recordUse(deps.db, mine, checked.newCounter, now))) {
    await reauthDone(deps, input, 'passkey', now);
    return 'ok';
  }
  const reason = !mine ? 'not_own_passkey' : checked && !checked.ok ? checked.reason : 'counter_raced';
  await recordAudit(deps.db, now, { kind: 'reauth_failed', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { method: 'passkey', reason, attempt: attempt.number } });
  return 'wrong';
}
