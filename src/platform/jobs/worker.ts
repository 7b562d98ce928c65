import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import { randomToken } from '../crypto.js';
import type { Db } from '../db/database.js';
import { Alarm } from './alarm.js';
import { DEFAULT_LEASE_MS, errorText, type Job, type JobLog } from './job.js';
import { readJob, recordRun, registerJob, releaseLease, renewLease, takeLease, type LeasedRun } from './leases.js';

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  log: JobLog;
  jobs: Job[];
  /** How often a waiting worker looks at a leased job's row (1 s): a due time or an expired lease is seen within this. */
  pollMs?: number;
  /** How long stop() waits for running jobs (10 s); a job still running keeps its lease until it expires. */
  stopTimeoutMs?: number;
}

export interface Worker {
  /** Names this worker in the `leased_by` column: host, process id and a random tag. */
  readonly id: string;
  /** Look at the job now rather than at its next poll (an every-worker job runs at once, or again right after its run). */
  kick(name: string): void;
  /** Starts no more runs, lets running ones finish (bounded) and frees their leases. */
  stop(): Promise<void>;
}

/** One job's loop on this worker: it sleeps on its alarm between looks. */
interface JobLoop {
  job: Job;
  alarm: Alarm;
  registered: boolean;
}

/** Runs each job once now, then on its schedule, until stop(). */
export function startWorker(options: WorkerOptions): Worker {
  const { db, clock, log } = options;
  const pollMs = options.pollMs ?? 1000;
  const id = `${hostname()}:${process.pid}:${randomToken().slice(0, 8)}`;
  const startedAt = clock.now();
  const stopping = new AbortController();
  const loops = new Map<string, JobLoop>(options.jobs.map((job) => [job.name, { job, alarm: new Alarm(), registered: false }]));

  /** Runs the job, turning a failure into its error text: a failing job never stops the loop. */
  async function attempt(job: Job, signal: AbortSignal): Promise<string | null> {
    try {
      await job.run(signal);
      return null;
    } catch (error) {
      log.warn({ job: job.name, worker: id, err: error }, 'job failed');
      return errorText(error);
    }
  }

  async function runEverywhere(loop: JobLoop): Promise<void> {
    const started = clock.now();
    const error = await attempt(loop.job, stopping.signal);
    await recordRun(db, loop.job.name, started, clock.now(), loop.job.everyMs, error);
    if (!stopping.signal.aborted) await loop.alarm.wait(loop.job.everyMs);
  }

  async function runLeased(job: Job, run: LeasedRun): Promise<void> {
    const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS;
    const lost = new AbortController();
    const renew = async () => {
      if (!(await renewLease(db, job.name, id, clock.now(), leaseMs))) {
        log.warn({ job: job.name, worker: id }, 'job lease lost to another worker: asking the run to stop');
        lost.abort();
      }
    };
    const renewing = setInterval(() => void renew().catch((error: unknown) => log.warn({ job: job.name, err: error }, 'job lease not renewed')), leaseMs / 3);
    // A run stuck past stop() must not keep the process alive on its own.
    renewing.unref();
    let error: string | null;
    try {
      error = await attempt(job, AbortSignal.any([stopping.signal, lost.signal]));
    } finally {
      clearInterval(renewing);
    }
    if (!(await releaseLease(db, job.name, id, run, job.everyMs, clock.now(), error))) log.warn({ job: job.name, worker: id }, 'job finished after its lease had passed to another worker');
  }

  async function runWhenDue(loop: JobLoop): Promise<void> {
    const row = await readJob(db, loop.job.name);
    if (!row) {
      loop.registered = false;
      return;
    }
    const now = clock.now();
    const waitMs = Math.max(Date.parse(row.next_run_at), row.lease_until ? Date.parse(row.lease_until) : 0) - now.getTime();
    if (waitMs > 0) return loop.alarm.wait(Math.min(waitMs, pollMs));
    const run = await takeLease(db, loop.job.name, id, now, loop.job.leaseMs ?? DEFAULT_LEASE_MS);
    if (run) await runLeased(loop.job, run);
    else await loop.alarm.wait(pollMs);
  }

  async function step(loop: JobLoop): Promise<void> {
    if (!loop.registered) {
      await registerJob(db, loop.job.name, startedAt);
      loop.registered = true;
    }
    await (loop.job.everyWorker ? runEverywhere(loop) : runWhenDue(loop));
  }

  async function run(loop: JobLoop): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        await step(loop);
      } catch (error) {
        if (stopping.signal.aborted) return;
        log.error({ job: loop.job.name, worker: id, err: error }, 'job loop cannot reach the jobs table; trying again');
        await loop.alarm.wait(pollMs);
      }
    }
  }

  const running = Promise.all([...loops.values()].map(run));
  log.info({ worker: id, jobs: [...loops.keys()] }, 'worker started');

  return {
    id,
    kick: (name) => loops.get(name)?.alarm.ring(),
    async stop() {
      stopping.abort();
      for (const loop of loops.values()) loop.alarm.ring();
      const finished = await Promise.race([running.then(() => true), delay(options.stopTimeoutMs ?? 10_000).then(() => false)]);
      if (finished) log.info({ worker: id }, 'worker stopped');
      else log.error({ worker: id }, 'worker stopped with a job still running: its lease is left to expire');
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
