import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../platform/deps.js';
import { issueToken, type Credentials } from './tokens.js';

const OAUTH_ERROR = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string', enum: ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'too_many_attempts'] }, error_description: { type: 'string' } },
} as const;

const TOKEN_SCHEMA = {
  summary: 'Get an access token (OAuth 2.0 client credentials, RFC 6749 §4.4)',
  description: 'Client credentials by HTTP Basic or as the form fields client_id and client_secret (one or the other, not both). application/x-www-form-urlencoded, or JSON.',
  tags: ['oauth'],
  body: {
    type: 'object',
    properties: { grant_type: { type: 'string', const: 'client_credentials' }, client_id: { type: 'string' }, client_secret: { type: 'string' }, scope: { type: 'string' } },
    required: ['grant_type'],
  },
  response: {
    200: {
      description: 'A bearer token of an hour',
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in', 'scope'],
      properties: { access_token: { type: 'string' }, token_type: { type: 'string', const: 'Bearer' }, expires_in: { type: 'integer' }, scope: { type: 'string' } },
    },
    400: { description: 'RFC 6749 §5.2: invalid_request or unsupported_grant_type', ...OAUTH_ERROR },
    401: { description: 'RFC 6749 §5.2: invalid_client (unknown, revoked or wrong secret)', ...OAUTH_ERROR },
    413: { description: 'invalid_request: the body is over 8 KiB', ...OAUTH_ERROR },
    415: { description: 'invalid_request: the body is neither a form nor JSON', ...OAUTH_ERROR },
    429: { description: 'Too many wrong credentials for this client_id or address: too_many_attempts, with Retry-After', ...OAUTH_ERROR },
  },
} as const;

type OAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'too_many_attempts';

const oauthError = (reply: FastifyReply, status: number, error: OAuthError, description: string) =>
  reply.code(status).header('cache-control', 'no-store').header('pragma', 'no-cache').send({ error, error_description: description });

const field = (body: Record<string, unknown>, name: string): string | undefined => (typeof body[name] === 'string' ? body[name] : undefined);

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function basicCredentials(header: string | undefined): Credentials | null | 'malformed' {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')), clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')) };
  } catch {
    return 'malformed';
  }
}

type Parsed = { ok: true; credentials: Credentials; basic: boolean } | { ok: false; status: number; error: OAuthError; description: string };

function parseTokenRequest(request: FastifyRequest): Parsed {
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
  const grant = field(body, 'grant_type');
  if (grant === undefined) return { ok: false, status: 400, error: 'invalid_request', description: 'grant_type is required' };
  if (grant !== 'client_credentials') return { ok: false, status: 400, error: 'unsupported_grant_type', description: 'only grant_type=client_credentials is supported' };
  const basic = basicCredentials(request.headers.authorization);
  const [id, secret] = [field(body, 'client_id'), field(body, 'client_secret')];
  if (basic === 'malformed') return { ok: false, status: 400, error: 'invalid_request', description: 'the Authorization header is not HTTP Basic credentials' };
  if (basic && secret !== undefined) return { ok: false, status: 400, error: 'invalid_request', description: 'send the client credentials one way only: HTTP Basic or the form fields' };
  if (basic) return { ok: true, credentials: basic, basic: true };
  if (!id || !secret) return { ok: false, status: 401, error: 'invalid_client', description: 'client authentication failed' };
  return { ok: true, credentials: { clientId: id, clientSecret: secret }, basic: false };
}

/** POST /v1/oauth/token. */
export const tokenRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  // A body that cannot be read is an RFC 6749 invalid_request too, not the API's problem document.
  const errorHandler = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode === 413 || error.statusCode === 415 ? error.statusCode : 400;
    return oauthError(reply, status, 'invalid_request', 'the body must be application/x-www-form-urlencoded or JSON, within 8 KiB');
  };
  app.post('/v1/oauth/token', { schema: TOKEN_SCHEMA, attachValidation: true, bodyLimit: 8 * 1024, errorHandler }, async (request, reply) => {
    const parsed = parseTokenRequest(request);
    if (!parsed.ok) {
      if (parsed.status === 401) reply.header('www-authenticate', 'Basic realm="keizoku-api"');
      return oauthError(reply, parsed.status, parsed.error, parsed.description);
    }
    const outcome = await issueToken(deps.db, deps.clock.now(), parsed.credentials, request.ip);
    if (outcome.ok) {
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send({ access_token: outcome.accessToken, token_type: 'Bearer', expires_in: outcome.expiresIn, scope: outcome.scope });
    }
    if (outcome.error === 'locked') {
      return oauthError(reply.header('retry-after', String(outcome.retryAfterSeconds)), 429, 'too_many_attempts', 'too many failed attempts; try again later');
    }
    return oauthError(reply.header('www-authenticate', 'Basic realm="keizoku-api"'), 401, 'invalid_client', 'client authentication failed');
  });
};
