import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { endSession } from '../../platform/http/session.js';

export function customerId(request: FastifyRequest): string {
  if (!request.session) throw new Error('requireLogin did not run');
  return request.session.customerId;
}

/** The session's account is gone (closed elsewhere): end the session and go to login. */
export async function toLogin(deps: AppDeps, request: FastifyRequest, reply: FastifyReply) {
  await endSession(deps, request, reply);
  return reply.redirect('/login', 303);
}
