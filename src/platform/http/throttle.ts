import type { Db } from '../db/database.js';

/** Failures allowed in a window before the key is locked, and for how long. */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  /** After this many failures each further attempt waits (slow-down before the lock). */
  slowAfter?: number;
}

export interface ThrottleState {
  lockedUntil: Date | null;
  failures: number;
}

export async function readThrottle(db: Db, key: string, now: Date, policy: ThrottlePolicy): Promise<ThrottleState> {
  const row = await db.selectFrom('throttles').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return { lockedUntil: null, failures: 0 };
  const lockedUntil = row.locked_until && new Date(row.locked_until) > now ? new Date(row.locked_until) : null;
  const windowOver = new Date(row.window_started_at).getTime() + policy.windowMs <= now.getTime();
  return { lockedUntil, failures: windowOver && !lockedUntil ? 0 : row.failures };
}

/** Counts one failure; returns the state after it (locked when the count reaches the limit). */
export async function recordFailure(db: Db, key: string, now: Date, policy: ThrottlePolicy): Promise<ThrottleState> {
  const current = await readThrottle(db, key, now, policy);
  const failures = current.failures + 1;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  const windowStart = current.failures === 0 ? now.toISOString() : undefined;
  const values = {
    failures,
    locked_until: lockedUntil?.toISOString() ?? null,
    ...(windowStart ? { window_started_at: windowStart } : {}),
  };
  await db
    .insertInto('throttles')
    .values({ key, failures, window_started_at: now.toISOString(), locked_until: values.locked_until })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
  return { lockedUntil, failures };
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}

/** Milliseconds to hold an answer back once failures pass the slow-down mark (max 2 s). */
export function slowDownMs(state: ThrottleState, policy: ThrottlePolicy): number {
  if (policy.slowAfter === undefined || state.failures < policy.slowAfter) return 0;
  return Math.min(2000, (state.failures - policy.slowAfter + 1) * 500);
}
