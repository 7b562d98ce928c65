import type { Db } from '../db/database.js';
import type { WebhookOutboxTable } from '../db/schema.js';
import { RETRY_WINDOW_MS } from './outbox.js';

/** Where an event stands: delivered, waiting for its next attempt (or its first), or given up. */
export type WebhookState = 'delivered' | 'pending' | 'gave_up';

export const WEBHOOK_STATES: readonly WebhookState[] = ['delivered', 'pending', 'gave_up'];

export const webhookStateOf = (row: Pick<WebhookOutboxTable, 'delivered_at' | 'gave_up_at'>): WebhookState =>
  row.delivered_at !== null ? 'delivered' : row.gave_up_at !== null ? 'gave_up' : 'pending';

export type WebhookCounts = Record<WebhookState, number>;

export type WebhookRow = Omit<WebhookOutboxTable, 'payload'>;

const LISTED = ['id', 'event_type', 'created_at', 'attempts', 'next_attempt_at', 'retry_until', 'last_attempt_at', 'delivered_at', 'last_status', 'last_error', 'gave_up_at'] as const;

export async function webhookCounts(db: Db): Promise<WebhookCounts> {
  const row = await db
    .selectFrom('webhook_outbox')
    .select((eb) => [
      eb.fn.count<number>('delivered_at').as('delivered'),
      eb.fn.count<number>('gave_up_at').as('gave_up'),
      eb.fn.countAll<number>().as('all'),
    ])
    .executeTakeFirstOrThrow();
  const delivered = Number(row.delivered);
  const gaveUp = Number(row.gave_up);
  return { delivered, gave_up: gaveUp, pending: Number(row.all) - delivered - gaveUp };
}

/** The newest events first, in one state or all. */
export async function recentWebhooks(db: Db, limit: number, state: WebhookState | null): Promise<WebhookRow[]> {
  let query = db.selectFrom('webhook_outbox').select(LISTED);
  if (state === 'delivered') query = query.where('delivered_at', 'is not', null);
  if (state === 'gave_up') query = query.where('gave_up_at', 'is not', null);
  if (state === 'pending') query = query.where('delivered_at', 'is', null).where('gave_up_at', 'is', null);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function findWebhook(db: Db, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhook_outbox').select(LISTED).where('id', '=', id).executeTakeFirst();
}

/**
 * A given-up event due again now, with its attempts counted afresh and another retry window; the
 * same webhook-id and body. False when it was not given up (any more): another admin was first.
 */
export async function resendWebhook(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('webhook_outbox')
    .set({ gave_up_at: null, attempts: 0, next_attempt_at: at.toISOString(), retry_until: new Date(at.getTime() + RETRY_WINDOW_MS).toISOString() })
    .where('id', '=', id)
    .where('gave_up_at', 'is not', null)
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The oldest pending event's creation time (null when none is pending). */
export async function oldestPendingWebhook(db: Db): Promise<string | null> {
  const row = await db.selectFrom('webhook_outbox').select((eb) => eb.fn.min('created_at').as('oldest')).where('delivered_at', 'is', null).where('gave_up_at', 'is', null).executeTakeFirst();
  return (row?.oldest as string | null | undefined) ?? null;
}
