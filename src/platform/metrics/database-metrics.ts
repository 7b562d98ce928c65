import client from 'prom-client';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { oldestPendingWebhook, webhookCounts } from '../webhooks/store.js';

const seconds = (from: string | null | undefined, now: Date) => (from ? Math.max(0, (now.getTime() - new Date(from).getTime()) / 1000) : 0);

/** Figures read from the database at scrape time: the mail and webhook outboxes, and every leased job. */
export function databaseMetrics(db: Db, clock: Clock): client.Registry {
  const registry = new client.Registry();
  new client.Gauge({
    name: 'keizoku_outbox_undelivered',
    help: 'Mail in the outbox not yet delivered (queued or being sent)',
    registers: [registry],
    async collect() {
      const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['queued', 'sending']).executeTakeFirstOrThrow();
      this.set(Number(row.n));
    },
  });
  new client.Gauge({
    name: 'keizoku_outbox_oldest_undelivered_seconds',
    help: 'Age of the oldest mail not yet delivered (0 when none)',
    registers: [registry],
    async collect() {
      const row = await db.selectFrom('outbox').select((eb) => eb.fn.min('created_at').as('oldest')).where('status', 'in', ['queued', 'sending']).executeTakeFirst();
      this.set(seconds(row?.oldest as string | null | undefined, clock.now()));
    },
  });
  new client.Gauge({
    name: 'keizoku_outbox_failed',
    help: 'Mail given up after its retries',
    registers: [registry],
    async collect() {
      const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'failed').executeTakeFirstOrThrow();
      this.set(Number(row.n));
    },
  });
  webhookMetrics(db, clock, registry);
  jobMetrics(db, clock, registry);
  return registry;
}

function webhookMetrics(db: Db, clock: Clock, registry: client.Registry): void {
  new client.Gauge({
    name: 'keizoku_webhooks_pending',
    help: 'Webhook events not yet delivered and not given up (the queue depth)',
    registers: [registry],
    async collect() {
      this.set((await webhookCounts(db)).pending);
    },
  });
  new client.Gauge({
    name: 'keizoku_webhooks_oldest_pending_seconds',
    help: 'Age of the oldest webhook event not yet delivered (0 when none)',
    registers: [registry],
    async collect() {
      this.set(seconds(await oldestPendingWebhook(db), clock.now()));
    },
  });
  new client.Gauge({
    name: 'keizoku_webhooks_given_up',
    help: 'Webhook events given up after 3 days of retries (an admin may resend them)',
    registers: [registry],
    async collect() {
      this.set((await webhookCounts(db)).gave_up);
    },
  });
}

function jobMetrics(db: Db, clock: Clock, registry: client.Registry): void {
  const jobs = () => db.selectFrom('jobs').select(['name', 'runs', 'failures', 'next_run_at', 'lease_until']).execute();
  const perJob = (name: string, help: string, value: (row: Awaited<ReturnType<typeof jobs>>[number]) => number) =>
    new client.Gauge({
      name,
      help,
      labelNames: ['job'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await jobs()) this.set({ job: row.name }, value(row));
      },
    });
  perJob('keizoku_job_runs', 'Finished runs of a leased job', (row) => Number(row.runs));
  perJob('keizoku_job_failures', 'Failed runs of a leased job', (row) => Number(row.failures));
  perJob('keizoku_job_lag_seconds', 'How long a job has been due without a worker taking it (0 when not due or running)', (row) =>
    row.lease_until && row.lease_until > clock.now().toISOString() ? 0 : seconds(row.next_run_at, clock.now()),
  );
}
