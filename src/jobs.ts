import type { Config } from './config.js';
import type { Clock } from './platform/clock.js';
import type { Db } from './platform/db/database.js';
import { startWorker, type Job, type JobLog, type Worker } from './platform/jobs/index.js';
import { reregistrationHoldsJob } from './features/registration/hold-job.js';
import { remindersJob } from './features/reminders/job.js';
import { renewableOnline } from './features/renewal/coverage.js';
import { MailDispatcher } from './platform/mail/dispatcher.js';
import { enqueueMail, type MailQueue } from './platform/mail/outbox.js';
import { purgeJob } from './platform/retention/purge.js';
import { devMailboxTransport, smtpTransport } from './platform/mail/transports.js';
import { WebhookDispatcher } from './platform/webhooks/delivery.js';

export interface JobDeps {
  config: Config;
  db: Db;
  clock: Clock;
  log: JobLog;
  secret: string;
}

/**
 * The service's jobs, the same for `serve` (unless JOBS=off) and `keizoku worker`: mail delivery
 * (every worker, every second), webhook delivery (leased, every second, with WEBHOOK_URL only),
 * 満期案内 reminders and the purge (hourly, leased).
 */
export interface ServiceJobs {
  dispatcher: MailDispatcher;
  jobs: Job[];
}

export function serviceJobs({ config, db, clock, log, secret }: JobDeps): ServiceJobs {
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.smtpTls) : devMailboxTransport(db);
  const dispatcher = new MailDispatcher(db, transport, clock, config.brand.mailFrom, log, secret, config.jobLeaseMs);
  const mail: MailQueue = { enqueue: (trx, message, at) => enqueueMail(trx, message, at, secret), kick: () => dispatcher.kick() };
  const reminders = remindersJob({ config, db, clock, mail, renewableOnline });
  const purge = purgeJob({ db, clock, log, auditRetention: config.auditRetention });
  const holds = reregistrationHoldsJob({ config, db, clock, mail }, log);
  const webhooks = config.webhook ? [new WebhookDispatcher(db, config.webhook, clock, log).job] : [];
  const leased = (job: Job): Job => (job.everyWorker ? job : { ...job, leaseMs: job.leaseMs ?? config.jobLeaseMs });
  return { dispatcher, jobs: [dispatcher.job, ...webhooks, reminders, purge, holds].map(leased) };
}

/** Runs the jobs on a worker in this process; mail kicks go to it. */
export function startServiceWorker(service: ServiceJobs, { db, clock, log }: Pick<JobDeps, 'db' | 'clock' | 'log'>): Worker {
  const worker = startWorker({ db, clock, log, jobs: service.jobs });
  service.dispatcher.deliverOn(worker);
  return worker;
}

/** Stops the worker (its running jobs finish, its leases are freed), then closes the mail transport. */
export async function stopServiceWorker(service: ServiceJobs, worker: Worker | null): Promise<void> {
  service.dispatcher.deliverOn(null);
  await worker?.stop();
  service.dispatcher.close();
}
