import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, migrateToLatest, type Db, type DbOptions } from '../../src/platform/db/database.js';

export type DbKind = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (`.ci/run` sets it). */
export function databaseKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  url: string;
  db: Db;
  /** Another handle on the same database (a second instance, a CLI's view); drop() closes it first. */
  open(options?: DbOptions): Db;
  /** Closes every handle, then removes the database. */
  drop(): Promise<void>;
}

/** Every handle a test opened on one database, closed newest first. */
class Handles {
  private readonly open: Db[] = [];

  add(db: Db): Db {
    this.open.push(db);
    return db;
  }

  async closeAll(): Promise<void> {
    for (const db of this.open.splice(0).reverse()) await db.destroy();
  }
}

/**
 * A new, migrated database of its own: a temp SQLite file, or a fresh PostgreSQL database.
 * `migratedTo` stops at that migration (to test the ones after it on data in the old shape).
 */
export async function createTestDatabase(kind: DbKind = 'sqlite', migratedTo?: string): Promise<TestDatabase> {
  return kind === 'sqlite' ? createSqliteDatabase(migratedTo) : createPostgresDatabase(migratedTo);
}

async function createSqliteDatabase(migratedTo?: string): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-test-'));
  const url = join(dir, 'test.db');
  const handles = new Handles();
  const db = handles.add(createDb(url));
  await migrateToLatest(db, migratedTo);
  return {
    url,
    db,
    open: (options) => handles.add(createDb(url, options)),
    drop: async () => {
      await handles.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * pg's pool.end() resolves once it has asked its connections to close, not once they have: wait
 * for the server to see them gone, so that DROP … WITH (FORCE) never has to terminate one.
 */
async function waitForNoConnections(admin: pg.Client, name: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (Number(rows[0]?.n) === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function createPostgresDatabase(migratedTo?: string): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: start PostgreSQL and set it (see README, Testing)');
  const name = `keizoku_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handles = new Handles();
  const db = handles.add(createDb(url.toString()));
  await migrateToLatest(db, migratedTo);
  return {
    url: url.toString(),
    db,
    open: (options) => handles.add(createDb(url.toString(), options)),
    drop: async () => {
      await handles.closeAll();
      await withAdmin(adminUrl, async (admin) => {
        await waitForNoConnections(admin, name);
        // FORCE only for what outlived the wait (a killed CLI's backend); the pools' error listeners take that.
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}
