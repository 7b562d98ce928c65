import type { Kysely } from 'kysely';

// English (issue 12): the language the customer last used on the site (header switch or login),
// so the mails nobody asked for at that moment (満期案内, ログインのお知らせ from a job) use it too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').addColumn('locale', 'text', (c) => c.notNull().defaultTo('ja')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('locale').execute();
}
