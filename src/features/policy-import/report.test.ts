import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitCodeOf, formatReport } from './report.js';
import type { ImportReport } from './service.js';

const clean: ImportReport = { inserted: 3, updated: 1, rejected: [], agenciesCreated: 2, agenciesRenamed: 0, ignoredColumns: [] };

describe('the import report', () => {
  it('prints the counts and exits 0 when every row was stored', () => {
    assert.deepEqual(formatReport(clean, 'p.csv'), ['p.csv: inserted 3, updated 1, rejected 0 (agencies created 2, renamed 0)']);
    assert.equal(exitCodeOf(clean), 0);
  });

  it('lists every rejected row with its line and reason, then the counts, and exits 1', () => {
    const report: ImportReport = {
      ...clean,
      rejected: [
        { line: 3, reason: 'birth_date: "1975-02-30" is not a real date' },
        { line: 7, reason: 'policy_number: C1 already appears on line 2' },
      ],
      ignoredColumns: ['memo'],
    };
    assert.deepEqual(formatReport(report, 'p.csv'), [
      'line 3: birth_date: "1975-02-30" is not a real date',
      'line 7: policy_number: C1 already appears on line 2',
      'ignored columns (not in the policies CSV format): memo',
      'p.csv: inserted 3, updated 1, rejected 2 (agencies created 2, renamed 0)',
    ]);
    assert.equal(exitCodeOf(report), 1);
  });
});
