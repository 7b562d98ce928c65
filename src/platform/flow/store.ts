import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { newId, randomToken, safeEqual, sha256 } from '../crypto.js';

/**
 * A multi-step flow as a row: its kind, its state, the entries so far (JSON) and when it ends.
 * The browser that owns it holds a secret in a cookie; the row keeps only the secret's SHA-256.
 */
export interface Flow<S extends string, D> {
  id: string;
  kind: string;
  state: S;
  data: D;
  keywordHash: string | null;
  keywordFailures: number;
  customerId: string | null;
  createdAt: Date;
  expiresAt: Date;
  /** The stored data text as loaded: a save succeeds only if nobody changed the row since. */
  stamp: string;
}

/** The data column: who may use the flow (binding) and the feature's entries. */
interface Envelope {
  binding: string;
  data: unknown;
}

export interface NewFlow<S extends string, D> {
  kind: string;
  state: S;
  data: D;
  keywordHash?: string | null;
  customerId?: string | null;
  now: Date;
  ttlMs: number;
  /** The owner's key, when the caller needs it before the row exists (to seal values for it). */
  browserKey?: string;
}

/** A fresh browser key: 32 random bytes. */
export const newBrowserKey = (): string => randomToken();

/** A flow and the browser key of its owner (for the cookie and for sealing values to that browser). */
export interface BoundFlow<S extends string, D> {
  flow: Flow<S, D>;
  browserKey: string;
}

const envelope = (binding: string, entries: unknown): string => JSON.stringify({ binding, data: entries } satisfies Envelope);

export async function createFlow<S extends string, D>(db: Db, input: NewFlow<S, D>): Promise<BoundFlow<S, D>> {
  const browserKey = input.browserKey ?? newBrowserKey();
  const id = newId();
  const at = input.now.toISOString();
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  const stamp = envelope(sha256(browserKey), input.data);
  await db
    .insertInto('flows')
    .values({
      id,
      kind: input.kind,
      state: input.state,
      data: stamp,
      keyword_hash: input.keywordHash ?? null,
      keyword_failures: 0,
      customer_id: input.customerId ?? null,
      created_at: at,
      updated_at: at,
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  const flow: Flow<S, D> = {
    id,
    kind: input.kind,
    state: input.state,
    data: input.data,
    keywordHash: input.keywordHash ?? null,
    keywordFailures: 0,
    customerId: input.customerId ?? null,
    createdAt: input.now,
    expiresAt,
    stamp,
  };
  return { flow, browserKey };
}

interface Loaded<S extends string, D> {
  flow: Flow<S, D>;
  binding: string;
}

async function loadRow<S extends string, D>(db: Db, id: string, kind: string, states: readonly S[]): Promise<Loaded<S, D> | null> {
  const row = await db.selectFrom('flows').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst();
  if (!row || !(states as readonly string[]).includes(row.state)) return null;
  const parsed = JSON.parse(row.data) as Envelope;
  return {
    binding: parsed.binding,
    flow: {
      id: row.id,
      kind: row.kind,
      state: row.state as S,
      data: parsed.data as D,
      keywordHash: row.keyword_hash,
      keywordFailures: row.keyword_failures,
      customerId: row.customer_id,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
      stamp: row.data,
    },
  };
}

/** The flow by id, whoever holds it (e.g. reached through a mail token). */
export async function loadFlow<S extends string, D>(db: Db, id: string, kind: string, states: readonly S[]): Promise<Flow<S, D> | null> {
  return (await loadRow<S, D>(db, id, kind, states))?.flow ?? null;
}

/** The flow only if `browserKey` is the one it is bound to. */
export async function loadBoundFlow<S extends string, D>(
  db: Db,
  id: string,
  browserKey: string,
  kind: string,
  states: readonly S[],
): Promise<Flow<S, D> | null> {
  const loaded = await loadRow<S, D>(db, id, kind, states);
  if (!loaded || !safeEqual(loaded.binding, sha256(browserKey))) return null;
  return loaded.flow;
}

export const isExpired = (flow: { expiresAt: Date }, now: Date): boolean => flow.expiresAt.getTime() <= now.getTime();

export interface FlowChange<S extends string, D> {
  state: S;
  data: D;
  now: Date;
  /** New life from now; the old expiry stays when omitted. */
  ttlMs?: number;
  customerId?: string | null;
  keywordHash?: string | null;
  keywordFailures?: number;
  /** Bind the flow to a new browser key (whoever held it before loses it). */
  rebind?: boolean;
}

/**
 * Moves a flow on only if the row is still exactly as loaded (optimistic check: a double
 * submit or a race changes nothing the second time). Returns null when the flow had moved,
 * else the new browser key when rebinding (null otherwise).
 */
export async function saveFlow<S extends string, D>(db: Db, flow: Flow<S, D>, change: FlowChange<S, D>): Promise<{ browserKey: string | null } | null> {
  const browserKey = change.rebind ? newBrowserKey() : null;
  const binding = browserKey ? sha256(browserKey) : (JSON.parse(flow.stamp) as Envelope).binding;
  const result = await db
    .updateTable('flows')
    .set({
      state: change.state,
      data: envelope(binding, change.data),
      updated_at: change.now.toISOString(),
      ...(change.ttlMs === undefined ? {} : { expires_at: new Date(change.now.getTime() + change.ttlMs).toISOString() }),
      ...(change.customerId === undefined ? {} : { customer_id: change.customerId }),
      ...(change.keywordHash === undefined ? {} : { keyword_hash: change.keywordHash }),
      ...(change.keywordFailures === undefined ? {} : { keyword_failures: change.keywordFailures }),
    })
    .where('id', '=', flow.id)
    .where('state', '=', flow.state)
    .where('data', '=', flow.stamp)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n ? { browserKey } : null;
}

/** Counts one keyword attempt atomically, before it is checked; returns the count after it, or null if the flow left `state`. */
export async function countKeywordAttempt(db: Db, flowId: string, state: string, now: Date): Promise<number | null> {
  const row = await db
    .updateTable('flows')
    .set({ keyword_failures: sql<number>`keyword_failures + 1`, updated_at: now.toISOString() })
    .where('id', '=', flowId)
    .where('state', '=', state)
    .returning('keyword_failures')
    .executeTakeFirst();
  return row ? Number(row.keyword_failures) : null;
}

/** The customer's other flows (any kind unless given), e.g. to retire their links when credentials change. */
export async function otherFlowIdsOfCustomer(db: Db, customerId: string, exceptId: string, kind?: string): Promise<string[]> {
  let query = db.selectFrom('flows').select('id').where('customer_id', '=', customerId).where('id', '!=', exceptId);
  if (kind !== undefined) query = query.where('kind', '=', kind);
  return (await query.execute()).map((row) => row.id);
}
