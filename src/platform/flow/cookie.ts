import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { cookieName, cookieOptions } from '../http/cookies.js';

/** The browser's claim on a flow: the flow id and the browser key, from one cookie per flow kind. */
export interface FlowClaim {
  flowId: string;
  browserKey: string;
}

const nameFor = (config: Config, kind: string) => cookieName(config, `keizoku_flow_${kind}`);
const CLAIM_SHAPE = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export function readFlowClaim(config: Config, request: FastifyRequest, kind: string): FlowClaim | null {
  const match = CLAIM_SHAPE.exec(request.cookies[nameFor(config, kind)] ?? '');
  return match ? { flowId: match[1] as string, browserKey: match[2] as string } : null;
}

/** Binds this browser to a flow (HttpOnly, SameSite=Lax, Secure and __Host- under https). */
export function setFlowClaim(config: Config, reply: FastifyReply, kind: string, claim: FlowClaim): void {
  reply.setCookie(nameFor(config, kind), `${claim.flowId}.${claim.browserKey}`, cookieOptions(config));
}

export function clearFlowClaim(config: Config, reply: FastifyReply, kind: string): void {
  reply.clearCookie(nameFor(config, kind), cookieOptions(config));
}
