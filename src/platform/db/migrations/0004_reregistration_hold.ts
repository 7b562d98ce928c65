import { sql, type Kysely } from 'kysely';

// 再登録 to another address than the account's (issue 6): the new credentials wait here for
// REREGISTRATION_HOLD while the registered address may cancel them. At most one pending hold per
// customer (a partial unique index, on SQLite and PostgreSQL alike); resolved rows stay for audit.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reregistration_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('cancel_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('reregistration_holds_one_pending')
    .on('reregistration_holds')
    .column('customer_id')
    .unique()
    .where(sql.ref('status'), '=', sql.lit('pending'))
    .execute();
  await db.schema.createIndex('reregistration_holds_by_user_id').on('reregistration_holds').columns(['user_id', 'status']).execute();
  await db.schema.createIndex('reregistration_holds_by_flow').on('reregistration_holds').column('flow_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reregistration_holds').execute();
}
