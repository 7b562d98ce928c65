import { sql } from 'kysely';
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

/**
 * Counts one failure in a single upsert (parallel attempts cannot slip past the count) and
 * locks the key when the count reaches the limit. A window that is over starts again at 1.
 */
export async function recordFailure(db: Db, key: string, now: Date, policy: ThrottlePolicy): Promise<ThrottleState> {
  const at = now.toISOString();
  const windowOpenedAfter = new Date(now.getTime() - policy.windowMs).toISOString();
  const restart = sql<boolean>`throttles.window_started_at <= ${windowOpenedAfter} and (throttles.locked_until is null or throttles.locked_until <= ${at})`;
  const row = await db
    .insertInto('throttles')
    .values({ key, failures: 1, window_started_at: at, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${restart} then 1 else throttles.failures + 1 end`,
        window_started_at: sql<string>`case when ${restart} then ${at} else throttles.window_started_at end`,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  const failures = Number(row.failures);
  if (failures < policy.maxFailures) {
    return { failures, lockedUntil: row.locked_until && row.locked_until > at ? new Date(row.locked_until) : null };
  }
  const lockedUntil = new Date(now.getTime() + policy.lockMs);
  await db.updateTable('throttles').set({ locked_until: lockedUntil.toISOString() }).where('key', '=', key).execute();
  return { failures, lockedUntil };
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}

/** Milliseconds to hold an answer back once failures pass the slow-down mark (max 2 s). */
export function slowDownMs(state: ThrottleState, policy: ThrottlePolicy): number {
  if (policy.slowAfter === undefined || state.failures < policy.slowAfter) return 0;
  return Math.min(2000, (state.failures - policy.slowAfter + 1) * 500);
}
