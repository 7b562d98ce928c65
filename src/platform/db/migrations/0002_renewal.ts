import type { Kysely } from 'kysely';

// Online renewal (継続手続): one application per policy and term. The unique pair
// (policy_number, current_end_date) is what makes a second application for the same term
// impossible, whichever tab or instance gets there first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('renewal_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reception_number', 'text', (c) => c.notNull().unique())
    .addColumn('policy_number', 'text', (c) => c.notNull().references('policies.policy_number'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('current_end_date', 'text', (c) => c.notNull())
    .addColumn('new_start_date', 'text', (c) => c.notNull())
    .addColumn('new_end_date', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('coverage', 'text', (c) => c.notNull())
    .addColumn('next_grade', 'integer', (c) => c.notNull())
    .addColumn('next_accident_coefficient_years', 'integer', (c) => c.notNull())
    .addColumn('annual_premium', 'integer', (c) => c.notNull())
    .addColumn('monthly_premium', 'integer')
    .addColumn('total_payable', 'integer', (c) => c.notNull())
    .addColumn('payment_method', 'text', (c) => c.notNull())
    .addColumn('payment_method_changed', 'integer', (c) => c.notNull())
    .addColumn('payment_frequency', 'text', (c) => c.notNull())
    .addColumn('quote_breakdown', 'text', (c) => c.notNull())
    .addColumn('confirmations', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('renewal_applications_one_per_term', ['policy_number', 'current_end_date'])
    .execute();
  await db.schema.createIndex('renewal_applications_by_customer').on('renewal_applications').columns(['customer_id', 'created_at']).execute();
  await db.schema.createIndex('renewal_applications_by_created').on('renewal_applications').column('created_at').execute();
  await db.schema.createIndex('flows_by_customer_kind').on('flows').columns(['customer_id', 'kind']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('flows_by_customer_kind').execute();
  await db.schema.dropTable('renewal_applications').execute();
}
