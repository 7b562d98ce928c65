import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sha256 } from '../crypto.js';
import type { Db } from '../db/database.js';
import type { AppDeps } from '../deps.js';
import { problem, sendProblem } from './api-context.js';

/** How long an Idempotency-Key's answer is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencySlot: { clientId: string; key: string } | null;
  }
}

type Claim = { kind: 'claimed' } | { kind: 'running' } | { kind: 'other_request' } | { kind: 'answered'; status: number; body: string };

/** Takes the key for this request in one conditional insert, so of two at once only one runs. */
async function claim(db: Db, clientId: string, key: string, requestHash: string, now: Date): Promise<Claim> {
  const at = now.toISOString();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const inserted = await db
      .insertInto('api_idempotency_keys')
      .values({ client_id: clientId, key, request_hash: requestHash, response_status: null, response_body: null, created_at: at, expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString() })
      .onConflict((oc) => oc.columns(['client_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed' };
    const row = await db.selectFrom('api_idempotency_keys').selectAll().where('client_id', '=', clientId).where('key', '=', key).executeTakeFirst();
    if (!row) continue;
    if (row.expires_at <= at) {
      await db.deleteFrom('api_idempotency_keys').where('client_id', '=', clientId).where('key', '=', key).where('expires_at', '<=', at).execute();
      continue;
    }
    if (row.request_hash !== requestHash) return { kind: 'other_request' };
    if (row.response_status === null || row.response_body === null) return { kind: 'running' };
    return { kind: 'answered', status: row.response_status, body: row.response_body };
  }
  return { kind: 'running' };
}

const requestHashOf = (request: FastifyRequest): string => sha256(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`);

/**
 * The Idempotency-Key header on the routes whose config says `idempotent`: the first request with a
 * key runs and its answer is kept 24 h; the same key and body again gets that answer replayed;
 * the same key with another body is refused (422), and while the first still runs, 409.
 * A 5xx answer is not kept, so the request may be retried with its key.
 */
export function idempotencyHooks(site: FastifyInstance, deps: AppDeps): void {
  site.decorateRequest('idempotencySlot', null);
  site.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (!request.routeOptions.config.idempotent || key === undefined || !request.apiCaller) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      return sendProblem(reply, problem(400, 'Idempotency-Key must be 1–255 visible ASCII characters.', { type: 'invalid-idempotency-key' }));
    }
    const clientId = request.apiCaller.id;
    const claimed = await claim(deps.db, clientId, key, requestHashOf(request), deps.clock.now());
    if (claimed.kind === 'claimed') {
      request.idempotencySlot = { clientId, key };
      return;
    }
    if (claimed.kind === 'other_request') return sendProblem(reply, problem(422, 'This Idempotency-Key was used for another request body; use a new key.', { type: 'idempotency-key-reused' }));
    if (claimed.kind === 'running') return sendProblem(reply.header('retry-after', '1'), problem(409, 'A request with this Idempotency-Key is still running; retry shortly.', { type: 'idempotency-key-in-use' }));
    const type = claimed.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8';
    return reply.code(claimed.status).header('idempotent-replayed', 'true').header('cache-control', 'no-store').type(type).send(claimed.body);
  });
  site.addHook('onSend', async (request, reply, payload) => {
    const slot = request.idempotencySlot;
    if (!slot) return payload;
    request.idempotencySlot = null;
    const row = deps.db.updateTable('api_idempotency_keys').where('client_id', '=', slot.clientId).where('key', '=', slot.key);
    if (reply.statusCode >= 500 || typeof payload !== 'string') await deps.db.deleteFrom('api_idempotency_keys').where('client_id', '=', slot.clientId).where('key', '=', slot.key).execute();
    else await row.set({ response_status: reply.statusCode, response_body: payload }).execute();
    return payload;
  });
}
