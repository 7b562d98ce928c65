import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { tokenRoutes } from '../features/api-clients/routes.js';
import { coreFeedRoutes } from '../features/core-feeds/routes.js';
import { authenticateBearer } from '../features/api-clients/tokens.js';
import { policyApiRoutes } from '../features/policy-import/api-routes.js';
import { recordAudit } from '../platform/auth/audit.js';
import type { AppDeps, FeatureOptions } from '../platform/deps.js';
import { PROBLEM_SCHEMA, problem, sendProblem } from '../platform/http/api-context.js';
import { createApiAjv, fieldProblems } from '../platform/http/api-validation.js';
import { idempotencyHooks } from '../platform/http/idempotency.js';
import '../features/api-clients/audit-kinds.js';

/** The API's resources, one route plugin each: tokens, policies, the feeds of what customers filed. */
const RESOURCES: Array<FastifyPluginAsync<FeatureOptions>> = [tokenRoutes, policyApiRoutes, coreFeedRoutes];

/** Docs only: Swagger UI sets inline styles; the customer site's CSP stays as it is. */
const DOCS_CSP = "default-src 'self'; base-uri 'none'; connect-src 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'";

/**
 * The integration API under /api, an encapsulated plugin: JSON only, bearer tokens of OAuth 2.0
 * client credentials (never a customer or staff cookie, so no CSRF), scopes per route, per-client
 * rate limits, Idempotency-Key on the POSTs, every call audited with the client as actor, RFC 9457
 * problem documents for every error, and the OpenAPI 3.1 document built from the route schemas.
 * No maintenance window: the core system's batch may run at night.
 */
export const apiSite: FastifyPluginAsync<FeatureOptions> = async (site, { deps }) => {
  site.decorateRequest('apiCaller', null);
  const ajv = createApiAjv();
  site.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  site.addSchema(PROBLEM_SCHEMA);
  await registerOpenApi(site);
  requireClientRateLimit(site);
  addBearerAuth(site, deps);
  requireJson(site);
  idempotencyHooks(site, deps);
  addCallAudit(site, deps);
  addProblemHandlers(site);
  for (const routes of RESOURCES) await site.register(routes, { deps });
  site.get('/v1/openapi.json', { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', 'no-cache').send(site.swagger()));
};

async function registerOpenApi(site: FastifyInstance): Promise<void> {
  await site.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Keizoku integration API', version: '1', description: 'For the insurer’s core system: push policies, read them back, take in renewal applications and change requests. See docs/api.md.' },
      servers: [{ url: '/api' }],
      components: {
        securitySchemes: {
          oauth2: {
            type: 'oauth2',
            description: 'OAuth 2.0 client credentials (RFC 6749 §4.4); the token is opaque and lasts an hour.',
            flows: {
              clientCredentials: {
                tokenUrl: '/api/v1/oauth/token',
                scopes: { 'policies:write': 'create and replace policies', 'policies:read': 'read policies', 'applications:read': 'read renewal applications', 'change-requests:read': 'read change requests' },
              },
            },
          },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  // No "Try it out": a client secret belongs on the core system's server, never typed into a browser (ASVS 10.1.1).
  await site.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP, uiConfig: { deepLinking: false, supportedSubmitMethods: [] } });
}

const bearerOf = (request: FastifyRequest): string | null | 'malformed' => {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header);
  return match ? match[1]! : 'malformed';
};

const unauthorized = (reply: FastifyReply, detail: string) =>
  sendProblem(reply.header('www-authenticate', 'Bearer realm="keizoku-api", error="invalid_token"'), problem(401, detail, { type: 'invalid-token' }));

/** RFC 6750: a live token of a live client, and the route's scope. */
function addBearerAuth(site: FastifyInstance, deps: AppDeps): void {
  site.addHook('onRequest', async (request, reply) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    const token = bearerOf(request);
    if (token === null) return unauthorized(reply, 'An access token is required: Authorization: Bearer <token> (see POST /api/v1/oauth/token).');
    if (token === 'malformed') return unauthorized(reply, 'The Authorization header is not a bearer token.');
    const caller = await authenticateBearer(deps.db, deps.clock.now(), token);
    if (!caller) return unauthorized(reply, 'The access token is unknown, expired or revoked: get a new one.');
    request.apiCaller = caller;
    if (!caller.scopes.includes(scope)) {
      reply.header('www-authenticate', `Bearer realm="keizoku-api", error="insufficient_scope", scope="${scope}"`);
      return sendProblem(reply, problem(403, `This client lacks the scope ${scope}.`, { type: 'insufficient-scope' }));
    }
  });
}

