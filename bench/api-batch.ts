// Policies pushed per second through POST /api/v1/policies/batch (1,000 a request, over real HTTP)
// against the CSV import of the same rows: node --import tsx bench/api-batch.ts [rows]
// PostgreSQL when TEST_DATABASE_URL is set (the case that matters: several instances), else SQLite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addApiClient } from '../src/features/api-clients/service.js';
import { POLICY_COLUMNS } from '../src/features/policy-import/columns.js';
import { importPolicies } from '../src/features/policy-import/service.js';
import { startTestApp } from '../test/support/app.js';
import { createTestDatabase } from '../test/support/db.js';
import { policyCsvLine, policyJson } from './support/policy-rows.js';

const rows = Number(process.argv[2] ?? 10_000);
const BATCH = 1000;
const kind = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

async function pushThroughApi(): Promise<number> {
  const t = await startTestApp({ db: kind, env: { API_RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' } });
  try {
    const client = await addApiClient(t.deps.db, new Date(), 'bench', 'policies:write');
    if (!client.ok) throw new Error(client.problem);
    const tokenAnswer = await fetch(`${t.baseUrl}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    });
    const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
    const bodies: string[] = [];
    for (let start = 0; start < rows; start += BATCH) {
      bodies.push(JSON.stringify({ policies: Array.from({ length: Math.min(BATCH, rows - start) }, (_, k) => policyJson(start + k)) }));
    }
    const started = performance.now();
    for (const body of bodies) {
      const answer = await fetch(`${t.baseUrl}/api/v1/policies/batch`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
      const { results } = (await answer.json()) as { results: Array<{ result: string; errors?: unknown }> };
      const bad = results.find((r) => r.result !== 'created');
      if (answer.status !== 200 || bad) throw new Error(`batch answered ${answer.status}: ${JSON.stringify(bad)}`);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await t.close();
  }
}

async function importCsv(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-bench-'));
  const database = await createTestDatabase(kind);
  try {
    const file = join(dir, 'policies.csv');
    writeFileSync(file, `${[POLICY_COLUMNS.join(','), ...Array.from({ length: rows }, (_, i) => policyCsvLine(i))].join('\n')}\n`);
    const started = performance.now();
    const report = await importPolicies(database.db, file, { now: new Date() });
    if (report.inserted !== rows) throw new Error(`CSV import stored ${report.inserted} of ${rows}`);
    return (performance.now() - started) / 1000;
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`api-batch: ${rows} new policies on ${kind}, batches of ${BATCH}, node ${process.version}`);
const api = await pushThroughApi();
const csv = await importCsv();
console.log(`  API batch  ${api.toFixed(2)} s (${Math.round(rows / api)} policies/s; one transaction and audit event per policy)`);
console.log(`  CSV import ${csv.toFixed(2)} s (${Math.round(rows / csv)} policies/s; 500 rows a transaction)`);
console.log(`  API / CSV: ${(csv / api).toFixed(2)} of the CSV import's rate`);
