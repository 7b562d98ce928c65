import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../platform/deps.js';
import { requireLogin } from '../../platform/http/require-login.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { NotFoundPage } from '../../platform/ui/pages.js';
import { sendPage } from '../../platform/ui/render.js';
import { endOtherSessions, endSessionByRef, loginHistory, type Viewer } from './service.js';
import { END_OTHERS_PATH, END_SESSION_PATH, HISTORY_PATH, LoginHistoryPage, type Ended } from './views.js';

function viewerOf(request: FastifyRequest): Viewer {
  if (!request.session) throw new Error('requireLogin did not run');
  return { customerId: request.session.customerId, idHash: request.session.idHash, ip: request.ip };
}

const REF = /^[A-Za-z0-9_-]{1,64}$/;

function endedOf(query: unknown): Ended {
  const q = (query ?? {}) as Record<string, unknown>;
  if (q.ended === 'one') return { kind: 'one' };
  if (q.ended === 'others') {
    const count = Number(q.count);
    return { kind: 'others', count: Number.isInteger(count) && count >= 0 && count < 1000 ? count : 0 };
  }
  return null;
}

/** ログイン履歴: the last logins, the sessions open now, ログアウトさせる and ほかの端末からすべてログアウト. */
export const loginHistoryRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  app.addHook('preHandler', requireLogin);

  app.get(HISTORY_PATH, async (request, reply) => {
    const history = await loginHistory(deps, viewerOf(request));
    return sendPage(reply, <LoginHistoryPage ctx={pageContext(deps, request, reply)} history={history} ended={endedOf(request.query)} />);
  });

  app.post(END_SESSION_PATH, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ref = typeof body.session === 'string' && REF.test(body.session) ? body.session : null;
    const outcome = ref ? await endSessionByRef(deps, viewerOf(request), ref) : 'not_found';
    if (outcome === 'not_found') return sendPage(reply, NotFoundPage({ ctx: pageContext(deps, request, reply) }), 404);
    return reply.redirect(`${HISTORY_PATH}?ended=one`, 303);
  });

  app.post(END_OTHERS_PATH, async (request, reply) => {
    const count = await endOtherSessions(deps, viewerOf(request));
    return reply.redirect(`${HISTORY_PATH}?ended=others&count=${count}`, 303);
  });
};
