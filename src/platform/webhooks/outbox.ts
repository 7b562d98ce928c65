import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';

/** How long an event is retried before it is given up (a 再送 gives it as long again). */
export const RETRY_WINDOW_MS = 3 * 86_400_000;

/** A JSON value a payload may carry. */
export type WebhookData = { [key: string]: string | number | boolean | null | string[] };

export interface WebhookEvent {
  /** The Standard Webhooks event type, e.g. `order.created`. */
  type: string;
  data: WebhookData;
}

/** Queues events in the caller's transaction; without WEBHOOK_URL it writes nothing. */
export interface WebhookQueue {
  /** Resolves to the webhook-id, or null when webhooks are off. */
  enqueue(db: Db, event: WebhookEvent, at: Date): Promise<string | null>;
}

/** `msg_` and 128 random bits, URL-safe: the webhook-id. */
export const newWebhookId = (): string => `msg_${randomBytes(16).toString('base64url')}`;

/** The body as Standard Webhooks shapes it: `{"type", "timestamp", "data"}`. */
export const webhookPayload = (event: WebhookEvent, at: Date): string => JSON.stringify({ type: event.type, timestamp: at.toISOString(), data: event.data });

/** Writes one event to the outbox; call it inside the transaction of the change it announces. */
export async function enqueueWebhook(db: Db, event: WebhookEvent, at: Date): Promise<string> {
  const id = newWebhookId();
  await db
    .insertInto('webhook_outbox')
    .values({
      id,
      event_type: event.type,
      payload: webhookPayload(event, at),
      created_at: at.toISOString(),
      attempts: 0,
      next_attempt_at: at.toISOString(),
      retry_until: new Date(at.getTime() + RETRY_WINDOW_MS).toISOString(),
      last_attempt_at: null,
      delivered_at: null,
      last_status: null,
      last_error: null,
      gave_up_at: null,
    })
    .execute();
  return id;
}

/** The queue the features get: the outbox when webhooks are configured, otherwise nothing at all. */
export function webhookQueue(enabled: boolean): WebhookQueue {
  return { enqueue: enabled ? enqueueWebhook : async () => null };
}
