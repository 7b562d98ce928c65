import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import * as initial from './migrations/0001_initial.js';
import * as renewal from './migrations/0002_renewal.js';
import * as settings from './migrations/0003_settings.js';
import * as reregistrationHold from './migrations/0004_reregistration_hold.js';
import * as knownDevices from './migrations/0005_known_devices.js';
import * as outboxSealed from './migrations/0006_outbox_sealed.js';
import * as actors from './migrations/0007_actors.js';
import * as jobs from './migrations/0008_jobs.js';
import * as staff from './migrations/0009_staff.js';
import * as desk from './migrations/0010_desk.js';
import * as reminders from './migrations/0011_reminders.js';
import * as admin from './migrations/0012_admin.js';
import * as policyStatus from './migrations/0013_policy_status.js';
import * as api from './migrations/0014_api.js';
import * as webhooks from './migrations/0015_webhooks.js';
import * as processing from './migrations/0016_processing.js';
import * as agencyConsole from './migrations/0017_agency_console.js';
import * as temporaryPasswords from './migrations/0018_temporary_passwords.js';
import * as passkeys from './migrations/0019_passkeys.js';
import * as loginEvents from './migrations/0020_login_events.js';
import * as auditAppendOnly from './migrations/0021_audit_append_only.js';
import * as scale from './migrations/0023_scale.js';
import * as customerLocale from './migrations/0024_customer_locale.js';
import type { Database } from './schema.js';
import { registerSqliteFunctions } from './search-key.js';
import { withStatementCache } from './statement-cache.js';

export type Db = Kysely<Database>;
export type { Database } from './schema.js';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** DATABASE_URL as it may be printed: the PostgreSQL password masked. */
export function describeDatabaseUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export interface DbOptions {
  /** Told when an idle PostgreSQL connection fails (server restart, failover, terminated backend); stderr by default. */
  onPoolError?: (error: Error) => void;
}

function warnOnStderr(error: Error): void {
  process.stderr.write(`keizoku: an idle database connection failed and was dropped: ${error.message}\n`);
}

/** A pg pool that survives its idle connections dying: the pool drops them and the next query connects anew. */
function createPool(url: string, onPoolError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Without a listener, an idle client's error is an 'error' event nobody handles: the process dies.
  pool.on('error', onPoolError);
  // So is the error of a client checked out between two queries (a transaction's) when the server
  // goes away (a restart: 57P01): its next query fails, the request gets its error page, and the
  // pool drops the client on release.
  pool.on('connect', (client) => client.on('error', onPoolError));
  return pool;
}

/** Kysely over PostgreSQL for postgres:// URLs, otherwise over a SQLite file (WAL). */
export function createDb(url: string, options: DbOptions = {}): Db {
  if (isPostgresUrl(url)) {
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(url, options.onPoolError ?? warnOnStderr) }) });
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  registerSqliteFunctions(sqlite);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

// Migrations are listed here (not read from a folder) so they run the same from src/ and dist/.
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_renewal': renewal,
  '0003_settings': settings,
  '0004_reregistration_hold': reregistrationHold,
  '0005_known_devices': knownDevices,
  '0006_outbox_sealed': outboxSealed,
  '0007_actors': actors,
  '0008_jobs': jobs,
  '0009_staff': staff,
  '0010_desk': desk,
  '0011_reminders': reminders,
  '0012_admin': admin,
  '0013_policy_status': policyStatus,
  '0014_api': api,
  '0015_webhooks': webhooks,
  '0016_processing': processing,
  '0017_agency_console': agencyConsole,
  '0018_temporary_passwords': temporaryPasswords,
  '0019_passkeys': passkeys,
  '0020_login_events': loginEvents,
  '0021_audit_append_only': auditAppendOnly,
  '0023_scale': scale,
  '0024_customer_locale': customerLocale,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Migrations this code knows that the database has not run (empty: the schema is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const known = await new Migrator({ db, provider }).getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/**
 * At start (serve, worker): migrates only when something is pending, so a run-time role without
 * DDL rights starts on a current schema (ASVS 13.2.2); when it cannot, the message says what to run.
 */
export async function migrateIfPending(db: Db): Promise<string[]> {
  if ((await pendingMigrations(db)).length === 0) return [];
  try {
    return await migrateToLatest(db);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message} (where DATABASE_URL's role may not change the schema, run \`keizoku migrate\` with MIGRATION_DATABASE_URL first)`);
  }
}

/**
 * Brings the schema up to date (or, for tests of a migration, up to `target`); throws on failure
 * so `keizoku migrate` exits non-zero.
 */
export async function migrateToLatest(db: Db, target?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`${failed ? `Migration ${failed.migrationName}` : 'Migration'} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
