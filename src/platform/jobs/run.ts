import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { DEFAULT_LEASE_MS, errorText, type Job, type JobLog } from './job.js';
import { releaseLease, renewLease, type LeasedRun } from './leases.js';

/** What one run needs to know of its worker. */
export interface RunContext {
  db: Db;
  clock: Clock;
  log: JobLog;
  workerId: string;
  /** Aborts when the worker stops. */
  stopping: AbortSignal;
}

/** Runs the job, turning a failure into its error text: a failing job never stops the loop. */
export async function attempt(job: Job, signal: AbortSignal, { log, workerId }: RunContext): Promise<string | null> {
  try {
    await job.run(signal);
    return null;
  } catch (error) {
    log.warn({ job: job.name, worker: workerId, err: error }, 'job failed');
    return errorText(error);
  }
}

/** Runs a job this worker has just leased: renews the lease while it runs, frees it at the end. */
export async function runLeased(job: Job, run: LeasedRun, context: RunContext): Promise<void> {
  const { db, clock, log, workerId } = context;
  const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS;
  const lost = new AbortController();
  const renew = async () => {
    if (await renewLease(db, job.name, workerId, clock.now(), leaseMs)) return;
    log.warn({ job: job.name, worker: workerId }, 'job lease lost to another worker: asking the run to stop');
    lost.abort();
  };
  const renewing = setInterval(() => void renew().catch((error: unknown) => log.warn({ job: job.name, err: error }, 'job lease not renewed')), leaseMs / 3);
  // A run stuck past stop() must not keep the process alive on its own.
  renewing.unref();
  let error: string | null;
  try {
    error = await attempt(job, AbortSignal.any([context.stopping, lost.signal]), context);
  } finally {
    clearInterval(renewing);
  }
  if (!(await releaseLease(db, job.name, workerId, run, job.everyMs, clock.now(), error))) {
    log.warn({ job: job.name, worker: workerId }, 'job finished after its lease had passed to another worker');
  }
}
