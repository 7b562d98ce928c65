import { PostgresAdapter, sql, type Kysely } from 'kysely';

// audit_events is append-only (ASVS 16.4.2, decision 0027): no role the service runs as can change
// an event once written. UPDATE is refused by a trigger on both dialects; DELETE stays for the
// retention purge (AUDIT_RETENTION), and on PostgreSQL the run-time role's grants can keep even
// that from it (docs/operations.md, "Database roles").

const MESSAGE = 'audit_events is append-only: an audit event cannot be changed';

const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '${sql.raw(MESSAGE)}' USING ERRCODE = 'insufficient_privilege';
      END
    $$`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, '${sql.raw(MESSAGE)}'); END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER audit_events_no_update${sql.raw(isPostgres(db) ? ' ON audit_events' : '')}`.execute(db);
  if (isPostgres(db)) {
    await sql`DROP TRIGGER audit_events_no_truncate ON audit_events`.execute(db);
    await sql`DROP FUNCTION audit_events_append_only()`.execute(db);
  }
}
