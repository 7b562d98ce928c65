import { newId } from '../crypto.js';
import type { Db } from '../db/database.js';
import { auditEventsTotal } from '../metrics/registry.js';
import type { Actor } from './actor.js';

/**
 * The kinds of audit event, one key each. Features add theirs by declaration merging (see a
 * feature's audit-kinds.ts), so the platform names none and a kind nobody declared does not
 * compile: no kind is a string built at run time.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface AuditKinds {}

export type AuditKind = keyof AuditKinds;

export interface AuditEntry {
  kind: AuditKind;
  /** Who did it; null for a visitor not (yet) known (a login attempt, a registration). */
  actor: Actor | null;
  /** The customer it concerns (their history on the console), when there is one. */
  customerId?: string | null;
  /** What it acted on, when that is not the customer (a policy, a staff account, a news item). */
  subject?: { kind: string; id: string } | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes an audit event; pass the transaction so it commits with the change it records. */
export async function recordAudit(db: Db, at: Date, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId(),
      at: at.toISOString(),
      kind: entry.kind,
      actor_kind: entry.actor?.kind ?? null,
      actor_id: entry.actor?.id ?? null,
      customer_id: entry.customerId ?? null,
      subject_kind: entry.subject?.kind ?? null,
      subject_id: entry.subject?.id ?? null,
      ip: entry.ip ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
  auditEventsTotal.inc({ kind: entry.kind });
}
