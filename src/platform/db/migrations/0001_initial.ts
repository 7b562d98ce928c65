import type { Kysely } from 'kysely';

// Text ids, text timestamps and integer flags keep one schema for SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agencies')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agency_news')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agency_news_by_agency').on('agency_news').columns(['agency_code', 'published_on']).execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_kana', 'text', (c) => c.notNull())
    .addColumn('given_kana', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .addColumn('previous_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('policies')
    .addColumn('policy_number', 'text', (c) => c.primaryKey())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('holder_family_name', 'text', (c) => c.notNull())
    .addColumn('holder_given_name', 'text', (c) => c.notNull())
    .addColumn('holder_family_kana', 'text', (c) => c.notNull())
    .addColumn('holder_given_kana', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('address', 'text')
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('vehicle_model', 'text')
    .addColumn('vehicle_registration', 'text')
    .addColumn('vehicle_class', 'text')
    .addColumn('grade', 'integer')
    .addColumn('accident_coefficient_years', 'integer')
    .addColumn('claims_this_term', 'integer')
    .addColumn('age_condition', 'text')
    .addColumn('driver_scope', 'text')
    .addColumn('use_purpose', 'text')
    .addColumn('bodily_injury', 'text')
    .addColumn('property_damage', 'text')
    .addColumn('personal_injury', 'text')
    .addColumn('vehicle_coverage', 'text')
    .addColumn('vehicle_amount', 'integer')
    .addColumn('vehicle_deductible', 'text')
    .addColumn('riders', 'text')
    .addColumn('annual_premium', 'integer')
    .addColumn('payment_method', 'text')
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('last_procedure_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policies_by_customer').on('policies').column('customer_id').execute();
  await db.schema.createIndex('policies_by_agency').on('policies').column('agency_code').execute();
  await db.schema.createIndex('policies_by_email').on('policies').column('email').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_by_customer').on('sessions').column('customer_id').execute();

  await db.schema
    .createTable('flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('keyword_hash', 'text')
    .addColumn('keyword_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customer_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mail_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('flow_id', 'text', (c) => c.notNull().references('flows.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addColumn('retired_at', 'text')
    .execute();
  await db.schema.createIndex('mail_tokens_by_flow').on('mail_tokens').column('flow_id').execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('dev_mailbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_by_time').on('audit_events').column('at').execute();

  await db.schema
    .createTable('throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['throttles', 'audit_events', 'dev_mailbox', 'outbox', 'mail_tokens', 'flows', 'sessions', 'policies', 'customers', 'agency_news', 'agencies', 'settings']) {
    await db.schema.dropTable(table).execute();
  }
}
