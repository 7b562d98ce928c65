import { sql, type Kysely } from 'kysely';

// Actors (issue 7): a session belongs to an actor (kind + id: customer, staff, api client), and an
// audit event names its actor and subject. The sessions table is rebuilt (SQLite cannot drop a
// NOT NULL): customer_id stays, now only for customers' sessions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions_next')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into sessions_next (id_hash, actor_kind, actor_id, customer_id, created_at, last_seen_at, revoked_at, ip, user_agent)
    select id_hash, 'customer', customer_id, customer_id, created_at, last_seen_at, revoked_at, ip, user_agent from sessions`.execute(db);
  await db.schema.dropTable('sessions').execute();
  await db.schema.alterTable('sessions_next').renameTo('sessions').execute();
  await db.schema.createIndex('sessions_by_actor').on('sessions').columns(['actor_kind', 'actor_id']).execute();
  await db.schema.createIndex('sessions_by_customer').on('sessions').column('customer_id').execute();

  for (const column of ['actor_kind', 'actor_id', 'subject_kind', 'subject_id']) {
    await db.schema.alterTable('audit_events').addColumn(column, 'text').execute();
  }
  await db.schema.createIndex('audit_events_by_customer').on('audit_events').columns(['customer_id', 'at']).execute();
  await db.schema.createIndex('audit_events_by_actor').on('audit_events').columns(['actor_kind', 'actor_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_by_actor').execute();
  await db.schema.dropIndex('audit_events_by_customer').execute();
  for (const column of ['subject_id', 'subject_kind', 'actor_id', 'actor_kind']) {
    await db.schema.alterTable('audit_events').dropColumn(column).execute();
  }
  // The sessions table keeps its actor columns: what they hold has no place in the old shape.
}
