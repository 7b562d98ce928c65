import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { COMMON_PROBLEMS, IDEMPOTENCY_HEADERS, perClientRateLimit, problem, problemResponses as problems, scopeSecurity as SECURITY, sendProblem } from '../../platform/http/api-context.js';
import { POLICY_OUTPUT_SCHEMA, policyInputSchema } from './api-input.js';
import { BATCH_MAX, batchPolicies, pathPolicyNumber, putPolicy, readPolicy } from './api-service.js';

const COMMON = COMMON_PROBLEMS;
const PARAMS = { type: 'object', required: ['policy_number'], properties: { policy_number: { type: 'string', description: '証券番号' } } } as const;

const BATCH_RESULT = {
  type: 'object',
  required: ['policy_number', 'result'],
  properties: {
    policy_number: { type: ['string', 'null'] },
    result: { type: 'string', enum: ['created', 'updated', 'rejected'] },
    errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
} as const;

const caller = (request: FastifyRequest): Actor => ({ kind: 'api_client', id: request.apiCaller!.id });
const numberParam = (request: FastifyRequest): string => (request.params as { policy_number: string }).policy_number;
const INVALID = 'The policy has errors: see errors, one per field.';

/** The policies of the integration API: the CSV import's rules and messages, as JSON. */
export const policyApiRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const rateLimit = perClientRateLimit(deps.config.apiRateLimitPerMinute);
  app.put(
    '/v1/policies/:policy_number',
    {
      config: { scope: 'policies:write', rateLimit },
      attachValidation: true,
      schema: {
        summary: 'Create or replace one policy',
        tags: ['policies'],
        security: SECURITY('policies:write'),
        params: PARAMS,
        body: policyInputSchema(false),
        response: { 200: { description: 'Updated', ...POLICY_OUTPUT_SCHEMA }, 201: { description: 'Created', ...POLICY_OUTPUT_SCHEMA }, ...problems(...COMMON, 422) },
      },
    },
    async (request, reply) => {
      const outcome = await putPolicy(deps.db, deps.clock.now(), caller(request), numberParam(request), request.body);
      if (!outcome.ok) return sendProblem(reply, problem(422, INVALID, { type: 'invalid-policy', errors: outcome.errors }));
      return reply.code(outcome.result === 'created' ? 201 : 200).header('cache-control', 'no-store').send(outcome.policy);
    },
  );

  app.post(
    '/v1/policies/batch',
    {
      config: { scope: 'policies:write', idempotent: true, rateLimit },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        summary: `Create or replace up to ${BATCH_MAX} policies, each on its own`,
        description: 'One result per item, in order; a rejected item carries its errors and blocks no other. Honours Idempotency-Key.',
        tags: ['policies'],
        security: SECURITY('policies:write'),
        headers: IDEMPOTENCY_HEADERS,
        // The items' own rules are checked one by one (a bad item rejects that item only).
        body: { type: 'object', additionalProperties: false, required: ['policies'], properties: { policies: { type: 'array', minItems: 1, maxItems: BATCH_MAX, items: { description: 'A policy as for PUT, with its policy_number' } } } },
        response: {
          200: { description: 'One result per item', type: 'object', required: ['results'], properties: { results: { type: 'array', items: BATCH_RESULT } } },
          ...problems(...COMMON, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const { policies } = request.body as { policies: unknown[] };
      const results = await batchPolicies(deps.db, deps.clock.now(), caller(request), policies);
      return reply.header('cache-control', 'no-store').send({ results });
    },
  );

  app.get(
    '/v1/policies/:policy_number',
    {
      config: { scope: 'policies:read', rateLimit },
      schema: {
        summary: 'One policy, with its status and whether its holder has a web account',
        tags: ['policies'],
        security: SECURITY('policies:read'),
        params: PARAMS,
        response: { 200: { description: 'The policy', ...POLICY_OUTPUT_SCHEMA }, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const number = pathPolicyNumber(numberParam(request));
      const policy = number ? await readPolicy(deps.db, number) : null;
      if (!policy) return sendProblem(reply, problem(404, 'No policy has this policy number.'));
      return reply.header('cache-control', 'no-store').send(policy);
    },
  );
};
