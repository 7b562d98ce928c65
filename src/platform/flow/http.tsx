import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { readFlowClaim } from '../../platform/flow/cookie.js';
import { isExpired, loadBoundFlow, type Flow } from '../../platform/flow/store.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { FlowEndedPage, type Restart } from './pages.js';

/** Where each state of a flow kind is shown, and where to start again. */
export interface FlowPlaces<S extends string> {
  kind: string;
  states: readonly S[];
  placeOf(state: S): string;
  restart: Restart;
}

export interface CurrentFlow<S extends string, D> {
  flow: Flow<S, D>;
  browserKey: string;
}

/** The flow this browser is bound to (by its cookie), or why there is none. */
export async function currentFlow<S extends string, D>(
  deps: AppDeps,
  request: FastifyRequest,
  places: FlowPlaces<S>,
): Promise<CurrentFlow<S, D> | { end: 'missing' | 'expired' }> {
  const claim = readFlowClaim(deps.config, request, places.kind);
  if (!claim) return { end: 'missing' };
  const flow = await loadBoundFlow<S, D>(deps.db, claim.flowId, claim.browserKey, places.kind, places.states);
  if (!flow) return { end: 'missing' };
  if (isExpired(flow, deps.clock.now())) return { end: 'expired' };
  return { flow, browserKey: claim.browserKey };
}

/**
 * A step's guard: the bound flow if it is in one of `accepted` states. Otherwise the answer is
 * sent here (a 303 to where the flow is, or a page to start again) and null is returned.
 */
export async function atStep<S extends string, D>(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  places: FlowPlaces<S>,
  accepted: readonly S[],
): Promise<CurrentFlow<S, D> | null> {
  const current = await currentFlow<S, D>(deps, request, places);
  const end = 'end' in current ? current.end : current.flow.state === 'burned' ? 'burned' : null;
  if (end) {
    sendPage(reply, <FlowEndedPage ctx={pageContext(deps, request, reply)} end={end} restart={places.restart} />, 410);
    return null;
  }
  const { flow } = current as CurrentFlow<S, D>;
  if (!accepted.includes(flow.state)) {
    await reply.redirect(places.placeOf(flow.state), 303);
    return null;
  }
  return current as CurrentFlow<S, D>;
}
