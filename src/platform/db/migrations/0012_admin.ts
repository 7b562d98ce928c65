import type { Kysely } from 'kysely';

// The administrator's audit log (issue 8, console admin): filters by kind and by a staff member
// (who acted or was acted on) over a date range, newest first. audit_events already has
// (customer_id, at), (actor_kind, actor_id, at) and (at); the kind and the subject get theirs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_events_by_kind').on('audit_events').columns(['kind', 'at']).execute();
  await db.schema.createIndex('audit_events_by_subject').on('audit_events').columns(['subject_kind', 'subject_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_by_subject').execute();
  await db.schema.dropIndex('audit_events_by_kind').execute();
}
