import { sql, type Kysely } from 'kysely';
import { foldedIndexExpression, FOLD_FUNCTION, isPostgres, POSTGRES_FOLD_FUNCTION } from '../search-key.js';

// At an insurer's scale (issue 14): pages that cost the same with a thousand policies or a million.
// - keizoku_fold(text) on PostgreSQL (SQLite registers it on every connection) and the agency
//   finder's two indexes on the folded name and code (a prefix search is a range on them);
// - policies(birth_date, customer_id): registration links every policy of the proofed holder that
//   has no account yet by birth date; without it that read walked the whole table.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql.raw(POSTGRES_FOLD_FUNCTION).execute(db);
  await db.schema.createIndex('agencies_by_name_key').on('agencies').expression(foldedIndexExpression(db, 'name')).execute();
  await db.schema.createIndex('agencies_by_code_key').on('agencies').expression(foldedIndexExpression(db, 'code')).execute();
  await db.schema.createIndex('policies_by_birth_date_unlinked').on('policies').columns(['birth_date', 'customer_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('policies_by_birth_date_unlinked').execute();
  await db.schema.dropIndex('agencies_by_code_key').execute();
  await db.schema.dropIndex('agencies_by_name_key').execute();
  if (isPostgres(db)) await sql.raw(`drop function ${FOLD_FUNCTION}(text)`).execute(db);
}
