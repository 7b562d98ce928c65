import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database, Db } from '../../platform/db/database.js';
import type { PolicyRow } from './row.js';

/**
 * The staging table: valid rows of one import (or one API batch), written in large batches on one
 * connection, checked (duplicates, what exists) and then merged into policies with one
 * `INSERT … SELECT … ON CONFLICT` a chunk. A temporary table: other sessions never see it, and
 * it goes with the connection (docs/decisions/0024).
 */
export interface StagedRow {
  /** Order of staging, 1, 2, 3…: the merge goes by ranges of it. */
  seq: number;
  /** The CSV line (or the API item's index) the row came from. */
  line: number;
  policy: PolicyRow;
  agencyName: string;
}

type StagingTable = { policy_import_rows: PolicyRow & { seq: number; line: number; agency_name: string } };
const staging = (db: Db): Kysely<Database & StagingTable> => db.withTables<StagingTable>();

const TABLE = 'policy_import_rows';

// Every column the CSV gives, in PolicyRow's shape; integers are typed for PostgreSQL's unnest.
export const ROW_COLUMNS = [
  'policy_number', 'product', 'holder_family_name', 'holder_given_name', 'holder_family_kana', 'holder_given_kana', 'birth_date',
  'email', 'phone', 'postal_code', 'address', 'agency_code', 'start_date', 'end_date', 'vehicle_model', 'vehicle_registration',
  'vehicle_class', 'grade', 'accident_coefficient_years', 'claims_this_term', 'age_condition', 'driver_scope', 'use_purpose',
  'bodily_injury', 'property_damage', 'personal_injury', 'vehicle_coverage', 'vehicle_amount', 'vehicle_deductible', 'riders',
  'annual_premium', 'payment_method', 'status',
] as const satisfies ReadonlyArray<keyof PolicyRow>;
const INTEGER_COLUMNS: ReadonlySet<string> = new Set(['grade', 'accident_coefficient_years', 'claims_this_term', 'vehicle_amount', 'annual_premium']);

// Customer's own columns and created_at are never overwritten by an import.
const KEPT_ON_UPDATE: ReadonlySet<string> = new Set(['policy_number']);

// 36 values a row: 900 rows stay under SQLite's 32,766 bound variables per statement.
const SQLITE_ROWS_PER_STATEMENT = 900;

export const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Runs `work` on one connection with an empty staging table, dropped afterwards. Everything in
 * `work` must use the Db it is given (on SQLite the outer handle would wait on itself).
 */
export async function withStaging<T>(db: Db, work: (conn: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`drop table if exists ${sql.table(TABLE)}`.execute(conn);
    // The same column types as policies, no constraints: checks are the import's, not the table's.
    await sql`create temporary table ${sql.table(TABLE)} as select ${sql.join(ROW_COLUMNS.map((c) => sql.ref(c)))} from policies where 1 = 0`.execute(conn);
    await sql`alter table ${sql.table(TABLE)} add column seq integer`.execute(conn);
    await sql`alter table ${sql.table(TABLE)} add column line integer`.execute(conn);
    await sql`alter table ${sql.table(TABLE)} add column agency_name text`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`drop table if exists ${sql.table(TABLE)}`.execute(conn);
    }
  });
}

