import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { policyCsvLine } from '../../bench/support/policy-rows.js';
import { POLICY_COLUMNS } from '../../src/features/policy-import/columns.js';
import { importPolicies, type ImportProgress } from '../../src/features/policy-import/service.js';
import type { Db } from '../../src/platform/db/database.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

// The staged write path (issue 14): batches, their boundaries, duplicates across them, --dry-run, streaming.
const NOW = new Date('2026-11-25T03:00:00Z');
const HEADER = POLICY_COLUMNS.join(',');
const number = (i: number) => `B${String(i).padStart(9, '0')}`;

const dir = mkdtempSync(join(tmpdir(), 'keizoku-import-batches-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csvFile(lines: string[]): string {
  const path = join(dir, `${(files += 1)}.csv`);
  writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
  return path;
}

/** Generated row i with some cells changed by column name. */
function row(i: number, changes: Record<string, string> = {}): string {
  const cells = policyCsvLine(i).split(',');
  for (const [column, value] of Object.entries(changes)) cells[POLICY_COLUMNS.indexOf(column as (typeof POLICY_COLUMNS)[number])] = value;
  return cells.join(',');
}

async function tables(db: Db) {
  return {
    policies: await db.selectFrom('policies').selectAll().orderBy('policy_number').execute(),
    agencies: await db.selectFrom('agencies').selectAll().orderBy('code').execute(),
    audit: await db.selectFrom('audit_events').selectAll().orderBy('id').execute(),
  };
}

for (const kind of databaseKinds()) {
  describe(`import-policies in batches on ${kind}`, () => {
    let database: TestDatabase;
    let db: Db;
    before(async () => {
      database = await createTestDatabase(kind);
      db = database.db;
    });
    after(async () => database.drop());
    beforeEach(async () => {
      await db.deleteFrom('policies').execute();
      await db.deleteFrom('agency_news').execute();
      await db.deleteFrom('agencies').execute();
      await db.deleteFrom('audit_events').execute();
    });

    it('stores batch size + 1 rows, keeps the first of a policy repeated across the boundary, and a bad row in the middle blocks no other', async () => {
      // Batches of 4: lines 2–5 are the first, 6–7 the second.
      const lines = [row(0), row(1), row(2, { grade: '25' }), row(3), row(4), row(5), row(0, { annual_premium: '1' })];
      const report = await importPolicies(db, csvFile(lines), { now: NOW, batchSize: 4 });
      assert.deepEqual(report.rejected, [
        { line: 4, reason: 'grade: "25" must be a whole number from 1 to 20' },
        { line: 8, reason: `policy_number: ${number(0)} already appears on line 2` },
      ]);
      assert.equal(report.inserted, 5);
      const stored = await db.selectFrom('policies').select(['policy_number', 'annual_premium']).orderBy('policy_number').execute();
      assert.deepEqual(stored.map((p) => p.policy_number), [0, 1, 3, 4, 5].map(number));
      assert.equal(stored[0]?.annual_premium, 40_000, 'the first row of the repeated policy is the one stored');
    });

    it('counts updates across batches on a second import of the same file, and writes one audit event per import', async () => {
      const file = csvFile(Array.from({ length: 11 }, (_, i) => row(i)));
      assert.equal((await importPolicies(db, file, { now: NOW, batchSize: 5 })).inserted, 11);
      const again = await importPolicies(db, file, { now: NOW, batchSize: 5 });
      assert.deepEqual([again.inserted, again.updated, again.rejected.length], [0, 11, 0]);
      const events = await db.selectFrom('audit_events').select('kind').execute();
      assert.deepEqual(events.map((e) => e.kind), ['policies_imported', 'policies_imported']);
    });

    it('--dry-run reports what it would do and leaves every table as it was', async () => {
      await importPolicies(db, csvFile([row(0), row(1)]), { now: NOW });
      const before = await tables(db);
      const lines = [row(0, { annual_premium: '99999' }), row(1), row(2), row(3, { birth_date: '1975-02-30' }), row(2), row(60, { agency_code: 'Z0001', agency_name: '新しい代理店' })];
      const report = await importPolicies(db, csvFile(lines), { now: NOW, dryRun: true, batchSize: 2 });
      assert.deepEqual(report, {
        inserted: 2,
        updated: 2,
        rejected: [
          { line: 5, reason: 'birth_date: "1975-02-30" is not a real date' },
          { line: 6, reason: `policy_number: ${number(2)} already appears on line 4` },
        ],
        agenciesCreated: 2,
        agenciesRenamed: 0,
        ignoredColumns: [],
      });
      assert.deepEqual(await tables(db), before);
    });

    it('streams the file: rows are read and reported while the rest has not been written yet', async () => {
      const fifo = join(dir, `fifo-${kind}`);
      execFileSync('mkfifo', [fifo]);
      const seen: ImportProgress[] = [];
      let firstThousand: () => void = () => undefined;
      const readThousand = new Promise<void>((resolve) => (firstThousand = resolve));
      const importing = importPolicies(db, fifo, {
        now: NOW,
        onProgress: (p) => {
          seen.push(p);
          if (p.read >= 1000) firstThousand();
        },
      });
      const writer = createWriteStream(fifo);
      writer.write(`${HEADER}\n${Array.from({ length: 1500 }, (_, i) => row(i)).join('\n')}\n`);
      // The writer still holds the pipe open: a reader of the whole file would wait here for ever.
      await readThousand;
      assert.equal(seen[0]?.read, 1000);
      writer.end(`${Array.from({ length: 500 }, (_, i) => row(1500 + i)).join('\n')}\n`);
      const report = await importing;
      assert.equal(report.inserted, 2000);
      assert.deepEqual(seen.at(-1), { read: 2000, rejected: 0 });
    });
  });
}
