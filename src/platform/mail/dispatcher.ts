import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { OutboxTable } from '../db/schema.js';
import type { Job, JobLog } from '../jobs/job.js';
import { withoutQueryStrings } from './outbox.js';
import { openMailText } from './secrets.js';
import type { MailTransport } from './transports.js';

// With the 30-minute cap this keeps trying for about two days, the life of a mail link.
const MAX_ATTEMPTS = 100;
const POLL_MS = 1000;

/** Retry delay after the n-th failed attempt: 5 s, 10 s, 20 s … capped at 30 min. */
export const retryDelayMs = (attempts: number): number => Math.min(30 * 60_000, 5000 * 2 ** (attempts - 1));

export const MAIL_DELIVERY = 'mail-delivery';

/** The worker that runs delivery in this process, as far as kicks need it. */
export interface DeliveryWorker {
  kick(jobName: string): void;
}

/**
 * Delivers queued outbox rows as the `mail-delivery` job. Each row is claimed by a conditional
 * update, so every worker may run the job at once without sending a mail twice.
 */
export class MailDispatcher {
  private worker: DeliveryWorker | null = null;

  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly from: string,
    private readonly log: JobLog,
    /** The server secret the outbox's mail secrets were sealed under. */
    private readonly secret: string,
    /** A row left in `sending` this long (its worker died mid-mail) is taken up again: JOB_LEASE. */
    private readonly staleSendingMs: number,
  ) {}

  /** Every worker looks at the outbox each second, with no lease: the rows are claimed one by one. */
  readonly job: Job = { name: MAIL_DELIVERY, everyMs: POLL_MS, everyWorker: true, run: (signal) => this.drain(signal) };

  /** The worker of this process (none with JOBS=off: then mail waits for `keizoku worker`). */
  deliverOn(worker: DeliveryWorker | null): void {
    this.worker = worker;
  }

  /** Delivery now rather than at the next poll, on this process's worker if it has one. */
  kick(): void {
    this.worker?.kick(MAIL_DELIVERY);
  }

  /** Sends everything due now; resolves when the outbox has nothing due, or after the current mail once `signal` aborts. */
  async drain(signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted) {
      const sent = await this.sendNext();
      if (!sent) return;
    }
  }

  /** After the worker has stopped. */
  close(): void {
    this.transport.close();
  }

  private async sendNext(): Promise<boolean> {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - this.staleSendingMs).toISOString();
    const due = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now.toISOString())]),
          eb.and([eb('status', '=', 'sending'), eb('next_attempt_at', '<=', staleBefore)]),
        ]),
      )
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!due) return false;
    const claimed = await this.db
      .updateTable('outbox')
      .set({ status: 'sending', next_attempt_at: now.toISOString(), attempts: due.attempts + 1 })
      .where('id', '=', due.id)
      .where('status', '=', due.status)
      .where('attempts', '=', due.attempts)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) return true;
    const text = openMailText(this.secret, due);
    if (text === null) {
      this.log.warn({ outboxId: due.id }, 'mail secrets do not open: not sent');
      await this.finish(due.id, { status: 'failed', last_error: 'the mail secrets do not open' });
      return true;
    }
    try {
      await this.transport.send({ from: this.from, to: due.to_address, subject: due.subject, text }, now);
    } catch (error) {
      await this.failed(due, due.attempts + 1, error, now);
      return true;
    }
    await this.finish(due.id, { status: 'sent', sent_at: this.clock.now().toISOString(), last_error: null, text_body: withoutQueryStrings(due.text_body) });
    return true;
  }

  private async failed(due: OutboxTable, attempts: number, error: unknown, now: Date): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const giveUp = attempts >= MAX_ATTEMPTS;
    this.log.warn({ outboxId: due.id, attempts, giveUp, error: message }, 'mail delivery failed');
    const retry = { status: 'queued', last_error: message.slice(0, 500), next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString() };
    if (giveUp) await this.finish(due.id, { ...retry, status: 'failed' });
    else await this.db.updateTable('outbox').set(retry).where('id', '=', due.id).execute();
  }

  /** A row that will not be sent again keeps no secrets, sealed or not. */
  private async finish(id: string, change: Partial<Pick<OutboxTable, 'status' | 'sent_at' | 'last_error' | 'text_body' | 'next_attempt_at'>>): Promise<void> {
    await this.db.updateTable('outbox').set({ ...change, secrets_sealed: null }).where('id', '=', id).execute();
  }
}
