import type { Kysely } from 'kysely';

// Jobs issue, part 1: 満期案内 reminders and the purge of expired rows.
// - renewal_reminders: one row per policy, term (満期日) and offset, ever: the UNIQUE key is what
//   makes a reminder go out once whatever the number of workers. The row and the outbox row are
//   written in one transaction. outbox_id is no foreign key: the purge removes sent mail after 30 days.
// - reminder_opt_outs: customers who chose 受け取らない under 各種変更の手続き (no row: 受け取る).
// - indexes for the reminders' scan (policies by 満期日) and for the purge's deletes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('renewal_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy_number', 'text', (c) => c.notNull().references('policies.policy_number'))
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('offset_days', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addUniqueConstraint('renewal_reminders_once', ['policy_number', 'end_date', 'offset_days'])
    .execute();
  await db.schema
    .createTable('reminder_opt_outs')
    .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policies_by_end_date').on('policies').columns(['end_date', 'policy_number']).execute();
  await db.schema.createIndex('flows_by_expiry').on('flows').column('expires_at').execute();
  await db.schema.createIndex('mail_tokens_by_expiry').on('mail_tokens').column('expires_at').execute();
  await db.schema.createIndex('sessions_by_last_seen').on('sessions').column('last_seen_at').execute();
  await db.schema.createIndex('sessions_by_created').on('sessions').column('created_at').execute();
  await db.schema.createIndex('throttles_by_window').on('throttles').column('window_started_at').execute();
  await db.schema.createIndex('outbox_by_created').on('outbox').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('dev_mailbox_by_created').on('dev_mailbox').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['dev_mailbox_by_created', 'outbox_by_created', 'throttles_by_window', 'sessions_by_created', 'sessions_by_last_seen', 'mail_tokens_by_expiry', 'flows_by_expiry', 'policies_by_end_date']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('reminder_opt_outs').execute();
  await db.schema.dropTable('renewal_reminders').execute();
}
