import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { COMMON_PROBLEMS, IDEMPOTENCY_HEADERS, perClientRateLimit, problem, problemResponses, scopeSecurity, sendProblem, type FieldProblem } from '../../platform/http/api-context.js';
import { createQueryAjv } from '../../platform/http/api-validation.js';
import { changeRequestFeed, recordChangeRequestOutcome, type ChangeRequestOutcome, type NoteProblem } from '../policies/processing/change-requests.js';
import type { FeedProblem, FeedQuery, FeedResult } from '../policies/processing/cursor.js';
import { OUTCOME_NOTE_MAX_LENGTH } from '../policies/processing/outcome-note.js';
import { acknowledgeRenewalApplication, renewalApplicationFeed } from '../policies/processing/renewal-applications.js';
import { CHANGE_REQUEST, FEED_QUERY, OUTCOME_BODY, RENEWAL_APPLICATION, feedOf } from './schemas.js';

// The core system takes in what customers filed: two cursor feeds and their acknowledgements.
// Acknowledging needs only the feed's read scope: it is the last step of reading (DESIGN.md
// gives a client no other scope for these), and it changes nothing but the item's processing state.

const FEED_PROBLEMS: Record<FeedProblem, FieldProblem> = {
  invalid_cursor: { field: 'after', message: 'is not a cursor this feed issued: leave it out to start from the beginning, or pass a next_cursor' },
  invalid_limit: { field: 'limit', message: 'must be a whole number from 1 to 500' },
};

const NOTE_PROBLEMS: Record<NoteProblem, string> = {
  note_required: 'is required when the outcome is rejected: the customer reads it',
  note_too_long: `must be at most ${OUTCOME_NOTE_MAX_LENGTH} characters`,
  note_invalid: 'must not contain control characters other than line breaks',
};

const invalid = (reply: FastifyReply, error: FieldProblem) => sendProblem(reply, problem(422, 'The request has errors: see errors.', { type: 'invalid-request', errors: [error] }));
const caller = (request: FastifyRequest): Actor => ({ kind: 'api_client', id: request.apiCaller!.id });
const param = (request: FastifyRequest, name: string): string => (request.params as Record<string, string>)[name]!;
const ok = (reply: FastifyReply, body: unknown) => reply.header('cache-control', 'no-store').send(body);

interface Feed {
  path: string;
  scope: string;
  summary: string;
  item: object;
  read: (query: FeedQuery) => Promise<FeedResult<unknown>>;
}

function feedRoute(app: FastifyInstance, feed: Feed, rateLimit: ReturnType<typeof perClientRateLimit>): void {
  const queryAjv = createQueryAjv();
  app.get(
    feed.path,
    {
      config: { scope: feed.scope, rateLimit },
      validatorCompiler: ({ schema }) => queryAjv.compile(schema),
      schema: {
        summary: feed.summary,
        description: 'A cursor feed: oldest first, in the order the items were committed, so a reader paging through while new ones come skips none and gets none twice.',
        tags: ['feeds'],
        security: scopeSecurity(feed.scope),
        querystring: FEED_QUERY,
        response: { 200: feedOf(feed.item, 'One page'), ...problemResponses(...COMMON_PROBLEMS, 422) },
      },
    },
    async (request, reply) => {
      const page = await feed.read(request.query as FeedQuery);
      if (!page.ok) return invalid(reply, FEED_PROBLEMS[page.problem]);
      return ok(reply, { items: page.items, next_cursor: page.next_cursor });
    },
  );
}

/** The feeds of renewal applications and change requests, and their acknowledgements. */
export const coreFeedRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const rateLimit = perClientRateLimit(deps.config.apiRateLimitPerMinute);
  const { db, clock } = deps;
  feedRoute(app, { path: '/v1/renewal-applications', scope: 'applications:read', summary: 'Renewal applications (継続申込), page by page', item: RENEWAL_APPLICATION, read: (q) => renewalApplicationFeed(db, q) }, rateLimit);
  feedRoute(app, { path: '/v1/change-requests', scope: 'change-requests:read', summary: 'Change requests (変更受付), page by page', item: CHANGE_REQUEST, read: (q) => changeRequestFeed(db, q) }, rateLimit);

  app.post(
    '/v1/renewal-applications/:reception_number/acknowledgement',
    {
      config: { scope: 'applications:read', idempotent: true, rateLimit },
      schema: {
        summary: 'Mark a renewal application taken in (取込済)',
        description: 'Idempotent: again answers 200 with the same item. Honours Idempotency-Key. No body.',
        tags: ['feeds'],
        security: scopeSecurity('applications:read'),
        headers: IDEMPOTENCY_HEADERS,
        params: { type: 'object', required: ['reception_number'], properties: { reception_number: { type: 'string', maxLength: 40, description: '受付番号' } } },
        response: { 200: { ...RENEWAL_APPLICATION, description: 'The application, taken in' }, ...problemResponses(...COMMON_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await acknowledgeRenewalApplication(db, param(request, 'reception_number'), caller(request), clock.now(), request.ip);
      if (result.kind === 'not_found') return sendProblem(reply, problem(404, 'No renewal application has this reception number.'));
      return ok(reply, result.item);
    },
  );

  app.post(
    '/v1/change-requests/:id/acknowledgement',
    {
      config: { scope: 'change-requests:read', idempotent: true, rateLimit },
      schema: {
        summary: 'Record a change request’s outcome: done (手続き完了) or rejected (差戻し) with a note the customer reads',
        description: 'The same outcome again answers 200 with the item; another outcome once one is recorded answers 409. Honours Idempotency-Key.',
        tags: ['feeds'],
        security: scopeSecurity('change-requests:read'),
        headers: IDEMPOTENCY_HEADERS,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
        body: OUTCOME_BODY,
        response: { 200: { ...CHANGE_REQUEST, description: 'The request with its outcome' }, ...problemResponses(...COMMON_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body as { outcome: ChangeRequestOutcome; note?: string | null };
      const result = await recordChangeRequestOutcome(db, param(request, 'id'), { outcome: body.outcome, note: body.note, actor: caller(request), now: clock.now(), ip: request.ip });
      if (result.kind === 'not_found') return sendProblem(reply, problem(404, 'No change request has this id.'));
      if (result.kind === 'invalid') return invalid(reply, { field: 'note', message: NOTE_PROBLEMS[result.problem] });
      if (result.kind === 'conflict') return sendProblem(reply, problem(409, `This request’s outcome is already ${result.item.status}; it cannot change.`, { type: 'outcome-already-recorded' }));
      return ok(reply, result.item);
    },
  );
};
