// Measures `import-policies` on a generated file: node --import tsx bench/import-policies.ts [rows]
// SQLite always (a temp file); PostgreSQL too when TEST_DATABASE_URL is set (a scratch database).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POLICY_COLUMNS } from '../src/features/policy-import/columns.js';
import { importPolicies } from '../src/features/policy-import/service.js';
import { createTestDatabase, databaseKinds } from '../test/support/db.js';
import { policyCsvLine } from './support/policy-rows.js';

const rows = Number(process.argv[2] ?? 50_000);

const dir = mkdtempSync(join(tmpdir(), 'keizoku-bench-'));
const file = join(dir, 'policies.csv');
const lines = [POLICY_COLUMNS.join(',')];
for (let i = 0; i < rows; i += 1) lines.push(policyCsvLine(i));
writeFileSync(file, `${lines.join('\n')}\n`);
console.log(`import-policies: ${rows} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB, node ${process.version}`);

try {
  for (const kind of databaseKinds()) {
    const database = await createTestDatabase(kind);
    try {
      for (const pass of ['insert', 'update'] as const) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        const report = await importPolicies(database.db, file, { now: new Date() });
        const seconds = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        const cpuSeconds = (used.user + used.system) / 1e6;
        const done = pass === 'insert' ? report.inserted : report.updated;
        if (done !== rows || report.rejected.length) throw new Error(`expected ${rows} rows to ${pass}, got ${JSON.stringify({ ...report, rejected: report.rejected.slice(0, 3) })}`);
        // CPU time of this process too: on a busy machine the wall time says more about the neighbours.
        console.log(`  ${kind.padEnd(8)} ${pass}: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU in node (${Math.round(rows / seconds)} rows/s)`);
      }
    } finally {
      await database.drop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