/**
 * A route that takes a token must carry the per-client rate limit (perClientRateLimit) in its
 * config, where @fastify/rate-limit reads it: a route without one stops the start.
 */
function requireClientRateLimit(site: FastifyInstance): void {
  site.addHook('onRoute', (route) => {
    if (route.config?.scope && (typeof route.config.rateLimit !== 'object' || route.config.rateLimit.hook !== 'preHandler')) {
      throw new Error(`API route ${route.method} ${route.url} takes a token but has no perClientRateLimit`);
    }
  });
}

/** JSON only on the routes that take a token (the token endpoint takes a form too). */
function requireJson(site: FastifyInstance): void {
  site.removeContentTypeParser('text/plain');
  site.addHook('onRequest', async (request, reply) => {
    const type = request.headers['content-type'];
    if (!request.routeOptions.config.scope || type === undefined || /^application\/json\s*(;|$)/i.test(type)) return;
    return sendProblem(reply, problem(415, 'Send the body as application/json.'));
  });
}

/**
 * Every call of a known client, whatever its answer. A call without a live token is only logged:
 * a flood of bad tokens must not write a row each (the answer to it reads nothing but the token).
 */
function addCallAudit(site: FastifyInstance, deps: AppDeps): void {
  site.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.scope) return payload;
    const caller = request.apiCaller;
    if (!caller) {
      request.log.info({ url: request.url.split('?')[0], status: reply.statusCode }, 'API call without a valid token');
      return payload;
    }
    await recordAudit(deps.db, deps.clock.now(), {
      kind: 'api_request',
      actor: { kind: 'api_client', id: caller.id },
      ip: request.ip,
      detail: { method: request.method, route: request.routeOptions.url ?? '', path: request.url.split('?')[0] ?? '', status: reply.statusCode },
    });
    return payload;
  });
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The body is empty; send a JSON object.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The body is larger than this operation accepts.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'The Content-Length does not match the body.'],
};

function addProblemHandlers(site: FastifyInstance): void {
  site.setNotFoundHandler((request, reply) => sendProblem(reply, problem(404, `No operation ${request.method} ${request.url.split('?')[0]}.`)));
  site.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      // A body's fields by their names, a path or query parameter by its own name too.
      const where = error.validationContext === 'headers' ? 'headers' : '';
      return sendProblem(reply, problem(422, 'The request has errors: see errors.', { type: 'invalid-request', errors: fieldProblems(error.validation as never, where) }));
    }
    const known = CLIENT_ERRORS[error.code];
    if (known) return sendProblem(reply, problem(known[0], known[1]));
    if (error.statusCode === 429) return sendProblem(reply, problem(429, 'Too many requests for this client: wait for Retry-After seconds.'));
    if (error instanceof SyntaxError || (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)) {
      request.log.info({ err: error }, 'bad API request');
      return sendProblem(reply, problem(error.statusCode && error.statusCode >= 400 ? error.statusCode : 400, 'The request cannot be processed as sent.'));
    }
    request.log.error({ err: error }, 'API request failed');
    return sendProblem(reply, problem(500, 'Something went wrong on our side; the request may be retried.'));
  });
}
