import type { Db } from './db/database.js';
import { newId } from './crypto.js';

export interface AuditEntry {
  kind: string;
  customerId?: string | null;
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
      customer_id: entry.customerId ?? null,
      ip: entry.ip ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