// A text element of a PostgreSQL array literal: quoted, its backslashes and quotes escaped; null is NULL.
const NEEDS_ESCAPE = /["\\]/;
const textElement = (value: string | number | null): string => {
  if (value === null) return 'NULL';
  const text = String(value);
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`;
};
const integerElement = (value: string | number | null): string => (value === null ? 'NULL' : String(value));

/**
 * One column of the rows as an array literal (`{"a","b",NULL}`), built in one pass: pg's own
 * conversion of a JavaScript array goes through prepareValue and two replaces per element, a
 * tenth of the import's CPU at a million rows (docs/decisions/0024, addendum).
 */
export function arrayLiteral(values: ReadonlyArray<string | number | null>, integer: boolean): string {
  const element = integer ? integerElement : textElement;
  let out = '{';
  for (let i = 0; i < values.length; i += 1) out += (i ? ',' : '') + element(values[i] ?? null);
  return `${out}}`;
}

function columnLiteral(rows: readonly StagedRow[], column: (typeof ROW_COLUMNS)[number]): string {
  const values = new Array<string | number | null>(rows.length);
  for (let i = 0; i < rows.length; i += 1) values[i] = rows[i]!.policy[column];
  return arrayLiteral(values, INTEGER_COLUMNS.has(column));
}

/** Appends rows: on PostgreSQL one statement of 36 arrays (unnest), on SQLite a transaction of large multi-row inserts. */
export async function stageRows(conn: Db, rows: readonly StagedRow[]): Promise<void> {
  if (!rows.length) return;
  if (isPostgres(conn)) {
    const arrays = [
      sql`${arrayLiteral(rows.map((r) => r.seq), true)}::integer[]`,
      sql`${arrayLiteral(rows.map((r) => r.line), true)}::integer[]`,
      sql`${arrayLiteral(rows.map((r) => r.agencyName), false)}::text[]`,
      ...ROW_COLUMNS.map((c) => sql`${columnLiteral(rows, c)}::${sql.raw(INTEGER_COLUMNS.has(c) ? 'integer' : 'text')}[]`),
    ];
    const columns = ['seq', 'line', 'agency_name', ...ROW_COLUMNS].map((c) => sql.ref(c));
    await sql`insert into ${sql.table(TABLE)} (${sql.join(columns)}) select * from unnest(${sql.join(arrays)})`.execute(conn);
    return;
  }
  await staging(conn).transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT);
      await trx.insertInto(TABLE).values(chunk.map((r) => ({ ...r.policy, seq: r.seq, line: r.line, agency_name: r.agencyName }))).execute();
    }
  });
}

/** Indexes the staged rows (once, after the last append) for the checks and the merge. */
export async function indexStaged(conn: Db): Promise<void> {
  await sql`create index policy_import_rows_by_seq on ${sql.table(TABLE)} (seq)`.execute(conn);
  await sql`analyze ${sql.table(TABLE)}`.execute(conn);
}

/**
 * PostgreSQL's pipelined import (the rows are checked and merged a batch at a time while the file
 * is read): the indexes exist from the start, for each batch's range and its repeats.
 */
export async function indexStagingUpFront(conn: Db): Promise<void> {
  await sql`create index policy_import_rows_by_seq on ${sql.table(TABLE)} (seq)`.execute(conn);
  await sql`create index policy_import_rows_by_number on ${sql.table(TABLE)} (policy_number, line)`.execute(conn);
}

export interface SeqRange {
  /** Exclusive. */
  from: number;
  /** Inclusive. */
  to: number;
}

export interface Duplicate {
  seq: number;
  line: number;
  policyNumber: string;
  firstLine: number;
}

/** Rows whose policy number an earlier staged row already has (the first one wins), in line order. */
export async function stagedDuplicates(conn: Db): Promise<Duplicate[]> {
  const rows = await sql<{ seq: number; line: number; policy_number: string; first_line: number }>`
    select seq, line, policy_number, first_line
    from (select seq, line, policy_number, min(line) over (partition by policy_number) as first_line from ${sql.table(TABLE)}) ranked
    where line > first_line
    order by line`.execute(conn);
  return rows.rows.map((r) => ({ seq: Number(r.seq), line: Number(r.line), policyNumber: r.policy_number, firstLine: Number(r.first_line) }));
}

/**
 * The rows of one staged range whose policy number a row staged before them (in an earlier range
 * or earlier in this one) already has: the same answer as stagedDuplicates, a range at a time.
 */
export async function stagedDuplicatesIn(conn: Db, range: SeqRange): Promise<Duplicate[]> {
  const rows = await sql<{ seq: number; line: number; policy_number: string; first_line: number }>`
    select c.seq, c.line, c.policy_number, f.first_line
    from ${sql.table(TABLE)} c
    cross join lateral (select min(s.line) as first_line from ${sql.table(TABLE)} s where s.policy_number = c.policy_number) f
    where c.seq > ${range.from} and c.seq <= ${range.to} and c.line > f.first_line
    order by c.line`.execute(conn);
  return rows.rows.map((r) => ({ seq: Number(r.seq), line: Number(r.line), policyNumber: r.policy_number, firstLine: Number(r.first_line) }));
}

/** Takes staged rows out (duplicates), by seq. */
export async function unstage(conn: Db, seqs: readonly number[]): Promise<void> {
  for (let i = 0; i < seqs.length; i += 500) await staging(conn).deleteFrom(TABLE).where('seq', 'in', seqs.slice(i, i + 500)).execute();
}

/** How many staged rows (of a range, or all) name a policy already stored (they will be updates). */
export async function countStagedExisting(conn: Db, range?: SeqRange): Promise<number> {
  let query = staging(conn)
    .selectFrom(TABLE)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where(({ exists, selectFrom }) => exists(selectFrom('policies').select('policies.policy_number').whereRef('policies.policy_number', '=', `${TABLE}.policy_number`)));
  if (range) query = query.where('seq', '>', range.from).where('seq', '<=', range.to);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Upserts the staged rows with seq in (from, to] into policies by number (their agencies exist).
 * keepStatus: a file without a status column says nothing of it, so a cancellation the API reported stays.
 */
export async function mergeStaged(trx: Db, range: SeqRange, at: string, keepStatus: boolean): Promise<void> {
  const updated = ROW_COLUMNS.filter((c) => !KEPT_ON_UPDATE.has(c) && !(keepStatus && c === 'status'));
  await staging(trx)
    .insertInto('policies')
    .columns([...ROW_COLUMNS, 'customer_id', 'last_procedure_at', 'created_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom(TABLE)
        .select([...ROW_COLUMNS, sql<null>`cast(null as text)`.as('customer_id'), sql<null>`cast(null as text)`.as('last_procedure_at'), sql<string>`cast(${at} as text)`.as('created_at'), sql<string>`cast(${at} as text)`.as('updated_at')])
        .where('seq', '>', range.from)
        .where('seq', '<=', range.to),
    )
    .onConflict((oc) => oc.column('policy_number').doUpdateSet((eb) => Object.fromEntries([...updated, 'updated_at' as const].map((c) => [c, eb.ref(`excluded.${c}`)]))))
    .execute();
}

/**
 * The agency each staged row names, as the rows came in batches of `size` (duplicates already
 * out): per batch and code the last name given. Agencies are counted created or renamed batch
 * by batch, as they were when every batch was written at once.
 */
export async function stagedAgencyBatches(conn: Db, size: number): Promise<Array<Map<string, string>>> {
  // The cast: better-sqlite3 binds a number as a real, which made every row a batch of its own on SQLite.
  const rows = await sql<{ batch: number | string; agency_code: string; agency_name: string }>`
    select batch, agency_code, agency_name from (
      select batch, agency_code, agency_name, row_number() over (partition by batch, agency_code order by seq desc) as latest
      from (select (row_number() over (order by seq) - 1) / cast(${size} as integer) as batch, seq, agency_code, agency_name from ${sql.table(TABLE)}) numbered
    ) named
    where latest = 1
    order by batch, agency_code`.execute(conn);
  const batches = new Map<number, Map<string, string>>();
  for (const row of rows.rows) {
    const batch = Number(row.batch);
    const names = batches.get(batch) ?? new Map<string, string>();
    names.set(row.agency_code, row.agency_name);
    batches.set(batch, names);
  }
  return [...batches.values()];
}

/** The highest seq staged (0 when nothing is). */
export async function lastStagedSeq(conn: Db): Promise<number> {
  const row = await staging(conn).selectFrom(TABLE).select((eb) => eb.fn.max('seq').as('last')).executeTakeFirstOrThrow();
  return Number(row.last ?? 0);
}
