import type { Kysely } from 'kysely';

// Mail secrets (one-time link tokens) sealed beside the outbox text instead of inside it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('secrets_sealed', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('secrets_sealed').execute();
}
