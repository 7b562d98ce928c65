/** A named recurring task the worker loop runs. Features bring their own; this folder knows none of them. */
export interface Job {
  /** Unique: the key of the job's row in the `jobs` table (e.g. `mail-delivery`, `purge`). */
  name: string;
  /** Due again this long after a run starts (a failed run too: it is retried on schedule). */
  everyMs: number;
  /**
   * Every worker runs it on its own, without a lease, every `everyMs` of its own time. Only for
   * work that claims its rows one by one (as mail delivery claims outbox rows), so that
   * running it on several workers at once is safe. Otherwise one worker at a time holds it.
   */
  everyWorker?: boolean;
  /** How long a worker holds the job unless it renews (it does, every third of this, while the run lasts). */
  leaseMs?: number;
  /** Does the work. `signal` aborts when the worker stops or loses the lease: stop between units of work. */
  run(signal: AbortSignal): Promise<void>;
}

/** What the worker logs through: pino's and Fastify's loggers fit. */
export interface JobLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
