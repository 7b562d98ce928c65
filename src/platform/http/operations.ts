import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { safeEqual } from '../crypto.js';
import { pendingMigrations, type Db } from '../db/database.js';
import { databaseMetrics } from '../metrics/database-metrics.js';
import { httpRequestSeconds, processMetrics } from '../metrics/registry.js';
import client from 'prom-client';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * /metrics from this machine, or with the bearer token from anywhere. The socket's own address
 * counts, not X-Forwarded-For, and a proxied request (one carrying that header) needs the token:
 * a reverse proxy on this machine must not expose the figures to the world.
 */
function mayReadMetrics(request: FastifyRequest, token: string | null): boolean {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (token && bearer && safeEqual(bearer, token)) return true;
  return LOOPBACK.test(request.socket.remoteAddress ?? '') && request.headers['x-forwarded-for'] === undefined;
}

/** /healthz (alive), /readyz (database reachable, schema current) and /metrics, outside every site. */
export function registerOperationsRoutes(app: FastifyInstance, options: { db: Db; clock: Clock; metricsToken: string | null }): void {
  const { db, clock, metricsToken } = options;
  app.addHook('onResponse', async (request, reply) => {
    httpRequestSeconds.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(db);
      const pending = await pendingMigrations(db);
      if (pending.length > 0) return reply.code(503).send({ ready: false, reason: 'schema is not current', pending });
      return { ready: true };
    } catch (error) {
      return reply.code(503).send({ ready: false, reason: 'database unreachable', error: error instanceof Error ? error.message : String(error) });
    }
  });

  const fromDatabase = databaseMetrics(db, clock);
  app.get('/metrics', async (request, reply) => {
    if (!mayReadMetrics(request, metricsToken)) return reply.code(404).send({ error: 'not found' });
    const merged = client.Registry.merge([processMetrics, fromDatabase]);
    reply.type(merged.contentType);
    return merged.metrics();
  });
}
