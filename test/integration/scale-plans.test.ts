import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { countMatchingAgencies, findAgencies, listAgencies } from '../../src/features/agency-home/repository.js';
import { findAccountByUserId } from '../../src/features/login/repository.js';
import { findOwnPolicyDetails, findPolicyHolder, listOwnPolicies, findCustomer } from '../../src/features/policies/policy-query.js';
import { linkHolderPolicies } from '../../src/features/registration/repository.js';
import { findApplication, renewalFlowIds } from '../../src/features/renewal/repository.js';
import type { Database, Db } from '../../src/platform/db/database.js';
import { registerSqliteFunctions } from '../../src/platform/db/search-key.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

// Pages flat in table size (issue 14): with 20,000 policies over 5,000 agencies and 4,000 accounts,
// every hot query of the customer pages is answered from an index, on each dialect's own plan.
// The SQL is the repositories' own: each function runs on a Kysely that records what it sent.

// Thousands of agencies, as at a mid-sized insurer: with a few hundred PostgreSQL rightly reads the
// whole table (a handful of pages) rather than an index, whatever the query.
const AGENCIES = 5_000;
const POLICIES = 20_000;
const CUSTOMERS = 4_000;
/** The tables that grow with the insurer: a read that walks one of them grows with it. */
const BIG = ['policies', 'customers', 'agencies'];
const FAMILY = ['サトウ', 'スズキ', 'タカハシ', 'タナカ', 'イトウ', 'ワタナベ'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const birthDate = (i: number) => `${1950 + (i % 50)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`;

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

/** Multi-row inserts: agencies, accounts (each with two policies), then the policies. */
async function load(db: Db): Promise<void> {
  const at = new Date().toISOString();
  await inChunks(
    Array.from({ length: AGENCIES }, (_, i) => ({ code: `D${pad(i + 1, 4)}`, name: i % 2 ? `代理店${i + 1}` : `さくら保険${i + 1}株式会社`, created_at: at, updated_at: at })),
    (chunk) => db.insertInto('agencies').values(chunk).execute(),
  );
  await inChunks(
    Array.from({ length: CUSTOMERS }, (_, i) => ({
      id: `c${pad(i, 6)}`, user_id: `user${i}@example.com`, password_hash: 'x', family_name: '佐藤', given_name: '太郎', family_kana: FAMILY[i % 6]!, given_kana: 'タロウ',
      birth_date: birthDate(i), last_login_at: null, previous_login_at: null, created_at: at, updated_at: at, closed_at: null, suspended_at: null,
    })),
    (chunk) => db.insertInto('customers').values(chunk).execute(),
  );
  await inChunks(
    Array.from({ length: POLICIES }, (_, i) => ({
      policy_number: `P${pad(i, 9)}`, product: 'auto', holder_family_name: '佐藤', holder_given_name: '太郎', holder_family_kana: FAMILY[i % 6]!, holder_given_kana: 'タロウ',
      birth_date: birthDate(i), agency_code: `D${pad(1 + (i % AGENCIES), 4)}`, start_date: '2026-01-15', end_date: `2027-${pad(1 + (i % 12), 2)}-15`,
      status: 'in_force', customer_id: i < CUSTOMERS * 2 ? `c${pad(i % CUSTOMERS, 6)}` : null, created_at: at, updated_at: at,
    })),
    (chunk) => db.insertInto('policies').values(chunk).execute(),
  );
}

/** The customer pages' hot reads, each as its repository runs it. */
const HOT: Array<[string, (db: Db) => Promise<unknown>, 'limit'?]> = [
  ['home: the customer', (db) => findCustomer(db, 'c000123')],
  ['home: the policy list', (db) => listOwnPolicies(db, 'c000123')],
  ['renewal: the own policy', (db) => findOwnPolicyDetails(db, 'c000123', 'P000000123')],
  ['renewal: this term’s application', (db) => findApplication(db, 'P000000123', '2027-04-15')],
  ['renewal: the flows', (db) => renewalFlowIds(db, 'c000123')],
  ['registration: the policy number', (db) => findPolicyHolder(db, 'P000012345')],
  ['registration: the holder’s other policies', (db) => linkHolderPolicies(db, 'c999999', { familyName: '佐藤', givenName: '太郎', familyKana: 'タナカ', givenKana: 'タロウ', birthDate: '1960-01-01' }, new Date())],
  ['login: the account', (db) => findAccountByUserId(db, 'user42@example.com')],
  // The first 21 in code order: the primary key read in order, stopped by the LIMIT.
  ['top page: the short list', (db) => listAgencies(db, 21), 'limit'],
  ['agency finder: a page', (db) => findAgencies(db, '代理店12', 0, 20)],
  ['agency finder: the count', (db) => countMatchingAgencies(db, 'ｻｸﾗ保険11')],
  ['agency finder: by code', (db) => findAgencies(db, 'd03', 0, 20)],
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/** A dialect's view of one database: a Kysely that records what it sends, and that statement's plan. */
interface Planner {
  db: Db;
  sent: CompiledQuery[];
  /** Every table walked whole (Seq Scan / SCAN) among BIG, and the plan as text for the message. */
  walks(query: CompiledQuery, limited: boolean): Promise<{ walked: string[]; text: string }>;
  close(): Promise<void>;
}

/** The first column of a plain index (null for an expression index). */
async function leadingColumn(pool: pg.Pool, index: string): Promise<string | null> {
  const { rows } = await pool.query<{ name: string | null }>(
    'SELECT a.attname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE c.relname = $1',
    [index],
  );
  return rows[0]?.name ?? null;
}

function postgresPlanner(url: string): Planner {
  const sent: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (event) => void (event.level === 'query' && sent.push(event.query)) });
  return {
    db,
    sent,
    async walks(query, limited) {
      const { rows } = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]);
      const all = nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
      const walked = all.filter((n) => n['Node Type'] === 'Seq Scan' && BIG.includes(n['Relation Name'] ?? '')).map((n) => n['Relation Name']!);
      // An index read whose condition leaves the index's first column free walks the whole index.
      for (const n of all.filter((node) => node['Index Name'] && !limited)) {
        const leading = await leadingColumn(pool, n['Index Name']!);
        if (leading && !new RegExp(`\\b${leading}\\b`).test(n['Index Cond'] ?? '')) walked.push(`${n['Index Name']} (all of it)`);
      }
      return { walked, text: all.map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`).join('; ') };
    },
    close: () => db.destroy(),
  };
}

function sqlitePlanner(file: string): Planner {
  const sent: CompiledQuery[] = [];
  const raw = new SQLite(file);
  registerSqliteFunctions(raw);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: (event) => void (event.level === 'query' && sent.push(event.query)) });
  return {
    db,
    sent,
    async walks(query, limited) {
      const plan = raw.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])).map((row) => (row as { detail: string }).detail);
      // SCAN is the whole table (or index); a SEARCH over ANY(first column) skips through all of an index.
      const walked = plan.filter((line) => BIG.some((table) => new RegExp(`^(SCAN ${table}\\b|SEARCH ${table} .*\\(ANY\\()`).test(line)) && !(limited && / USING (COVERING )?INDEX /.test(line)));
      return { walked, text: plan.join('; ') };
    },
    close: () => db.destroy(),
  };
}

for (const kind of databaseKinds()) {
  describe(`hot queries of the customer pages read by index on ${kind}`, () => {
    let database: TestDatabase;
    let planner: Planner;
    before(async () => {
      database = await createTestDatabase(kind);
      await load(database.db);
      await sql`ANALYZE`.execute(database.db);
      planner = kind === 'postgres' ? postgresPlanner(database.url) : sqlitePlanner(database.url);
    });
    after(async () => {
      await planner.close();
      await database.drop();
    });

    it('the data is there: 20,000 policies over 5,000 agencies, 4,000 accounts', async () => {
      const count = async (table: 'policies' | 'agencies' | 'customers') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      assert.deepEqual([await count('policies'), await count('agencies'), await count('customers')], [POLICIES, AGENCIES, CUSTOMERS]);
    });

    for (const [label, read, limited] of HOT) {
      it(`${label}: no walk over ${BIG.join(', ')}`, async () => {
        planner.sent.length = 0;
        await read(planner.db);
        const statements = planner.sent.filter((q) => /^\s*(select|update|with)/i.test(q.sql));
        assert.ok(statements.length > 0, `${label} sent a statement`);
        for (const query of statements) {
          const { walked, text } = await planner.walks(query, limited === 'limit');
          assert.deepEqual(walked, [], `${label}: ${query.sql}\n${text}`);
        }
      });
    }

    it('the finder finds what the plans were asked about', async () => {
      // 代理店12 and 代理店120…129 and 代理店1200…1299 (even numbers): 1 + 5 + 50.
      assert.deepEqual((await findAgencies(planner.db, '代理店12', 0, 20)).map((a) => a.code).slice(0, 3), ['D0012', 'D0120', 'D1200']);
      assert.equal(await countMatchingAgencies(planner.db, '代理店12'), 56);
      // さくら保険11株式会社 … (odd numbers): 1 + 5 + 50 again.
      assert.equal(await countMatchingAgencies(planner.db, 'ｻｸﾗ保険11'), 56);
      assert.deepEqual((await findAgencies(planner.db, 'd03', 0, 20)).length, 20);
    });
  });
}
