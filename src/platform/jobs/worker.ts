import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import { randomToken } from '../crypto.js';
import type { Db } from '../db/database.js';
import { Alarm } from './alarm.js';
import { DEFAULT_LEASE_MS, type Job, type JobLog } from './job.js';
import { readJob, recordRun, registerJob, takeLease } from './leases.js';
import { attempt, runLeased, type RunContext } from './run.js';

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
  if (loops.size !== options.jobs.length) throw new Error('two jobs share a name: each name is one row in the jobs table');

  const context: RunContext = { db, clock, log, workerId: id, stopping: stopping.signal };

  async function runEverywhere(loop: JobLoop): Promise<void> {
    const started = clock.now();
    const error = await attempt(loop.job, stopping.signal, context);
    await recordRun(db, loop.job.name, started, clock.now(), loop.job.everyMs, error);
    if (!stopping.signal.aborted) await loop.alarm.wait(loop.job.everyMs);
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
    if (run) await runLeased(loop.job, run, context);
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
