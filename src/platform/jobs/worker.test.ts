import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../test/support/db.js';
import { ManualClock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Job, JobLog } from './job.js';
import { startWorker, type Worker } from './worker.js';

const HOUR = 3_600_000;
const T0 = new Date('2026-12-01T00:00:00.000Z');
const POLL_MS = 5;

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(5);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for every worker to have looked at the jobs several times: for checking that nothing more happens. */
const settle = () => pause(40 * POLL_MS);

/** A job that counts its runs and how many ran at once. */
function countedJob(name: string, options: Partial<Job> & { takesMs?: number; fails?: (run: number) => boolean } = {}) {
  const seen = { runs: 0, running: 0, mostAtOnce: 0 };
  const job: Job = {
    name,
    everyMs: HOUR,
    leaseMs: 60_000,
    ...options,
    async run() {
      seen.running += 1;
      seen.mostAtOnce = Math.max(seen.mostAtOnce, seen.running);
      try {
        await pause(options.takesMs ?? 10);
        if (options.fails?.(seen.runs + 1)) throw new Error('the report server is down');
      } finally {
        seen.running -= 1;
        seen.runs += 1;
      }
    },
  };
  return { job, seen };
}

class MemoryLog implements JobLog {
  readonly lines: string[] = [];
  info(_details: object, message: string): void {
    this.lines.push(message);
  }
  warn(_details: object, message: string): void {
    this.lines.push(message);
  }
  error(_details: object, message: string): void {
    this.lines.push(message);
  }
}

const jobRow = (db: Db, name: string) => db.selectFrom('jobs').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
/** For waiting: the row may not be there yet (a worker writes it when it first looks at the job). */
const maybeJobRow = (db: Db, name: string) => db.selectFrom('jobs').selectAll().where('name', '=', name).executeTakeFirst();

