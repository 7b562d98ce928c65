import { Webhook } from 'standardwebhooks';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { WebhookOutboxTable } from '../db/schema.js';
import type { Job, JobLog } from '../jobs/job.js';

export const WEBHOOK_DELIVERY = 'webhook-delivery';

/** How long the receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** A claimed row whose worker died is due again after this (longer than any attempt). */
const CLAIM_MS = 6 * WEBHOOK_TIMEOUT_MS;
const POLL_MS = 1000;

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min … capped at 1 hour. */
export const webhookRetryDelayMs = (attempts: number): number => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export interface WebhookTarget {
  url: string;
  /** `whsec_<base64>`. */
  secret: string;
}

/** What one attempt came to: the receiver's status, or why there was none. */
type Outcome = { status: number } | { status: null; error: string };

/** Why fetch failed, in a line an operator can act on (`connect ECONNREFUSED`, `timed out after 10 s`). */
function failureText(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const text = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  return text.slice(0, 500);
}

/**
 * Posts due webhook_outbox rows as the leased `webhook-delivery` job: one worker at a time holds
 * it, and each row is claimed by a conditional update besides, so no event is posted twice at
 * once. Signed per Standard Webhooks; 2xx delivers, anything else retries with back-off until
 * the row's retry_until, then gives up. At least once: the same webhook-id on every attempt.
 */
export class WebhookDispatcher {
  private readonly signer: Webhook;

  constructor(
    private readonly db: Db,
    private readonly target: WebhookTarget,
    private readonly clock: Clock,
    private readonly log: JobLog,
  ) {
    this.signer = new Webhook(target.secret);
  }

  readonly job: Job = { name: WEBHOOK_DELIVERY, everyMs: POLL_MS, run: (signal) => this.drain(signal) };

  /** Posts everything due now; resolves when nothing is due, or after the current post once `signal` aborts. */
  async drain(signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted) {
      if (!(await this.deliverNext())) return;
    }
  }

  private async deliverNext(): Promise<boolean> {
    const now = this.clock.now();
    const due = await this.db
      .selectFrom('webhook_outbox')
      .selectAll()
      .where('delivered_at', 'is', null)
      .where('gave_up_at', 'is', null)
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('next_attempt_at')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!due) return false;
    // The claim moves the due time past any attempt: no other worker picks the row meanwhile, and
    // one that died mid-attempt leaves it due again when the claim runs out.
    const claimedUntil = new Date(now.getTime() + CLAIM_MS).toISOString();
    const claimed = await this.db
      .updateTable('webhook_outbox')
      .set({ last_attempt_at: now.toISOString(), next_attempt_at: claimedUntil })
      .where('id', '=', due.id)
      .where('next_attempt_at', '=', due.next_attempt_at)
      .where('delivered_at', 'is', null)
      .where('gave_up_at', 'is', null)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) return true;
    const outcome = await this.post(due, now);
    await this.record(due, now, claimedUntil, outcome);
    return true;
  }

  private async post(row: WebhookOutboxTable, at: Date): Promise<Outcome> {
    const headers = {
      'content-type': 'application/json',
      'webhook-id': row.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': this.signer.sign(row.id, at, row.payload),
    };
    try {
      const response = await fetch(this.target.url, { method: 'POST', headers, body: row.payload, redirect: 'manual', signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
      await response.body?.cancel();
      return { status: response.status };
    } catch (error) {
      return { status: null, error: failureText(error) };
    }
  }

  /** The outcome of the attempt that started `at`, unless its claim ran out and another worker took the row. */
  private async record(row: WebhookOutboxTable, at: Date, claimedUntil: string, outcome: Outcome): Promise<void> {
    const attempts = row.attempts + 1;
    const update = this.db.updateTable('webhook_outbox').where('id', '=', row.id).where('next_attempt_at', '=', claimedUntil);
    if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
      await update.set({ attempts, delivered_at: this.clock.now().toISOString(), last_status: outcome.status, last_error: null }).execute();
      return;
    }
    const error = outcome.status === null ? outcome.error : `HTTP ${outcome.status}`;
    const giveUp = at.toISOString() >= row.retry_until;
    this.log.warn({ webhookId: row.id, type: row.event_type, attempts, giveUp, error }, 'webhook delivery failed');
    const next = Math.min(at.getTime() + webhookRetryDelayMs(attempts), Date.parse(row.retry_until));
    await update
      .set({ attempts, last_status: outcome.status, last_error: error, next_attempt_at: new Date(next).toISOString(), gave_up_at: giveUp ? this.clock.now().toISOString() : null })
      .execute();
  }
}
