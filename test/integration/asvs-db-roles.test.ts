import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { recordAudit } from '../../src/platform/auth/audit.js';
import { createDb, migrateIfPending, type Db } from '../../src/platform/db/database.js';
import { purgeExpired } from '../../src/platform/retention/purge.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

// ASVS 5.0 V16.4.2 (audit events cannot be changed: migration 0021) on both dialects, and V13.2.1/
// V13.2.2 on PostgreSQL: the service runs as a role that may read and write rows but not change the
// schema, while `keizoku migrate` uses MIGRATION_DATABASE_URL's (docs/operations.md, "Database roles").

const NOW = new Date('2026-12-01T01:00:00.000Z');
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const event = (id: string, at: string) => ({ id, at, kind: 'login_succeeded', actor_kind: null, actor_id: null, customer_id: null, subject_kind: null, subject_id: null, ip: null, detail: '{}' });

for (const kind of databaseKinds()) {
  describe(`audit events append-only on ${kind}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(async () => database.drop());

    it('16.4.2: an audit event cannot be updated, not even one column; the purge still deletes what AUDIT_RETENTION lets go', async () => {
      const { db } = database;
      await db.insertInto('audit_events').values([event('old', '2018-01-01T00:00:00.000Z'), event('new', NOW.toISOString())]).execute();
      await assert.rejects(db.updateTable('audit_events').set({ detail: '{"rewritten":true}' }).where('id', '=', 'new').execute(), /audit_events is append-only/);
      await assert.rejects(db.updateTable('audit_events').set({ at: '2000-01-01T00:00:00.000Z' }).execute(), /audit_events is append-only/);
      const rows = await db.selectFrom('audit_events').select(['id', 'detail', 'at']).orderBy('id').execute();
      assert.deepEqual(rows, [{ id: 'new', detail: '{}', at: NOW.toISOString() }, { id: 'old', detail: '{}', at: '2018-01-01T00:00:00.000Z' }]);
      const counts = await purgeExpired({ db, clock: new ManualClock(NOW), log: silent, auditRetention: { amount: 7, unit: 'years' } });
      assert.equal(counts.auditEvents, 1);
      assert.deepEqual((await db.selectFrom('audit_events').select('id').execute()).map((r) => r.id), ['new']);
    });

    if (kind === 'postgres') {
      it('16.4.2: TRUNCATE is refused too', async () => {
        await assert.rejects(sql`TRUNCATE audit_events`.execute(database.db), /audit_events is append-only/);
      });
    }
  });
}

if (databaseKinds().includes('postgres')) {
  describe('separate migration and run-time roles on postgres', () => {
    let database: TestDatabase;
    let runtime: Db;
    const role = `keizoku_rt_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = async (text: string) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    };
    let runtimeUrl = '';
    before(async () => {
      database = await createTestDatabase('postgres');
      const name = new URL(database.url).pathname.slice(1);
      // The run-time role as docs/operations.md sets it up: rows, not schema.
      await admin(`CREATE ROLE ${role} LOGIN; GRANT CONNECT ON DATABASE ${name} TO ${role}; GRANT USAGE ON SCHEMA public TO ${role};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}; GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role};
        REVOKE CREATE ON SCHEMA public FROM PUBLIC; REVOKE INSERT, UPDATE, DELETE ON kysely_migration, kysely_migration_lock FROM ${role}`);
      const url = new URL(database.url);
      url.username = role;
      runtimeUrl = url.toString();
      runtime = createDb(runtimeUrl);
    });
    after(async () => {
      await runtime.destroy();
      await database.drop();
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP ROLE IF EXISTS ${role}`);
      await client.end();
    });

    it('13.2.2: the service starts and answers as the run-time role on a current schema (no DDL at start)', async () => {
      assert.deepEqual(await migrateIfPending(runtime), []);
      const config = loadConfig({ DATABASE_URL: runtimeUrl, MAINTENANCE_WINDOWS: 'none', RENEWAL_REMINDER_DAYS: 'none', JOBS: 'off' });
      const { app } = await buildApp({ config, db: runtime });
      try {
        const ready = await app.inject({ method: 'GET', url: '/readyz' });
        assert.equal(ready.statusCode, 200, ready.body);
        assert.equal((await app.inject({ method: 'GET', url: '/login' })).statusCode, 200);
      } finally {
        await app.close().catch(() => undefined);
      }
      await recordAudit(runtime, NOW, { kind: 'login_succeeded', actor: null });
      assert.equal((await runtime.selectFrom('audit_events').select('id').execute()).length, 1, 'rows it may write');
    });

    it('13.2.1/13.2.2: the run-time role cannot DROP, ALTER or CREATE a table, nor rewrite an audit event', async () => {
      await assert.rejects(sql`DROP TABLE customers`.execute(runtime), /must be owner of table customers/);
      await assert.rejects(sql`ALTER TABLE customers ADD COLUMN extra text`.execute(runtime), /must be owner of table customers/);
      await assert.rejects(sql`CREATE TABLE stolen (value text)`.execute(runtime), /permission denied for schema public/);
      await assert.rejects(sql`DROP TRIGGER audit_events_no_update ON audit_events`.execute(runtime), /must be owner of (table|relation) audit_events/);
      await assert.rejects(runtime.updateTable('audit_events').set({ detail: '{}' }).execute(), /audit_events is append-only/);
      // The migration role (the owner) still can: what MIGRATION_DATABASE_URL is for.
      await sql`ALTER TABLE customers ADD COLUMN extra text`.execute(database.db);
      await sql`ALTER TABLE customers DROP COLUMN extra`.execute(database.db);
    });
  });
}

describe('keizoku migrate and MIGRATION_DATABASE_URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-migrate-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('13.2.2: keizoku migrate changes the schema through MIGRATION_DATABASE_URL, not DATABASE_URL', async () => {
    const runtime = join(dir, 'runtime', 'keizoku.db');
    const owner = join(dir, 'owner', 'keizoku.db');
    const result = await runCli(['migrate'], { DATABASE_URL: runtime, MIGRATION_DATABASE_URL: owner });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^applied: 0001_initial.*0021_audit_append_only/s);
    assert.equal(existsSync(owner), true);
    assert.equal(existsSync(runtime), false, 'the run-time URL was not touched');
  });
});
