import { sql, type Kysely } from 'kysely';

// The webhook outbox (issue 9): one row per event, written in the transaction of the change it
// announces and posted by the `webhook-delivery` job. The id is the Standard Webhooks
// `webhook-id` (the same on every retry); `payload` is the exact body posted each time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('retry_until', 'text', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('gave_up_at', 'text')
    .execute();
  // What the delivery job looks for: rows neither delivered nor given up, by due time.
  await db.schema
    .createIndex('webhook_outbox_due')
    .on('webhook_outbox')
    .column('next_attempt_at')
    .where(sql.ref('delivered_at'), 'is', null)
    .where(sql.ref('gave_up_at'), 'is', null)
    .execute();
  await db.schema.createIndex('webhook_outbox_created').on('webhook_outbox').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_outbox').execute();
}
