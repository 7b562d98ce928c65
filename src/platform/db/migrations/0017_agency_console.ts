import type { Kysely } from 'kysely';

// The agencies' console (issue 8): 満期管理 reads an agency's policies by 満期日, and the agency
// edits its page's news.
// - policies(agency_code, end_date, policy_number): 満期管理's list and counts for one month.
// - agency_news.published (1: shown on the agency page; existing news stays shown) and
//   updated_at (null until the news is edited).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('policies_by_agency_end_date').on('policies').columns(['agency_code', 'end_date', 'policy_number']).execute();
  await db.schema.alterTable('agency_news').addColumn('published', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('agency_news').addColumn('updated_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agency_news').dropColumn('updated_at').execute();
  await db.schema.alterTable('agency_news').dropColumn('published').execute();
  await db.schema.dropIndex('policies_by_agency_end_date').execute();
}
