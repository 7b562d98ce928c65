import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyReply } from 'fastify';

/** The API client a bearer token belongs to, set by the API site's auth hook. */
export interface ApiCaller {
  /** api_clients.id (the audit actor's id). */
  id: string;
  clientId: string;
  scopes: readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    apiCaller: ApiCaller | null;
  }
  interface FastifyContextConfig {
    /** The scope an API route needs; absent: no bearer token (the token endpoint, the documents). */
    scope?: string;
    /** Idempotency-Key honoured (the POSTs that change data). */
    idempotent?: boolean;
  }
}

/**
 * The per-client rate limit of a route that takes a bearer token: @fastify/rate-limit's route
 * config, run after the token is known (preHandler) and keyed by the client, not its address.
 */
export const perClientRateLimit = (max: number): RateLimitOptions => ({
  max,
  timeWindow: '1 minute',
  hook: 'preHandler',
  keyGenerator: (request) => `api-client:${request.apiCaller?.id ?? request.ip}`,
});

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** An RFC 9457 problem; `type` names the kind of problem (about:blank when the status says it all). */
export function problem(status: number, detail: string, options: { type?: string; errors?: FieldProblem[] } = {}): Problem {
  return {
    type: options.type ? `/api/v1/problems/${options.type}` : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(options.errors ? { errors: options.errors } : {}),
  };
}

export const sendProblem = (reply: FastifyReply, body: Problem) =>
  reply.code(body.status).header('cache-control', 'no-store').type('application/problem+json').send(body);

/** The problem document's JSON schema (RFC 9457), for every route's error responses. */
export const PROBLEM_SCHEMA = {
  $id: 'Problem',
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

const PROBLEM_RESPONSE = { description: 'RFC 9457 problem document', content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } } as const;

/** The route schema's error responses: a problem document for each status. */
export const problemResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, PROBLEM_RESPONSE]));

/** The statuses any route that takes a token may answer. */
export const COMMON_PROBLEMS = [400, 401, 403, 413, 415, 429] as const;

/** The route schema's security: the OAuth 2.0 scope it needs. */
export const scopeSecurity = (scope: string) => [{ oauth2: [scope] }];

/** The route schema's headers of a POST that honours Idempotency-Key. */
export const IDEMPOTENCY_HEADERS = { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 255, description: 'Any 1–255 visible ASCII characters; a retry with the same key and body gets the first answer' } } } as const;
