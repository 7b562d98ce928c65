import { recordAudit } from '../../platform/auth/audit.js';
import { refundAttempt, takeAttempts, type ThrottlePolicy } from '../../platform/auth/throttle.js';
import { randomToken, safeEqual, sha256 } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { ApiCaller } from '../../platform/http/api-context.js';
import { findClientByClientId, findTokenClient, insertToken, touchClient } from './repository.js';
import './audit-kinds.js';

export const TOKEN_TTL_SECONDS = 3600;

/** Wrong secrets: ten a quarter of an hour per client_id, thirty per address, counted before the check. */
export const TOKEN_THROTTLE = {
  client: { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { limit: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const satisfies Record<string, ThrottlePolicy>;

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export type TokenOutcome =
  | { ok: true; accessToken: string; expiresIn: number; scope: string }
  | { ok: false; error: 'invalid_client' }
  | { ok: false; error: 'locked'; retryAfterSeconds: number };

const keys = (clientId: string, ip: string) => [
  { key: `api-token:client:${sha256(clientId)}`, policy: TOKEN_THROTTLE.client },
  { key: `api-token:ip:${ip}`, policy: TOKEN_THROTTLE.ip },
];

/** RFC 6749 §4.4: a client's credentials for an opaque bearer token of an hour (only its SHA-256 stored). */
export async function issueToken(db: Db, now: Date, credentials: Credentials, ip: string): Promise<TokenOutcome> {
  const throttled = keys(credentials.clientId, ip);
  const gate = await takeAttempts(db, now, throttled);
  if (!gate.allowed) {
    const until = gate.lock?.lockedUntil?.getTime() ?? now.getTime() + 60_000;
    await recordAudit(db, now, { kind: 'api_token_refused', actor: null, ip, detail: { client_id: credentials.clientId.slice(0, 100), reason: 'locked' } });
    return { ok: false, error: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
  }
  const client = await findClientByClientId(db, credentials.clientId);
  const secretOk = safeEqual(sha256(credentials.clientSecret), client?.secret_hash ?? sha256(''));
  if (!client || client.revoked_at !== null || !secretOk) {
    await recordAudit(db, now, { kind: 'api_token_refused', actor: null, ip, detail: { client_id: credentials.clientId.slice(0, 100), reason: client?.revoked_at ? 'revoked' : 'invalid_client' } });
    return { ok: false, error: 'invalid_client' };
  }
  for (const { key, policy } of throttled) await refundAttempt(db, key, policy);
  const accessToken = randomToken();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await touchClient(trx, client.id, at);
    await insertToken(trx, { token_hash: sha256(accessToken), client_id: client.id, created_at: at, expires_at: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000).toISOString() });
    await recordAudit(trx, now, { kind: 'api_token_issued', actor: { kind: 'api_client', id: client.id }, subject: { kind: 'api_client', id: client.id }, ip });
  });
  return { ok: true, accessToken, expiresIn: TOKEN_TTL_SECONDS, scope: client.scopes };
}

// last_used_at is written at most once a minute per client, not on every call.
const TOUCH_EVERY_MS = 60_000;

/** The caller of a live bearer token, or null (unknown, expired, or its client revoked). */
export async function authenticateBearer(db: Db, now: Date, token: string): Promise<ApiCaller | null> {
  const at = now.toISOString();
  const row = await findTokenClient(db, sha256(token), at);
  if (!row) return null;
  if (!row.last_used_at || new Date(row.last_used_at).getTime() < now.getTime() - TOUCH_EVERY_MS) await touchClient(db, row.id, at);
  return { id: row.id, clientId: row.client_id, scopes: row.scopes.split(' ') };
}
