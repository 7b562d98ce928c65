import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { createDb, describeDatabaseUrl, migrateToLatest, type Db } from '../../platform/db/database.js';
import { SYSTEM } from '../../platform/auth/actor.js';
import { API_SCOPES } from './scopes.js';
import { addApiClient, listApiClients, revokeApiClient } from './service.js';

export const API_CLIENTS_USAGE = `usage: keizoku api-clients add NAME --scopes ${API_SCOPES.join(',')}
       keizoku api-clients list
       keizoku api-clients revoke CLIENT_ID [--reason TEXT]`;

type Parsed = { sub: 'add'; name: string; scopes: string } | { sub: 'list' } | { sub: 'revoke'; clientId: string; reason: string | null };

function parse(args: string[]): Parsed | null {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, options: { scopes: { type: 'string' }, reason: { type: 'string' } }, allowPositionals: true, strict: true });
  if (sub === 'add' && positionals.length === 1 && values.scopes !== undefined && values.reason === undefined) return { sub, name: positionals[0]!, scopes: values.scopes };
  if (sub === 'list' && positionals.length === 0 && values.scopes === undefined && values.reason === undefined) return { sub };
  if (sub === 'revoke' && positionals.length === 1 && values.scopes === undefined) return { sub, clientId: positionals[0]!, reason: values.reason ?? null };
  return null;
}

const at = (date: Date | null): string => (date ? date.toISOString() : '-');

async function list(db: Db): Promise<number> {
  console.log(['client_id', 'name', 'scopes', 'created', 'last used', 'revoked'].join('\t'));
  for (const c of await listApiClients(db)) console.log([c.clientId, c.name, c.scopes.join(','), at(c.createdAt), at(c.lastUsedAt), at(c.revokedAt)].join('\t'));
  return 0;
}

async function run(db: Db, parsed: Parsed, now: Date): Promise<number> {
  if (parsed.sub === 'list') return list(db);
  if (parsed.sub === 'revoke') {
    const outcome = await revokeApiClient(db, now, parsed.clientId, SYSTEM, parsed.reason);
    if (outcome === 'revoked') console.log(`revoked ${parsed.clientId}: its tokens no longer work`);
    else console.error(outcome === 'unknown' ? `cannot revoke: no API client ${parsed.clientId}` : `cannot revoke: ${parsed.clientId} is already revoked`);
    return outcome === 'revoked' ? 0 : 2;
  }
  const outcome = await addApiClient(db, now, parsed.name, parsed.scopes);
  if (!outcome.ok) {
    console.error(`cannot add API client: ${outcome.problem}`);
    return 2;
  }
  console.log(`client_id=${outcome.clientId}`);
  console.log(`client_secret=${outcome.clientSecret}`);
  console.log('the secret is shown only this once: store it in the core system now');
  return 0;
}

/** `keizoku api-clients add|list|revoke`. Exit codes: 0 done; 2 usage or refused; 1 the database failed. */
export async function apiClientsCommand(config: Config, args: string[], clock: Clock = systemClock): Promise<number> {
  let parsed: Parsed | null;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${API_CLIENTS_USAGE}`);
    return 2;
  }
  if (!parsed) {
    console.error(API_CLIENTS_USAGE);
    return 2;
  }
  let db: Db | undefined;
  try {
    db = createDb(config.databaseUrl);
    await migrateToLatest(db);
    return await run(db, parsed, clock.now());
  } catch (error) {
    console.error(`api-clients: database ${describeDatabaseUrl(config.databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}
