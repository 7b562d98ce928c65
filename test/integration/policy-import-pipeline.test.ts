import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { policyCsvLine } from '../../bench/support/policy-rows.js';
import { POLICY_COLUMNS } from '../../src/features/policy-import/columns.js';
import { importPolicies } from '../../src/features/policy-import/service.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

// PostgreSQL checks and merges each batch while it reads; SQLite after the whole file
// (docs/decisions/0024, addendum): the same answers on both, for repeats of repeats across
// batches, updates, and agencies created and renamed within and across batches.
const NOW = new Date('2026-11-25T03:00:00Z');
const number = (i: number) => `B${String(i).padStart(9, '0')}`;
const dir = mkdtempSync(join(tmpdir(), 'keizoku-import-pipeline-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csvFile(lines: string[]): string {
  const path = join(dir, `${(files += 1)}.csv`);
  writeFileSync(path, `${[POLICY_COLUMNS.join(','), ...lines].join('\n')}\n`);
  return path;
}
function row(i: number, changes: Record<string, string> = {}): string {
  const cells = policyCsvLine(i).split(',');
  for (const [column, value] of Object.entries(changes)) cells[POLICY_COLUMNS.indexOf(column as (typeof POLICY_COLUMNS)[number])] = value;
  return cells.join(',');
}

const LINES = [
  row(0, { agency_code: 'Z1', agency_name: '甲' }), // line 2
  row(1, { agency_code: 'Z1', agency_name: '乙' }),
  row(100), // an update
  row(0, { annual_premium: '1' }), // line 5: a repeat of line 2
  row(2, { agency_code: 'Z1', agency_name: '甲' }),
  row(3, { agency_code: 'D0001', agency_name: '新しい名前' }), // a rename of a stored agency
  row(0), // line 8: a repeat again
  row(4, { grade: '99' }),
  row(5, { agency_code: 'Z2', agency_name: '丙' }),
  row(6, { agency_code: 'Z1', agency_name: '丁' }),
];

for (const kind of databaseKinds()) {
  describe(`import-policies, batch by batch, on ${kind}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
      await importPolicies(database.db, csvFile([row(100)]), { now: NOW });
    });
    after(async () => database.drop());

    it('counts as if the whole file were read first, and --dry-run says the same', async () => {
      const file = csvFile(LINES);
      const expected = {
        inserted: 6,
        updated: 1,
        rejected: [
          { line: 5, reason: `policy_number: ${number(0)} already appears on line 2` },
          { line: 8, reason: `policy_number: ${number(0)} already appears on line 2` },
          { line: 9, reason: 'grade: "99" must be a whole number from 1 to 20' },
        ],
        agenciesCreated: 2,
        agenciesRenamed: 3,
        ignoredColumns: [],
      };
      assert.deepEqual(await importPolicies(database.db, file, { now: NOW, batchSize: 3, dryRun: true }), expected);
      assert.deepEqual(await importPolicies(database.db, file, { now: NOW, batchSize: 3 }), expected);
      const agencies = await database.db.selectFrom('agencies').select(['code', 'name']).where('code', 'in', ['Z1', 'Z2', 'D0001']).orderBy('code').execute();
      assert.deepEqual(agencies, [
        { code: 'D0001', name: '新しい名前' },
        { code: 'Z1', name: '丁' },
        { code: 'Z2', name: '丙' },
      ]);
      const stored = await database.db.selectFrom('policies').select(['policy_number', 'agency_code', 'annual_premium']).orderBy('policy_number').execute();
      assert.deepEqual(stored.map((p) => p.policy_number), [0, 1, 2, 3, 5, 6, 100].map(number));
      assert.equal(stored[0]?.annual_premium, 40_000, 'the first row of a repeated policy is the one stored');
    });
  });
}
