import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { requireLogin } from '../../platform/http/require-login.js';
import { endSession } from '../../platform/http/session.js';
import { pageContext, type PageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { loadMyPage, type MyPageData } from '../policies/customer-policies.js';
import { HomeTab, PoliciesTab, RenewalsTab } from './views.js';

type Tab = (props: { ctx: PageContext; data: MyPageData }) => ReturnType<typeof HomeTab>;

const TAB_ROUTES: Array<[string, Tab]> = [
  ['/mypage', HomeTab],
  ['/mypage/policies', PoliciesTab],
  ['/mypage/renewals', RenewalsTab],
];

function customerId(request: FastifyRequest): string {
  if (!request.session) throw new Error('requireLogin did not run');
  return request.session.customerId;
}

async function sendTab(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, tab: Tab) {
  const data = await loadMyPage(deps, customerId(request), deps.clock.now());
  if (!data) {
    await endSession(deps, request, reply);
    return reply.redirect('/login', 303);
  }
  return sendPage(reply, tab({ ctx: pageContext(deps, request, reply), data }));
}

/** Home (seed screen 11) with its tabs; 継続手続 itself is in ../renewal/. Every route needs a session. */
export const mypageRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  // Encapsulated: applies to every route of this plugin and no other.
  app.addHook('preHandler', requireLogin);

  for (const [url, tab] of TAB_ROUTES) {
    app.get(url, async (request, reply) => sendTab(deps, request, reply, tab));
  }

};
