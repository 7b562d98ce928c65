import { recordAudit } from '../../../platform/auth/audit.js';
import type { AppDeps } from '../../../platform/deps.js';
import type { Db } from '../../../platform/db/database.js';
import { findWebhook, recentWebhooks, resendWebhook, webhookCounts, webhookStateOf, WEBHOOK_STATES, type WebhookCounts, type WebhookRow, type WebhookState } from '../../../platform/webhooks/store.js';
import type { AdminActor } from './staff-admin-service.js';
import './audit-kinds.js';

/** Events listed on Webhook 配信状況, newest first. */
export const WEBHOOK_LIST_LIMIT = 100;

export interface WebhookLine {
  id: string;
  eventType: string;
  state: WebhookState;
  createdAt: Date;
  attempts: number;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  gaveUpAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
}

const dateOrNull = (text: string | null) => (text ? new Date(text) : null);

function lineOf(row: WebhookRow): WebhookLine {
  const state = webhookStateOf(row);
  return {
    id: row.id,
    eventType: row.event_type,
    state,
    createdAt: new Date(row.created_at),
    attempts: row.attempts,
    lastAttemptAt: dateOrNull(row.last_attempt_at),
    nextAttemptAt: state === 'pending' ? new Date(row.next_attempt_at) : null,
    deliveredAt: dateOrNull(row.delivered_at),
    gaveUpAt: dateOrNull(row.gave_up_at),
    lastStatus: row.last_status,
    lastError: row.last_error,
  };
}

export const parseWebhookState = (text: string): WebhookState | null | 'invalid' =>
  text === '' ? null : (WEBHOOK_STATES as readonly string[]).includes(text) ? (text as WebhookState) : 'invalid';

export interface WebhookOverview {
  counts: WebhookCounts;
  lines: WebhookLine[];
}

export async function webhookOverview(db: Db, state: WebhookState | null): Promise<WebhookOverview> {
  const [counts, rows] = await Promise.all([webhookCounts(db), recentWebhooks(db, WEBHOOK_LIST_LIMIT, state)]);
  return { counts, lines: rows.map(lineOf) };
}

export async function webhookLine(db: Db, id: string): Promise<WebhookLine | null> {
  const row = await findWebhook(db, id);
  return row ? lineOf(row) : null;
}

export type ResendOutcome = { ok: true } | { ok: false; notFound: true } | { ok: false; refusal: 'not_given_up' };

/** 再送: a given-up event is due again now, with the same webhook-id and body and another 3 days of retries. */
export async function resendGivenUpWebhook(deps: AppDeps, by: AdminActor, id: string, reason: string): Promise<ResendOutcome> {
  const before = await findWebhook(deps.db, id);
  if (!before) return { ok: false, notFound: true };
  const now = deps.clock.now();
  const done = await deps.db.transaction().execute(async (trx) => {
    if (!(await resendWebhook(trx, id, now))) return false;
    await recordAudit(trx, now, {
      kind: 'webhook_resent',
      actor: { kind: 'staff', id: by.staffId },
      subject: { kind: 'webhook', id },
      ip: by.ip,
      detail: {
        reason,
        eventType: before.event_type,
        before: { state: 'gave_up', gaveUpAt: before.gave_up_at, attempts: before.attempts, lastStatus: before.last_status, lastError: before.last_error },
        after: { state: 'pending', nextAttemptAt: now.toISOString() },
      },
    });
    return true;
  });
  return done ? { ok: true } : { ok: false, refusal: 'not_given_up' };
}
