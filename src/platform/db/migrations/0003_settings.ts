import type { Kysely } from 'kysely';

// Settings (issue 3): change requests for the insurer (address/phone), and closed accounts
// (お客さまWebサービスの利用停止) kept for audit rather than deleted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('change_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_requests_by_customer').on('change_requests').columns(['customer_id', 'created_at']).execute();
  await db.schema.createIndex('change_requests_by_status').on('change_requests').columns(['status', 'created_at']).execute();

  await db.schema.alterTable('customers').addColumn('closed_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('closed_at').execute();
  await db.schema.dropTable('change_requests').execute();
}
