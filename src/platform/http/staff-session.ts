import type { FastifyReply, FastifyRequest } from 'fastify';
import { STAFF_SESSION, createSession, findLiveSession, revokeSession } from '../auth/sessions.js';
import type { AppDeps } from '../deps.js';
import { cookieName, cookieOptions } from './cookies.js';

// The console's binding of staff sessions to their own cookie; the rows are platform/auth/sessions.ts.
const staffCookie = (deps: AppDeps) => cookieName(deps.config, 'keizoku_staff');

export interface StaffSession {
  idHash: string;
  staffId: string;
  createdAt: string;
}

/** The live staff session behind the browser's cookie (idle 15 min, absolute 10 h), or null. */
export async function readStaffSession(deps: AppDeps, request: FastifyRequest): Promise<StaffSession | null> {
  const raw = request.cookies[staffCookie(deps)];
  if (!raw) return null;
  const live = await findLiveSession(deps.db, raw, 'staff', STAFF_SESSION, deps.clock.now());
  return live ? { idHash: live.idHash, staffId: live.actor.id, createdAt: live.createdAt } : null;
}

export const sentStaffCookie = (deps: AppDeps, request: FastifyRequest): boolean => Boolean(request.cookies[staffCookie(deps)]);

/** A new session row and cookie for the staff member (never one from before login). */
export async function startStaffSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, staffId: string, previous: StaffSession | null): Promise<StaffSession> {
  if (previous) await revokeSession(deps.db, previous.idHash, deps.clock.now());
  const client = { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
  const { raw, session } = await createSession(deps.db, { kind: 'staff', id: staffId }, deps.clock.now(), client);
  reply.setCookie(staffCookie(deps), raw, cookieOptions(deps.config));
  return { idHash: session.idHash, staffId, createdAt: session.createdAt };
}

export async function endStaffSession(deps: AppDeps, reply: FastifyReply, session: StaffSession | null): Promise<void> {
  if (session) await revokeSession(deps.db, session.idHash, deps.clock.now());
  reply.clearCookie(staffCookie(deps), cookieOptions(deps.config));
}
