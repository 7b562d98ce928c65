import './audit-kinds.js';
import { customerActor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { recentLoginEvents, type LoginEventRow } from '../../platform/auth/login-events.js';
import { CUSTOMER_SESSION, openActorSessions, revokeActorSession, revokeOtherActorSessions } from '../../platform/auth/sessions.js';
import { hmac } from '../../platform/crypto.js';
import type { AppDeps } from '../../platform/deps.js';

/** The page shows this many attempts (issue 11). */
export const HISTORY_SHOWN = 20;

export interface SessionView {
  /** An opaque reference for the form (not the session's id or its hash). */
  ref: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string;
  current: boolean;
}

export interface LoginHistory {
  attempts: LoginEventRow[];
  sessions: SessionView[];
}

const refOf = (deps: AppDeps, idHash: string) => hmac(deps.secret, `session-ref:${idHash}`).slice(0, 32);

export interface Viewer {
  customerId: string;
  /** This browser's session. */
  idHash: string;
  ip: string;
}

async function openSessions(deps: AppDeps, viewer: Viewer) {
  return openActorSessions(deps.db, customerActor(viewer.customerId), CUSTOMER_SESSION, deps.clock.now());
}

/** The last 20 attempts and the sessions open now, this browser's marked; the view is audited. */
export async function loginHistory(deps: AppDeps, viewer: Viewer): Promise<LoginHistory> {
  const [attempts, sessions] = await Promise.all([recentLoginEvents(deps.db, viewer.customerId, HISTORY_SHOWN), openSessions(deps, viewer)]);
  await recordAudit(deps.db, deps.clock.now(), { kind: 'login_history_viewed', actor: customerActor(viewer.customerId), customerId: viewer.customerId, ip: viewer.ip });
  const views = sessions.map((s) => ({ ref: refOf(deps, s.idHash), createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, userAgent: s.userAgent, current: s.idHash === viewer.idHash }));
  // This browser first, then the others, newest first.
  return { attempts, sessions: [...views.filter((s) => s.current), ...views.filter((s) => !s.current)] };
}

/**
 * ログアウトさせる: ends one of the customer's other open sessions, named by its reference.
 * 'not_found' for a reference that is none of them (another customer's, made up, already ended)
 * or this browser's own (ログアウト is for that).
 */
export async function endSessionByRef(deps: AppDeps, viewer: Viewer, ref: string): Promise<'ended' | 'not_found'> {
  const target = (await openSessions(deps, viewer)).find((s) => s.idHash !== viewer.idHash && refOf(deps, s.idHash) === ref);
  if (!target) return 'not_found';
  const now = deps.clock.now();
  const actor = customerActor(viewer.customerId);
  const ended = await deps.db.transaction().execute(async (trx) => {
    if (!(await revokeActorSession(trx, actor, target.idHash, now))) return false;
    await recordAudit(trx, now, { kind: 'session_ended_by_customer', actor, customerId: viewer.customerId, ip: viewer.ip, detail: { startedAt: target.createdAt, ip: target.ip } });
    return true;
  });
  return ended ? 'ended' : 'not_found';
}

/** ほかの端末からすべてログアウト: every session of the customer but this browser's; the number ended. */
export async function endOtherSessions(deps: AppDeps, viewer: Viewer): Promise<number> {
  const now = deps.clock.now();
  const actor = customerActor(viewer.customerId);
  return deps.db.transaction().execute(async (trx) => {
    const count = await revokeOtherActorSessions(trx, actor, viewer.idHash, now);
    await recordAudit(trx, now, { kind: 'other_sessions_ended_by_customer', actor, customerId: viewer.customerId, ip: viewer.ip, detail: { count } });
    return count;
  });
}
