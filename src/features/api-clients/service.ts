import { randomBytes } from 'node:crypto';
import { SYSTEM, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { newId, randomToken, sha256 } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { deleteClientTokens, findClientByClientId, insertClient, listClients, revokeClient } from './repository.js';
import { parseScopes } from './scopes.js';
import './audit-kinds.js';

export interface ApiClientSummary {
  name: string;
  clientId: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export type AddClientOutcome = { ok: true; clientId: string; clientSecret: string } | { ok: false; problem: string };

const NAME_MAX = 100;

/** A new client; its secret is returned once and only its SHA-256 is kept. */
export async function addApiClient(db: Db, now: Date, name: string, scopesText: string, by: Actor = SYSTEM): Promise<AddClientOutcome> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > NAME_MAX || /\p{Cc}/u.test(trimmed)) return { ok: false, problem: `the name must be 1–${NAME_MAX} characters without control characters` };
  const scopes = parseScopes(scopesText);
  if (!scopes.ok) return { ok: false, problem: scopes.unknown.length ? `unknown scope ${scopes.unknown.join(', ')}` : 'at least one scope is required' };
  const clientId = `kzc_${randomBytes(12).toString('base64url')}`;
  const clientSecret = randomToken();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertClient(trx, { id, name: trimmed, client_id: clientId, secret_hash: sha256(clientSecret), scopes: scopes.scopes.join(' '), created_at: now.toISOString(), last_used_at: null, revoked_at: null, revoked_reason: null });
    await recordAudit(trx, now, { kind: 'api_client_created', actor: by, subject: { kind: 'api_client', id }, detail: { name: trimmed, client_id: clientId, scopes: scopes.scopes } });
  });
  return { ok: true, clientId, clientSecret };
}

const date = (text: string | null): Date | null => (text ? new Date(text) : null);

export async function listApiClients(db: Db): Promise<ApiClientSummary[]> {
  return (await listClients(db)).map((c) => ({
    name: c.name,
    clientId: c.client_id,
    scopes: c.scopes.split(' '),
    createdAt: new Date(c.created_at),
    lastUsedAt: date(c.last_used_at),
    revokedAt: date(c.revoked_at),
    revokedReason: c.revoked_reason,
  }));
}

export type RevokeOutcome = 'revoked' | 'unknown' | 'already_revoked';

/** Revokes a client: its tokens stop working at once (they are checked against the client on every call) and are deleted. */
export async function revokeApiClient(db: Db, now: Date, clientId: string, by: Actor, reason: string | null, ip: string | null = null): Promise<RevokeOutcome> {
  return db.transaction().execute(async (trx) => {
    const client = await findClientByClientId(trx, clientId);
    if (!client) return 'unknown';
    if (!(await revokeClient(trx, clientId, now.toISOString(), reason))) return 'already_revoked';
    await deleteClientTokens(trx, client.id);
    await recordAudit(trx, now, { kind: 'api_client_revoked', actor: by, subject: { kind: 'api_client', id: client.id }, ip, detail: { client_id: clientId, name: client.name, reason } });
    return 'revoked';
  });
}
