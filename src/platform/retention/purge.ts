import type { Retention } from '../../config.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Job, JobLog } from '../jobs/job.js';
import { LOGIN_EVENT_DAYS } from '../auth/login-events.js';

// The purge of rows that have served their purpose (docs/operations.md, "Retention"). Every
// delete takes at most PURGE_BATCH rows by key (`DELETE … WHERE key IN (SELECT key … LIMIT n)`,
// the same on SQLite and PostgreSQL) and loops until nothing is left, so no statement holds a
// lock for long. Children go before their parents (mail tokens before their flows).

export const PURGE_JOB = 'purge';
export const PURGE_BATCH = 500;

const DAY_MS = 86_400_000;
/** Ended sessions, delivered or failed mail and webhook events: kept 30 days for support questions. */
export const SESSION_AND_OUTBOX_DAYS = 30;
/** The dev mailbox: a week. */
export const DEV_MAILBOX_DAYS = 7;
/**
 * Flows and their mail tokens: a week past their expiry, so the link of last week's mail still says
 * it has expired or was used (with a way to start again), rather than that it is unknown.
 */
export const FLOW_GRACE_DAYS = 7;
/** The longest throttle window or lock (the daily mail caps): a row older than this with no lock left counts nothing. */
export const THROTTLE_MAX_WINDOW_MS = DAY_MS;
/** Sessions end after 30 minutes idle or 12 hours at most (customers; staff sooner). */
const SESSION_IDLE_MS = 30 * 60_000;
const SESSION_ABSOLUTE_MS = 12 * 3_600_000;

export interface PurgeDeps {
  db: Db;
  clock: Clock;
  log: JobLog;
  auditRetention: Retention;
}

export type PurgeCounts = Record<'mailTokens' | 'flows' | 'sessions' | 'throttles' | 'outbox' | 'webhooks' | 'apiTokens' | 'idempotencyKeys' | 'webauthnChallenges' | 'devMailbox' | 'loginEvents' | 'auditEvents', number>;

/** `now` minus the retention: whole days, or calendar years (29 February falls back to 28 February). */
export function retentionCutoff(now: Date, retention: Retention): Date {
  if (retention.unit === 'days') return new Date(now.getTime() - retention.amount * DAY_MS);
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(now.getUTCFullYear() - retention.amount);
  if (cutoff.getUTCMonth() !== now.getUTCMonth()) cutoff.setUTCDate(0);
  return cutoff;
}

type Batch = (limit: number) => Promise<bigint>;

/** Runs a batched delete until it deletes less than a batch (or the worker stops); the rows deleted. */
async function drain(batch: Batch, signal?: AbortSignal): Promise<number> {
  let total = 0;
  while (!signal?.aborted) {
    const deleted = Number(await batch(PURGE_BATCH));
    total += deleted;
    if (deleted < PURGE_BATCH) break;
  }
  return total;
}

const iso = (at: Date) => at.toISOString();
const ago = (now: Date, ms: number) => iso(new Date(now.getTime() - ms));

