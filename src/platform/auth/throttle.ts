import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Attempts allowed on a key within a window; the attempt that reaches the limit locks the key
 * for `lockMs` (it is still checked; every later one is refused unchecked).
 */
export interface ThrottlePolicy {
  limit: number;
  windowMs: number;
  lockMs: number;
  /** From this attempt on, a failed or refused answer is held back (slow-down before the lock). */
  slowAfter?: number;
}

export interface Attempt {
  key: string;
  /** This attempt's number in the key's window (1 for the first). */
  number: number;
  allowed: boolean;
  lockedUntil: Date | null;
}

/** The longest a failed or refused answer is held back. */
export const MAX_HOLD_MS = 2000;

/**
 * Counts one attempt on `key` in a single conditional upsert, before the caller does the
 * expensive check: however many requests arrive at once, at most `limit` of them are allowed.
 * A window that is over, or a lock that has ended, starts again at 1.
 */
export async function takeAttempt(db: Db, key: string, now: Date, policy: ThrottlePolicy): Promise<Attempt> {
  const at = now.toISOString();
  const windowOpenedAfter = new Date(now.getTime() - policy.windowMs).toISOString();
  const lockEnd = new Date(now.getTime() + policy.lockMs).toISOString();
  const restart = sql<boolean>`(throttles.locked_until is not null and throttles.locked_until <= ${at}) or (throttles.locked_until is null and throttles.window_started_at <= ${windowOpenedAfter})`;
  const next = sql<number>`case when ${restart} then 1 else throttles.failures + 1 end`;
  const row = await db
    .insertInto('throttles')
    .values({ key, failures: 1, window_started_at: at, locked_until: policy.limit <= 1 ? lockEnd : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: next,
        window_started_at: sql<string>`case when ${restart} then ${at} else throttles.window_started_at end`,
        locked_until: sql<string | null>`case
          when ${restart} then ${policy.limit <= 1 ? lockEnd : null}
          when throttles.locked_until is null and throttles.failures + 1 >= ${policy.limit} then ${lockEnd}
          else throttles.locked_until end`,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  const number = Number(row.failures);
  const lockedUntil = row.locked_until && row.locked_until > at ? new Date(row.locked_until) : null;
  return { key, number, allowed: number <= policy.limit, lockedUntil };
}

export interface Gate {
  allowed: boolean;
  attempts: Attempt[];
  /** The first attempt refused, or else the first that locked its key. */
  lock: Attempt | null;
  /** How long a failed or refused answer is held back, counted from the request's start. */
  holdMs: number;
}

/**
 * Takes an attempt on each key in turn, up to the first that refuses (a refused attempt is not
 * counted against the keys after it: hammering a locked user ID does not use up the address).
 */
export async function takeAttempts(db: Db, now: Date, keys: Array<{ key: string; policy: ThrottlePolicy }>): Promise<Gate> {
  const attempts: Attempt[] = [];
  for (const { key, policy } of keys) {
    const attempt = await takeAttempt(db, key, now, policy);
    attempts.push(attempt);
    if (!attempt.allowed) break;
  }
  const allowed = attempts.every((a) => a.allowed);
  const lock = attempts.find((a) => !a.allowed) ?? attempts.find((a) => a.lockedUntil !== null) ?? null;
  const guessing = keys.some(({ policy }) => policy.slowAfter !== undefined);
  const holdMs = !allowed && guessing ? MAX_HOLD_MS : Math.max(0, ...attempts.map((a, i) => slowDownMs(a.number, keys[i]!.policy)));
  return { allowed, attempts, lock, holdMs };
}

/** Milliseconds to hold the answer to the n-th attempt: 500 ms a step past the mark, at most 2 s. */
export function slowDownMs(number: number, policy: ThrottlePolicy): number {
  if (policy.slowAfter === undefined || number < policy.slowAfter) return 0;
  return Math.min(MAX_HOLD_MS, (number - policy.slowAfter + 1) * 500);
}

/** Forgets a key's attempts (a success clears what the owner's own mistakes counted). */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}

/**
 * Gives back one attempt that turned out not to be a guess (e.g. a successful login on a shared
 * address), lifting a lock only when the count falls below the limit again.
 */
export async function refundAttempt(db: Db, key: string, policy: ThrottlePolicy): Promise<void> {
  await db
    .updateTable('throttles')
    .set({
      failures: sql<number>`failures - 1`,
      locked_until: sql<string | null>`case when failures - 1 < ${policy.limit} then null else locked_until end`,
    })
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

export type Wait = (ms: number) => Promise<void>;
const sleep: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds an answer until `holdMs` after `startedMs` (performance.now() at the request's start):
 * a failed and a refused answer then take the same time, whatever the check took.
 */
export async function holdAnswer(startedMs: number, holdMs: number, wait: Wait = sleep): Promise<void> {
  const left = startedMs + holdMs - performance.now();
  if (left > 0) await wait(left);
}