for (const kind of databaseKinds()) {
  describe(`jobs leased in ${kind}`, () => {
    let database: TestDatabase;
    let clock: ManualClock;
    let log: MemoryLog;
    const workers: Worker[] = [];
    const start = (jobs: Job[], db: Db = database.db, extra: { stopTimeoutMs?: number } = {}) => {
      const worker = startWorker({ db, clock, log, jobs, pollMs: POLL_MS, ...extra });
      workers.push(worker);
      return worker;
    };

    before(async () => {
      database = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
    });
    after(async () => database.drop());

    it('two workers never run one job at once, and each scheduled run happens once', async () => {
      clock = new ManualClock(T0);
      log = new MemoryLog();
      const { job, seen } = countedJob('report', { takesMs: 20 });
      start([job]);
      start([job], database.open());
      await until(() => seen.runs === 1, 'the start-up run');
      await settle();
      assert.equal(seen.runs, 1, 'one start-up run for two workers started together');
      for (let hour = 1; hour <= 5; hour += 1) {
        clock.advance(HOUR);
        await until(() => seen.runs === hour + 1, `the run of hour ${hour}`);
        await settle();
        assert.equal(seen.runs, hour + 1, `hour ${hour} ran once`);
      }
      assert.equal(seen.mostAtOnce, 1);
      const row = await jobRow(database.db, 'report');
      assert.deepEqual({ runs: row.runs, failures: row.failures, leased_by: row.leased_by, lease_until: row.lease_until }, { runs: 6, failures: 0, leased_by: null, lease_until: null });
      assert.equal(row.next_run_at, new Date(T0.getTime() + 6 * HOUR).toISOString());
    });

    it("takes over a lease a killed worker left, once it expires", async () => {
      clock = new ManualClock(T0);
      log = new MemoryLog();
      const minuteAgo = new Date(T0.getTime() - 60_000).toISOString();
      await database.db
        .insertInto('jobs')
        .values({ name: 'purge', leased_by: 'gone-host:4242:deadbeef', lease_until: new Date(T0.getTime() + 5 * 60_000).toISOString(), next_run_at: minuteAgo, last_started_at: minuteAgo, runs: 3, failures: 0 })
        .execute();
      const { job, seen } = countedJob('purge');
      const worker = start([job]);
      await settle();
      assert.equal(seen.runs, 0, 'the lease is still held');
      clock.advance(5 * 60_000);
      await until(async () => (await maybeJobRow(database.db, 'purge'))?.runs === 4, 'the takeover recorded');
      const row = await jobRow(database.db, 'purge');
      assert.equal(seen.runs, 1);
      assert.equal(row.leased_by, null);
      assert.ok(row.last_started_at === T0.toISOString().replace('00:00:00', '00:05:00'));
      assert.ok(worker.id.includes(String(process.pid)));
    });

    it('a job stuck past stop keeps its lease; another worker runs the job once the lease expires', async () => {
      clock = new ManualClock(T0);
      log = new MemoryLog();
      let release = () => {};
      let stuckRunning = false;
      const stuck: Job = {
        name: 'export',
        everyMs: HOUR,
        leaseMs: 60_000,
        run: () =>
          new Promise<void>((resolve) => {
            stuckRunning = true;
            release = resolve;
          }),
      };
      const first = start([stuck], database.db, { stopTimeoutMs: 20 });
      after(() => release());
      await until(() => stuckRunning, 'the stuck run');
      await first.stop();
      assert.ok(log.lines.includes('worker stopped with a job still running: its lease is left to expire'));
      assert.equal((await jobRow(database.db, 'export')).leased_by, first.id);

      const { job, seen } = countedJob('export');
      start([job], database.open());
      await settle();
      assert.equal(seen.runs, 0, 'not while the lease lasts');
      clock.advance(60_000);
      await until(() => seen.runs === 1, 'the run on the second worker');
      // run() has returned; the worker records the finish just after: wait for that, then let the stuck one end.
      await until(async () => (await maybeJobRow(database.db, 'export'))?.runs === 1, 'the second worker\'s run recorded');
      release();
      await until(() => log.lines.includes('job finished after its lease had passed to another worker'), 'the stuck run ending');
      const row = await jobRow(database.db, 'export');
      assert.deepEqual({ runs: row.runs, leased_by: row.leased_by }, { runs: 1, leased_by: null }, 'the late finisher changed nothing');
      assert.equal(row.next_run_at, new Date(T0.getTime() + 60_000 + HOUR).toISOString(), 'scheduled from the run that finished');
    });

    it('records a failing run and retries it on schedule, while the other jobs go on', async () => {
      clock = new ManualClock(T0);
      log = new MemoryLog();
      const flaky = countedJob('flaky', { fails: (run) => run === 1 });
      const beat = countedJob('beat', { everyWorker: true, everyMs: 5, takesMs: 1 });
      start([flaky.job, beat.job]);
      await until(async () => (await maybeJobRow(database.db, 'flaky'))?.failures === 1 && flaky.seen.running === 0, 'the failed run recorded');
      const failed = await jobRow(database.db, 'flaky');
      assert.deepEqual({ runs: failed.runs, failures: failed.failures, last_error: failed.last_error, leased_by: failed.leased_by }, { runs: 1, failures: 1, last_error: 'the report server is down', leased_by: null });
      const beats = beat.seen.runs;
      await until(() => beat.seen.runs >= beats + 3, 'the other job going on');
      assert.equal(flaky.seen.runs, 1, 'no retry before its time');
      clock.advance(HOUR);
      await until(async () => (await maybeJobRow(database.db, 'flaky'))?.runs === 2, 'the retry');
      const retried = await jobRow(database.db, 'flaky');
      assert.deepEqual({ failures: retried.failures, last_error: retried.last_error }, { failures: 1, last_error: null });
      assert.ok(log.lines.includes('job failed'));
    });

    it('stops gracefully: the running job finishes and its lease is freed', async () => {
      clock = new ManualClock(T0);
      log = new MemoryLog();
      let running = false;
      let finished = false;
      const slow: Job = {
        name: 'archive',
        everyMs: HOUR,
        async run(signal) {
          running = true;
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          await pause(30); // the unit of work under way when the stop came
          finished = true;
        },
      };
      const worker = start([slow]);
      await until(async () => running && (await jobRow(database.db, 'archive')).leased_by === worker.id, 'the run under lease');
      await worker.stop();
      assert.ok(finished, 'the run finished before stop() returned');
      const row = await jobRow(database.db, 'archive');
      assert.deepEqual({ leased_by: row.leased_by, lease_until: row.lease_until, runs: row.runs, last_error: row.last_error }, { leased_by: null, lease_until: null, runs: 1, last_error: null });
      assert.ok(log.lines.includes('worker stopped'));
    });

    it('runs each job once when a worker starts, not once per worker', async () => {
      clock = new ManualClock(T0);
      log = new MemoryLog();
      const halfHourAgo = new Date(T0.getTime() - HOUR / 2).toISOString();
      const inHalfAnHour = new Date(T0.getTime() + HOUR / 2).toISOString();
      await database.db.insertInto('jobs').values({ name: 'digest', next_run_at: inHalfAnHour, last_started_at: halfHourAgo, runs: 1, failures: 0 }).execute();
      const { job, seen } = countedJob('digest');
      start([job]);
      await until(() => seen.runs === 1, 'the start-up run');
      start([job], database.open());
      await settle();
      assert.equal(seen.runs, 1, 'a run since the second worker started counts as its start-up run');
      clock.advance(60_000);
      start([job]);
      await until(() => seen.runs === 2, 'the third worker’s start-up run');
      await settle();
      assert.equal(seen.runs, 2);
    });

    it('runs an every-worker job on each worker without a lease, and at once when kicked', async () => {
      clock = new ManualClock(T0);
      log = new MemoryLog();
      const { job, seen } = countedJob('deliver', { everyWorker: true });
      const first = start([job]);
      start([job], database.open());
      await until(() => seen.runs === 2, 'a start-up run on each worker');
      first.kick('deliver');
      await until(() => seen.runs === 3, 'the kicked run');
      await settle();
      assert.equal(seen.runs, 3);
      const row = await jobRow(database.db, 'deliver');
      assert.deepEqual({ leased_by: row.leased_by, failures: row.failures, last_error: row.last_error }, { leased_by: null, failures: 0, last_error: null });
      assert.equal(row.last_finished_at, T0.toISOString(), 'each run recorded');
    });
  });
}