/** Deletes what the retention periods let go; returns the counts. */
export async function purgeExpired(deps: PurgeDeps, signal?: AbortSignal): Promise<PurgeCounts> {
  const { db } = deps;
  const now = deps.clock.now();
  const flowCutoff = ago(now, FLOW_GRACE_DAYS * DAY_MS);
  const keepDays = ago(now, SESSION_AND_OUTBOX_DAYS * DAY_MS);
  const counted = async (query: Batch) => drain(query, signal);

  // Mail tokens of flows past their expiry (and tokens past theirs), then the flows without tokens left.
  const mailTokens = await counted(async (limit) => {
    const result = await db
      .deleteFrom('mail_tokens')
      .where('token_hash', 'in', (eb) =>
        eb
          .selectFrom('mail_tokens as t')
          .select('t.token_hash')
          .where((w) => w.or([w('t.expires_at', '<', flowCutoff), w('t.flow_id', 'in', w.selectFrom('flows').select('flows.id').where('flows.expires_at', '<', flowCutoff))]))
          .limit(limit),
      )
      .executeTakeFirst();
    return result.numDeletedRows;
  });
  const flows = await counted(async (limit) => {
    const result = await db
      .deleteFrom('flows')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('flows as f')
          .select('f.id')
          .where('f.expires_at', '<', flowCutoff)
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('mail_tokens').select('mail_tokens.token_hash').whereRef('mail_tokens.flow_id', '=', 'f.id'))))
          .limit(limit),
      )
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  // Sessions that ended 30 days ago: revoked, idle, or past their absolute limit by then.
  const sessions = await counted(async (limit) => {
    const result = await db
      .deleteFrom('sessions')
      .where('id_hash', 'in', (eb) =>
        eb
          .selectFrom('sessions as s')
          .select('s.id_hash')
          .where((w) =>
            w.or([w('s.revoked_at', '<', keepDays), w('s.last_seen_at', '<', ago(now, SESSION_AND_OUTBOX_DAYS * DAY_MS + SESSION_IDLE_MS)), w('s.created_at', '<', ago(now, SESSION_AND_OUTBOX_DAYS * DAY_MS + SESSION_ABSOLUTE_MS))]),
          )
          .limit(limit),
      )
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  // Throttle rows whose window is over and whose lock (if any) has ended: they count nothing any more.
  const throttles = await counted(async (limit) => {
    const result = await db
      .deleteFrom('throttles')
      .where('key', 'in', (eb) =>
        eb
          .selectFrom('throttles as t')
          .select('t.key')
          .where('t.window_started_at', '<', ago(now, THROTTLE_MAX_WINDOW_MS))
          .where((w) => w.or([w('t.locked_until', 'is', null), w('t.locked_until', '<=', iso(now))]))
          .limit(limit),
      )
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  // Mail delivered or given up 30 days ago (queued and sending rows are never touched).
  const outbox = await counted(async (limit) => {
    const result = await db
      .deleteFrom('outbox')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('outbox as o')
          .select('o.id')
          .where('o.status', 'in', ['sent', 'failed'])
          .where('o.created_at', '<', keepDays)
          .where((w) => w.or([w('o.sent_at', 'is', null), w('o.sent_at', '<', keepDays)]))
          .limit(limit),
      )
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  // Webhook events delivered, or given up, 30 days ago (pending ones are never touched).
  const webhooks = await counted(async (limit) => {
    const result = await db
      .deleteFrom('webhook_outbox')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('webhook_outbox as w')
          .select('w.id')
          .where((w) => w.or([w('w.delivered_at', '<', keepDays), w('w.gave_up_at', '<', keepDays)]))
          .limit(limit),
      )
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  // API bearer tokens past their hour, and Idempotency-Keys past their 24 hours.
  const at = iso(now);
  const apiTokens = await counted(async (limit) => {
    const result = await db
      .deleteFrom('api_tokens')
      .where('token_hash', 'in', (eb) => eb.selectFrom('api_tokens as t').select('t.token_hash').where('t.expires_at', '<=', at).limit(limit))
      .executeTakeFirst();
    return result.numDeletedRows;
  });
  const idempotencyKeys = await counted(async (limit) => {
    const result = await db
      .deleteFrom('api_idempotency_keys')
      .where((eb) => eb(eb.refTuple('client_id', 'key'), 'in', eb.selectFrom('api_idempotency_keys as k').select(['k.client_id', 'k.key']).where('k.expires_at', '<=', at).limit(limit).$asTuple('client_id', 'key')))
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  // WebAuthn challenges past their five minutes (used or not: they answer nothing any more).
  const webauthnChallenges = await counted(async (limit) => {
    const result = await db
      .deleteFrom('webauthn_challenges')
      .where('challenge_hash', 'in', (eb) => eb.selectFrom('webauthn_challenges as w').select('w.challenge_hash').where('w.expires_at', '<=', at).limit(limit))
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  const devMailbox = await counted(async (limit) => {
    const result = await db
      .deleteFrom('dev_mailbox')
      .where('id', 'in', (eb) => eb.selectFrom('dev_mailbox as d').select('d.id').where('d.created_at', '<', ago(now, DEV_MAILBOX_DAYS * DAY_MS)).limit(limit))
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  // Login history: 90 days (the newest 100 per customer are all recordLoginEvent keeps anyway).
  const loginEvents = await counted(async (limit) => {
    const result = await db
      .deleteFrom('login_events')
      .where('id', 'in', (eb) => eb.selectFrom('login_events as l').select('l.id').where('l.at', '<', ago(now, LOGIN_EVENT_DAYS * DAY_MS)).limit(limit))
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  const auditCutoff = iso(retentionCutoff(now, deps.auditRetention));
  const auditEvents = await counted(async (limit) => {
    const result = await db
      .deleteFrom('audit_events')
      .where('id', 'in', (eb) => eb.selectFrom('audit_events as a').select('a.id').where('a.at', '<', auditCutoff).limit(limit))
      .executeTakeFirst();
    return result.numDeletedRows;
  });

  return { mailTokens, flows, sessions, throttles, outbox, webhooks, apiTokens, idempotencyKeys, webauthnChallenges, devMailbox, loginEvents, auditEvents };
}

/** `purge`: hourly, leased; logs what it deleted. */
export function purgeJob(deps: PurgeDeps): Job {
  return {
    name: PURGE_JOB,
    everyMs: 3_600_000,
    run: async (signal) => {
      const counts = await purgeExpired(deps, signal);
      if (Object.values(counts).some((n) => n > 0)) deps.log.info({ job: PURGE_JOB, deleted: counts }, 'purged expired rows');
    },
  };
}
