import type { Kysely } from 'kysely';

// A policy's status from the insurer's core system (API and CSV): in_force (default), cancelled
// (解約: leaves the customer's renewal list, cannot be renewed) or expired (満期経過 / retired by an
// import's --retire-missing). Existing rows are in force.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('policies').addColumn('status', 'text', (c) => c.notNull().defaultTo('in_force')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('policies').dropColumn('status').execute();
}
