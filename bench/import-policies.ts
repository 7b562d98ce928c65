// Measures `import-policies` on a generated file: node --import tsx bench/import-policies.ts [rows]
// SQLite always (a temp file); PostgreSQL too when TEST_DATABASE_URL is set (a scratch database).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POLICY_COLUMNS } from '../src/features/policy-import/columns.js';
import { importPolicies } from '../src/features/policy-import/service.js';
import { createTestDatabase, databaseKinds } from '../test/support/db.js';

const rows = Number(process.argv[2] ?? 50_000);

const FAMILY: ReadonlyArray<readonly [string, string]> = [['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ']];
const GIVEN: ReadonlyArray<readonly [string, string]> = [['太郎', 'タロウ'], ['花子', 'ハナコ'], ['健', 'ケン'], ['由美', 'ユミ'], ['翔太', 'ショウタ'], ['陽子', 'ヨウコ']];
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid row of every column, varied by `i`. */
function policyRow(i: number): string {
  const [family, familyKana] = pick(FAMILY, i);
  const [given, givenKana] = pick(GIVEN, Math.floor(i / 7));
  const agency = 1 + (i % 50);
  const month = 1 + (i % 12);
  const covered = i % 4 !== 0;
  const values: Record<string, string> = {
    policy_number: `B${pad(i, 9)}`,
    product: 'auto',
    holder_family_name: family,
    holder_given_name: given,
    holder_family_kana: familyKana,
    holder_given_kana: givenKana,
    birth_date: `${1950 + (i % 50)}-${pad(month, 2)}-${pad(1 + (i % 28), 2)}`,
    email: i % 3 ? `user${i}@example.com` : '',
    phone: `03-${pad(i % 10000, 4)}-${pad((i * 7) % 10000, 4)}`,
    postal_code: `${pad(100 + (i % 900), 3)}-${pad(i % 10000, 4)}`,
    address: `東京都千代田区丸の内${1 + (i % 3)}-${1 + (i % 9)}-${1 + (i % 20)}`,
    agency_code: `D${pad(agency, 4)}`,
    agency_name: `代理店${agency}`,
    start_date: `2026-${pad(month, 2)}-15`,
    end_date: `2027-${pad(month, 2)}-15`,
    vehicle_model: 'プリウス',
    vehicle_registration: `品川 300 さ ${pad(i % 100, 2)}-${pad(i % 97, 2)}`,
    vehicle_class: pick(['private_car', 'small_private_car', 'kei_car'], i),
    grade: String(1 + (i % 20)),
    accident_coefficient_years: String(i % 7),
    claims_this_term: String(i % 2),
    age_condition: pick(['all', '21', '26', '35'], i),
    driver_scope: pick(['any', 'family', 'self_spouse', 'self'], i),
    use_purpose: pick(['leisure', 'commute', 'business'], i),
    bodily_injury: 'unlimited',
    property_damage: 'unlimited',
    personal_injury: i % 5 ? '30000000' : 'none',
    vehicle_coverage: covered ? pick(['general', 'limited'], i) : 'none',
    vehicle_amount: covered ? String(1_000_000 + (i % 30) * 100_000) : '',
    vehicle_deductible: covered ? '5-10' : '',
    riders: pick(['lawyer;road_assistance', '', 'lawyer', 'personal_liability;family_bike'], i),
    annual_premium: String(40_000 + (i % 500) * 100),
    payment_method: pick(['bank', 'card', 'convenience'], i),
  };
  return POLICY_COLUMNS.map((c) => values[c] ?? '').join(',');
}

const dir = mkdtempSync(join(tmpdir(), 'keizoku-bench-'));
const file = join(dir, 'policies.csv');
const lines = [POLICY_COLUMNS.join(',')];
for (let i = 0; i < rows; i += 1) lines.push(policyRow(i));
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
