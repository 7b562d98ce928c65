import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Processing of what customers filed (issue 8/9): a change request's outcome (done | rejected,
// the note the customer reads, who and when), a renewal application's 取込済 (acknowledged), and a
// feed position on both tables for the cursor feeds (decision 0016). The position is given when
// the inserting transaction commits, in commit order, so a reader paging by position never skips
// a row that commits after a later one: on PostgreSQL a deferred constraint trigger takes one
// transaction-scoped advisory lock and then draws the position from a sequence; SQLite serialises
// writers, so a plain trigger after the insert takes max + 1. Inserting code does not change.

const FEED_TABLES = ['change_requests', 'renewal_applications'] as const;
/** The advisory lock every feed insert takes just before it commits (one key: no lock order to get wrong). */
export const FEED_LOCK_KEY = 4_711_016;

const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('change_requests').addColumn('note', 'text').execute();
  await db.schema.alterTable('change_requests').addColumn('processed_at', 'text').execute();
  await db.schema.alterTable('change_requests').addColumn('processed_by_kind', 'text').execute();
  await db.schema.alterTable('change_requests').addColumn('processed_by_id', 'text').execute();
  await db.schema.alterTable('renewal_applications').addColumn('acknowledged_at', 'text').execute();
  await db.schema.alterTable('renewal_applications').addColumn('acknowledged_by_kind', 'text').execute();
  await db.schema.alterTable('renewal_applications').addColumn('acknowledged_by_id', 'text').execute();
  for (const table of FEED_TABLES) {
    await db.schema.alterTable(table).addColumn('feed_position', 'integer').execute();
    await sql`UPDATE ${sql.table(table)} SET feed_position = ordered.position
      FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS position FROM ${sql.table(table)}) AS ordered
      WHERE ${sql.ref(`${table}.id`)} = ordered.id`.execute(db);
    await db.schema.createIndex(`${table}_by_feed_position`).on(table).column('feed_position').unique().execute();
    await (isPostgres(db) ? positionsOnPostgres(db, table) : positionsOnSqlite(db, table));
  }
  await db.schema.createIndex('renewal_applications_by_acknowledged').on('renewal_applications').columns(['acknowledged_at', 'created_at']).execute();
  await db.schema.createIndex('policies_by_customer_agency').on('policies').columns(['customer_id', 'agency_code']).execute();
}

async function positionsOnPostgres(db: Kysely<unknown>, table: string): Promise<void> {
  const sequence = `${table}_feed_seq`;
  await sql`CREATE SEQUENCE ${sql.id(sequence)}`.execute(db);
  await sql`SELECT setval(${sequence}, COALESCE((SELECT MAX(feed_position) FROM ${sql.table(table)}), 0) + 1, false)`.execute(db);
  await sql
    .raw(
      `CREATE FUNCTION ${table}_feed_position() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${FEED_LOCK_KEY});
        UPDATE ${table} SET feed_position = nextval('${sequence}') WHERE id = NEW.id;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  await sql
    .raw(`CREATE CONSTRAINT TRIGGER ${table}_feed_position AFTER INSERT ON ${table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${table}_feed_position()`)
    .execute(db);
}

async function positionsOnSqlite(db: Kysely<unknown>, table: string): Promise<void> {
  await sql
    .raw(
      `CREATE TRIGGER ${table}_feed_position AFTER INSERT ON ${table} FOR EACH ROW WHEN NEW.feed_position IS NULL
      BEGIN
        UPDATE ${table} SET feed_position = (SELECT COALESCE(MAX(feed_position), 0) + 1 FROM ${table}) WHERE id = NEW.id;
      END`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('policies_by_customer_agency').execute();
  await db.schema.dropIndex('renewal_applications_by_acknowledged').execute();
  for (const table of FEED_TABLES) {
    if (isPostgres(db)) {
      await sql.raw(`DROP TRIGGER ${table}_feed_position ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION ${table}_feed_position()`).execute(db);
      await sql.raw(`DROP SEQUENCE ${table}_feed_seq`).execute(db);
    } else {
      await sql.raw(`DROP TRIGGER ${table}_feed_position`).execute(db);
    }
    await db.schema.dropIndex(`${table}_by_feed_position`).execute();
    await db.schema.alterTable(table).dropColumn('feed_position').execute();
  }
  for (const column of ['acknowledged_by_id', 'acknowledged_by_kind', 'acknowledged_at']) await db.schema.alterTable('renewal_applications').dropColumn(column).execute();
  for (const column of ['processed_by_id', 'processed_by_kind', 'processed_at', 'note']) await db.schema.alterTable('change_requests').dropColumn(column).execute();
}
