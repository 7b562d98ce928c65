import type { Db } from '../db/database.js';

// The SQL of the `jobs` rows. Every change that decides who runs a job is one conditional
// UPDATE (or upsert), the same on SQLite and PostgreSQL, so workers never need to talk.

const iso = (at: Date) => at.toISOString();
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms).toISOString();

/**
 * Makes the job's row, due now. An existing row is made due now unless a run started at or
 * after `workerStartedAt`: each job runs once when a worker starts, not once per worker.
 */
export async function registerJob(db: Db, name: string, workerStartedAt: Date): Promise<void> {
  const startedAt = iso(workerStartedAt);
  await db
    .insertInto('jobs')
    .values({ name, next_run_at: startedAt, runs: 0, failures: 0 })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ next_run_at: startedAt })
        .where((eb) => eb.or([eb('jobs.last_started_at', 'is', null), eb('jobs.last_started_at', '<', startedAt)])),
    )
    .execute();
}

export interface JobTimes {
  next_run_at: string;
  lease_until: string | null;
}

export async function readJob(db: Db, name: string): Promise<JobTimes | undefined> {
  return db.selectFrom('jobs').select(['next_run_at', 'lease_until']).where('name', '=', name).executeTakeFirst();
}

/** A run under lease: when it started, and the due time it set until it finishes. */
export interface LeasedRun {
  startedAt: Date;
  /** Due again when the lease runs out, should the worker die; replaced by the next scheduled time at release. */
  dueIfAbandoned: string;
}

/** Takes a due, free (or expired) job for `worker`. */
export async function takeLease(db: Db, name: string, worker: string, now: Date, leaseMs: number): Promise<LeasedRun | null> {
  const leaseUntil = plus(now, leaseMs);
  const result = await db
    .updateTable('jobs')
    .set({ leased_by: worker, lease_until: leaseUntil, last_started_at: iso(now), next_run_at: leaseUntil })
    .where('name', '=', name)
    .where('next_run_at', '<=', iso(now))
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', iso(now))]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n ? { startedAt: now, dueIfAbandoned: leaseUntil } : null;
}

/** Extends the lease while the run lasts; false when another worker has taken it meanwhile. */
export async function renewLease(db: Db, name: string, worker: string, now: Date, leaseMs: number): Promise<boolean> {
  const result = await db.updateTable('jobs').set({ lease_until: plus(now, leaseMs) }).where('name', '=', name).where('leased_by', '=', worker).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records the run, schedules the next one from its start and frees the job; false when the
 * lease was no longer this worker's. A due time some starting worker set meanwhile is kept.
 */
export async function releaseLease(db: Db, name: string, worker: string, run: LeasedRun, everyMs: number, now: Date, error: string | null): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set((eb) => ({
      leased_by: null,
      lease_until: null,
      next_run_at: eb.case().when('next_run_at', '=', run.dueIfAbandoned).then(plus(run.startedAt, everyMs)).else(eb.ref('next_run_at')).end(),
      last_finished_at: iso(now),
      last_error: error,
      runs: eb('runs', '+', 1),
      failures: eb('failures', '+', error === null ? 0 : 1),
    }))
    .where('name', '=', name)
    .where('leased_by', '=', worker)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records a run of an every-worker job (no lease to free). `runs` is left alone: at a run a
 * second on every worker it would only count the seconds (and outgrow an integer in years).
 */
export async function recordRun(db: Db, name: string, startedAt: Date, now: Date, everyMs: number, error: string | null): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      last_started_at: iso(startedAt),
      last_finished_at: iso(now),
      next_run_at: plus(startedAt, everyMs),
      last_error: error,
      failures: eb('failures', '+', error === null ? 0 : 1),
    }))
    .where('name', '=', name)
    .execute();
}
