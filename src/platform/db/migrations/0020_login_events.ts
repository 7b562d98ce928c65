import type { Kysely } from 'kysely';

// Login history (issue 11, decision 0023): every login attempt that names an existing account,
// successful or not, with the method ('password', 'passkey', or the flows that end logged in:
// 'registration', 'recovery'), the browser's user agent and address. Kept 90 days and at most
// the newest 100 per customer (platform/auth/login-events.ts, the purge). Sessions already keep
// their user agent from their creation (0001), which the list of open sessions reads.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_events_by_customer').on('login_events').columns(['customer_id', 'at']).execute();
  await db.schema.createIndex('login_events_by_at').on('login_events').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_events').execute();
}
