import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CsvFileError } from '../../src/features/policy-import/csv-file.js';
import { importPolicies } from '../../src/features/policy-import/service.js';
import { newId } from '../../src/platform/crypto.js';
import type { Db } from '../../src/platform/db/database.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

const SAMPLE = new URL('../../demo/policies.csv', import.meta.url);
const sample = readFileSync(SAMPLE, 'utf8');
const [HEADER = '', ...ROWS] = sample.trimEnd().split('\n');
const NOW = new Date('2026-11-25T03:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'keizoku-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csvFile(content: string | Buffer): string {
  const path = join(dir, `${(files += 1)}.csv`);
  writeFileSync(path, content);
  return path;
}

/** A sample row with some cells changed, by column name. */
function row(index: number, changes: Record<string, string> = {}): string {
  const columns = HEADER.split(',');
  const cells = (ROWS[index] ?? '').split(',');
  for (const [column, value] of Object.entries(changes)) cells[columns.indexOf(column)] = value;
  return cells.join(',');
}

const countPolicies = async (db: Db) => Number((await db.selectFrom('policies').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

async function linkCustomer(db: Db, policyNumber: string): Promise<string> {
  const id = newId();
  const at = NOW.toISOString();
  await db
    .insertInto('customers')
    .values({ id, user_id: `${id}@example.com`, password_hash: 'x', family_name: '三住', given_name: '太郎', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-01', last_login_at: null, previous_login_at: null, created_at: at, updated_at: at })
    .execute();
  await db.updateTable('policies').set({ customer_id: id, last_procedure_at: '2026-11-01T01:02:03.000Z' }).where('policy_number', '=', policyNumber).execute();
  return id;
}

for (const kind of databaseKinds()) {
  describe(`import-policies on ${kind}`, () => {
    let database: TestDatabase;
    let db: Db;
    before(async () => {
      database = await createTestDatabase(kind);
      db = database.db;
    });
    after(async () => database.drop());
    beforeEach(async () => {
      await db.deleteFrom('policies').execute();
      await db.deleteFrom('customers').execute();
      await db.deleteFrom('agency_news').execute();
      await db.deleteFrom('agencies').execute();
      await db.deleteFrom('audit_events').execute();
    });

    // The demo sample has a fifth policy since issue 10 (a registered holder whose 満期案内 the demo shows).
    it('imports the sample: 5 policies and 2 agencies, every column stored', async () => {
      const report = await importPolicies(db, SAMPLE.pathname, { now: NOW });
      assert.deepEqual(report, { inserted: 5, updated: 0, rejected: [], agenciesCreated: 2, agenciesRenamed: 0, ignoredColumns: [] });
      assert.deepEqual(await db.selectFrom('agencies').select(['code', 'name']).orderBy('code').execute(), [
        { code: 'D0001', name: 'みらい保険サービス有限会社' },
        { code: 'D0002', name: 'あおば保険事務所' },
      ]);
      const aoki = await db.selectFrom('policies').selectAll().where('policy_number', '=', 'C223344556').executeTakeFirstOrThrow();
      assert.deepEqual(
        { ...aoki, created_at: '', updated_at: '' },
        {
          policy_number: 'C223344556', product: 'auto', holder_family_name: '青木', holder_given_name: '由美', holder_family_kana: 'アオキ',
          holder_given_kana: 'ユミ', birth_date: '1990-06-30', email: 'yumi@example.com', phone: '045-123-4567', postal_code: '220-0012',
          address: '神奈川県横浜市西区みなとみらい2-2-2', agency_code: 'D0002', start_date: '2025-12-10', end_date: '2026-12-10',
          vehicle_model: 'フィット', vehicle_registration: '横浜 500 た 90-12', vehicle_class: 'small_private_car', grade: 6,
          accident_coefficient_years: 0, claims_this_term: 1, age_condition: '26', driver_scope: 'self_spouse', use_purpose: 'commute',
          bodily_injury: 'unlimited', property_damage: 'unlimited', personal_injury: '50000000', vehicle_coverage: 'none',
          vehicle_amount: null, vehicle_deductible: null, riders: 'lawyer', annual_premium: 72400, payment_method: 'convenience',
          status: 'in_force', customer_id: null, last_procedure_at: null, created_at: '', updated_at: '',
        },
      );
      assert.equal(aoki.created_at, NOW.toISOString());
      const nakamura = await db.selectFrom('policies').select(['email', 'riders']).where('policy_number', '=', 'C334455667').executeTakeFirstOrThrow();
      assert.deepEqual(nakamura, { email: null, riders: 'lawyer;personal_liability' });
      const audit = await db.selectFrom('audit_events').select(['kind', 'at', 'detail']).where('kind', '=', 'policies_imported').execute();
      assert.deepEqual(audit.map((a) => ({ ...a, detail: JSON.parse(a.detail) as unknown })), [
        { kind: 'policies_imported', at: NOW.toISOString(), detail: { file: SAMPLE.pathname, inserted: 5, updated: 0, rejected: 0, agenciesCreated: 2, agenciesRenamed: 0 } },
      ]);
    });

    it('re-imports as updates: changed premium and renamed agency, no duplicates, the customer link and last procedure kept', async () => {
      await importPolicies(db, SAMPLE.pathname, { now: NOW });
      const customerId = await linkCustomer(db, 'C123456789');
      const later = new Date(NOW.getTime() + 86_400_000);
      const changed = [HEADER, row(0, { annual_premium: '60100' }), row(1), row(2, { agency_name: 'あおば保険事務所株式会社' }), row(3)].join('\n');
      const report = await importPolicies(db, csvFile(changed), { now: later });
      assert.deepEqual(report, { inserted: 0, updated: 4, rejected: [], agenciesCreated: 0, agenciesRenamed: 1, ignoredColumns: [] });
      assert.equal(await countPolicies(db), 5, 'the fifth, not in the changed file, is kept');
      const policy = await db.selectFrom('policies').selectAll().where('policy_number', '=', 'C123456789').executeTakeFirstOrThrow();
      assert.equal(policy.annual_premium, 60100);
      assert.equal(policy.customer_id, customerId);
      assert.equal(policy.last_procedure_at, '2026-11-01T01:02:03.000Z');
      assert.equal(policy.created_at, NOW.toISOString());
      assert.equal(policy.updated_at, later.toISOString());
      const agency = await db.selectFrom('agencies').selectAll().where('code', '=', 'D0002').executeTakeFirstOrThrow();
      assert.equal(agency.name, 'あおば保険事務所株式会社');
      assert.equal(agency.created_at, NOW.toISOString());
      const unchanged = await db.selectFrom('agencies').select('updated_at').where('code', '=', 'D0001').executeTakeFirstOrThrow();
      assert.equal(unchanged.updated_at, NOW.toISOString(), 'an agency whose name did not change is left alone');
    });

    it('keeps the good rows of a file with bad ones and reports each bad row by its physical line', async () => {
      const content = [
        HEADER, // line 1
        row(0), // 2
        row(1, { birth_date: '1975-02-30' }), // 3
        '', // 4: blank lines are skipped but counted
        row(2, { address: '"神奈川県横浜市西区\nみなとみらい2-2-2"' }), // 5–6: a quoted line break
        row(3, { holder_family_kana: 'なかむら', grade: '25' }), // 7
        row(0, { annual_premium: '1' }), // 8: same policy number again
        'C999,auto,too,few', // 9
        row(3, { policy_number: 'ｃ３３４４５５６６７' }), // 10: the same as line 7 once normalised, and valid
      ].join('\r\n');
      const report = await importPolicies(db, csvFile(content), { now: NOW });
      assert.deepEqual(report.rejected, [
        { line: 3, reason: 'birth_date: "1975-02-30" is not a real date' },
        { line: 5, reason: 'address: must not contain line breaks, tabs or other control characters' },
        { line: 7, reason: 'holder_family_kana: "なかむら" must be full-width katakana; grade: "25" must be a whole number from 1 to 20' },
        { line: 8, reason: 'policy_number: C123456789 already appears on line 2' },
        { line: 9, reason: 'has 4 fields where the header has 33' },
      ]);
      assert.equal(report.inserted, 2);
      const stored = await db.selectFrom('policies').select(['policy_number', 'annual_premium']).orderBy('policy_number').execute();
      assert.deepEqual(stored, [
        { policy_number: 'C123456789', annual_premium: 58200 },
        { policy_number: 'C334455667', annual_premium: 89800 },
      ]);
      assert.deepEqual((await db.selectFrom('agencies').select('code').execute()).map((a) => a.code), ['D0001'], 'no agency from rejected rows');
    });

    it('commits in batches and counts across them', async () => {
      const content = [HEADER, row(0), row(1), row(2), row(3, { agency_name: '新しい名前' }), row(0, { policy_number: 'C1', agency_code: 'D0003', agency_name: '三号店' })].join('\n');
      const report = await importPolicies(db, csvFile(content), { now: NOW, batchSize: 2 });
      assert.deepEqual(report, { inserted: 5, updated: 0, rejected: [], agenciesCreated: 3, agenciesRenamed: 1, ignoredColumns: [] });
      assert.equal((await db.selectFrom('agencies').select('name').where('code', '=', 'D0001').executeTakeFirstOrThrow()).name, '新しい名前');
    });

    it('reads columns by their header names, in any order, and ignores and names unknown ones', async () => {
      const columns = HEADER.split(',');
      const cells = (ROWS[0] ?? '').split(',');
      const order = columns.map((_, i) => i).reverse();
      const content = [` Memo ,${order.map((i) => columns[i]?.toUpperCase()).join(',')}`, `x,${order.map((i) => cells[i]).join(',')}`].join('\n');
      const report = await importPolicies(db, csvFile(content), { now: NOW });
      assert.deepEqual(report.ignoredColumns, ['memo']);
      assert.equal(report.inserted, 1);
      const policy = await db.selectFrom('policies').select(['policy_number', 'grade']).executeTakeFirstOrThrow();
      assert.deepEqual(policy, { policy_number: 'C123456789', grade: 14 });
    });

    it('accepts a BOM and just the required columns', async () => {
      const content = '\uFEFFpolicy_number,holder_family_name,holder_given_name,holder_family_kana,holder_given_kana,birth_date,agency_code,agency_name,start_date,end_date\n' +
        'C1,山田,花子,ﾔﾏﾀﾞ,ﾊﾅｺ,1980-04-01,D0009,テスト代理店,2026-04-01,2027-04-01\n';
      const report = await importPolicies(db, csvFile(content), { now: NOW });
      assert.equal(report.inserted, 1);
      const policy = await db.selectFrom('policies').select(['product', 'holder_family_kana', 'vehicle_class']).executeTakeFirstOrThrow();
      assert.deepEqual(policy, { product: 'auto', holder_family_kana: 'ヤマダ', vehicle_class: null });
    });

    it('imports nothing from a file without a required header column, that is not UTF-8, or is malformed further down', async () => {
      const noKana = [HEADER.replace('holder_given_kana,', ''), row(0).replace(',タロウ,', ',')].join('\n');
      await assert.rejects(importPolicies(db, csvFile(noKana), { now: NOW }), (e: unknown) => e instanceof CsvFileError && /lacks the required column holder_given_kana$/.test(e.message));
      const noAgency = [HEADER.replace('agency_code,agency_name,', ''), ''].join('\n');
      await assert.rejects(importPolicies(db, csvFile(noAgency), { now: NOW }), /lacks the required columns agency_code, agency_name/);
      const shiftJis = Buffer.concat([Buffer.from([HEADER, row(0), row(1), ''].join('\n')), Buffer.from([0x8e, 0x4f, 0x8f, 0x5a, 0x0a])]);
      await assert.rejects(importPolicies(db, csvFile(shiftJis), { now: NOW }), /not UTF-8 text \(first bad byte on line 4\)/);
      const unclosed = [HEADER, row(0), row(1), `${row(2)},"`].join('\n');
      await assert.rejects(importPolicies(db, csvFile(unclosed), { now: NOW }), /line 4: malformed CSV/);
      await assert.rejects(importPolicies(db, csvFile(''), { now: NOW }), /is empty: expected a header row/);
      await assert.rejects(importPolicies(db, csvFile(`${HEADER.replace('product', 'email')}\n${row(0)}\n`), { now: NOW }), /header repeats email/);
      assert.equal(await countPolicies(db), 0);
    });

    it('takes a header-only file as nothing to do', async () => {
      assert.deepEqual(await importPolicies(db, csvFile(`${HEADER}\n`), { now: NOW }), { inserted: 0, updated: 0, rejected: [], agenciesCreated: 0, agenciesRenamed: 0, ignoredColumns: [] });
    });
  });
}
