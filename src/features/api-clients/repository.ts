import type { Db } from '../../platform/db/database.js';
import type { ApiClientTable } from '../../platform/db/schema.js';

export type ApiClientRow = ApiClientTable;

export async function insertClient(db: Db, row: ApiClientRow): Promise<void> {
  await db.insertInto('api_clients').values(row).execute();
}

export const listClients = (db: Db): Promise<ApiClientRow[]> => db.selectFrom('api_clients').selectAll().orderBy('created_at').orderBy('id').execute();

export const findClientByClientId = (db: Db, clientId: string): Promise<ApiClientRow | undefined> =>
  db.selectFrom('api_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();

/** Revokes a live client; false when there is none (unknown or already revoked). */
export async function revokeClient(db: Db, clientId: string, at: string, reason: string | null): Promise<boolean> {
  const result = await db.updateTable('api_clients').set({ revoked_at: at, revoked_reason: reason }).where('client_id', '=', clientId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteClientTokens(db: Db, id: string): Promise<void> {
  await db.deleteFrom('api_tokens').where('client_id', '=', id).execute();
}

export async function insertToken(db: Db, row: { token_hash: string; client_id: string; created_at: string; expires_at: string }): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** The live client of an unexpired token (a revoked client's tokens find nothing). */
export const findTokenClient = (db: Db, tokenHash: string, at: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('api_clients', 'api_clients.id', 'api_tokens.client_id')
    .select(['api_clients.id', 'api_clients.client_id', 'api_clients.scopes', 'api_clients.last_used_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.expires_at', '>', at)
    .where('api_clients.revoked_at', 'is', null)
    .executeTakeFirst();

export async function touchClient(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_clients').set({ last_used_at: at }).where('id', '=', id).execute();
}
