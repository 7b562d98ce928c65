import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../test/support/db.js';
import { createDb, type Db } from './database.js';

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function backendPid(db: Db): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  return Number(rows[0]?.pid);
}

/** Ends a connection from outside, as a server restart, a failover or DROP DATABASE … WITH (FORCE) does. */
async function terminate(from: Db, pid: number): Promise<void> {
  const { rows } = await sql<{ done: boolean }>`select pg_terminate_backend(${pid}) as done`.execute(from);
  assert.equal(rows[0]?.done, true, `backend ${pid} terminated`);
}

// PostgreSQL only (where TEST_DATABASE_URL is set, as in CI): SQLite has no pool to lose a connection.
for (const kind of databaseKinds().filter((k) => k === 'postgres')) {
  describe(`a ${kind} pool whose idle connection dies`, () => {
    let test: TestDatabase;
    before(async () => {
      test = await createTestDatabase('postgres');
    });
    after(async () => test.drop());

    it('reports the error instead of crashing the process, and the next query connects anew', async () => {
      const errors: Error[] = [];
      const db = test.open({ onPoolError: (error) => errors.push(error) });
      const pid = await backendPid(db); // The connection now sits idle in the pool.
      await terminate(test.db, pid);
      await until(() => errors.length > 0, 'the pool to notice');
      assert.match(errors[0]?.message ?? '', /terminating connection due to administrator command/);
      assert.notEqual(await backendPid(db), pid, 'a new connection');
    });

    it('warns on stderr when no one asked to be told', async () => {
      const db = createDb(test.url);
      const written: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = (chunk: string | Uint8Array): boolean => {
        written.push(String(chunk));
        return true;
      };
      try {
        const pid = await backendPid(db);
        await terminate(test.db, pid);
        await until(() => written.some((line) => line.includes('an idle database connection failed')), 'the warning');
        assert.equal(Number((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]?.one), 1);
      } finally {
        process.stderr.write = write;
        await db.destroy();
      }
    });
  });
}
