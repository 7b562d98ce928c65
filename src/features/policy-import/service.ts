import { recordAudit } from '../../platform/auth/audit.js';
import { SYSTEM } from '../../platform/auth/actor.js';
import { japanDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isPolicyColumn, POLICY_COLUMNS, REQUIRED_COLUMNS, type PolicyColumn, type PolicyRecord } from './columns.js';
import { CsvFileError, readCsvFile } from './csv-file.js';
import { AgencyTally, tallyAgencies } from './agency-changes.js';
import { upsertAgencies } from './repository.js';
import type { FileScope } from './retire.js';
import { policyRowValidator, type PolicyRow, type ValidRow } from './row.js';
import {
  countStagedExisting,
  indexStaged,
  indexStagingUpFront,
  isPostgres,
  lastStagedSeq,
  mergeStaged,
  stagedAgencyBatches,
  stagedDuplicates,
  stagedDuplicatesIn,
  stageRows,
  unstage,
  withStaging,
  type Duplicate,
  type StagedRow,
} from './staging.js';

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportReport {
  inserted: number;
  updated: number;
  rejected: Rejection[];
  agenciesCreated: number;
  agenciesRenamed: number;
  /** Header columns that are not policy columns: read past, not stored. */
  ignoredColumns: string[];
}

export interface ImportOptions {
  now: Date;
  /** Changes a valid row before it is stored (the demo moves dates to today). */
  adjust?: (policy: PolicyRow, line: number) => PolicyRow;
  /** Rows staged a statement (and agencies counted a batch): large, so the database does the work in bulk. */
  batchSize?: number;
  /** Filled with what the file covered (--retire-missing); it holds every policy number, so only when asked. */
  scope?: FileScope;
  /** Check and count everything, write nothing. */
  dryRun?: boolean;
  /** Told how far the reading has come, every few thousand rows and at the end. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  /** Rows read after the header. */
  read: number;
  rejected: number;
}

const DEFAULT_BATCH = 5000;
const PROGRESS_EVERY = 1000;
// Staged rows merged a transaction: SQLite's write lock is held for one chunk at a time.
const MERGE_CHUNK = 50_000;

interface Header {
  /** Column → its index in a row. */
  index: Map<PolicyColumn, number>;
  /** Every policy column with its index in a row (undefined: not in the file), in POLICY_COLUMNS' order. */
  positions: Array<readonly [PolicyColumn, number | undefined]>;
  width: number;
  ignored: string[];
}

function readHeader(fields: string[], path: string): Header {
  const names = fields.map((name) => name.trim().toLowerCase());
  const repeated = names.filter((name, i) => name !== '' && names.indexOf(name) !== i);
  if (repeated.length) throw new CsvFileError(`${path}: the header repeats ${[...new Set(repeated)].join(', ')}`);
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length) throw new CsvFileError(`${path}: the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const index = new Map<PolicyColumn, number>();
  names.forEach((name, i) => {
    if (isPolicyColumn(name)) index.set(name, i);
  });
  return { index, positions: POLICY_COLUMNS.map((column) => [column, index.get(column)] as const), width: fields.length, ignored: names.filter((name) => !isPolicyColumn(name)).map((name) => name || '(blank)') };
}

function toRecord(header: Header, fields: string[]): PolicyRecord {
  const record = {} as PolicyRecord;
  for (const [column, i] of header.positions) record[column] = i === undefined ? '' : (fields[i] ?? '');
  return record;
}

/** What the file gave once read to its end: valid rows staged, every other row a rejection. */
interface ReadResult {
  header: Header;
  rejected: Rejection[];
  staged: number;
}

/** What is done with each full batch of valid rows (stage it; on PostgreSQL check and merge it too). */
type BatchSink = (rows: StagedRow[], header: Header) => Promise<void>;

class FileStager {
  private batch: StagedRow[] = [];
  private pending: Promise<void> = Promise.resolve();
  staged = 0;
  header: Header | null = null;

  constructor(
    private readonly sink: BatchSink,
    private readonly size: number,
  ) {}

  /** Buffers a row; a full batch is written while the next one is read (one write in flight). */
  async add(line: number, row: ValidRow): Promise<void> {
    this.staged += 1;
    this.batch.push({ seq: this.staged, line, policy: row.policy, agencyName: row.agencyName });
    if (this.batch.length >= this.size) await this.write();
  }

  async write(): Promise<void> {
    const rows = this.batch;
    this.batch = [];
    await this.pending;
    this.pending = rows.length ? this.sink(rows, this.header!) : Promise.resolve();
    // Awaited by the next write or finish(); until then a failure must not count as unhandled.
    this.pending.catch(() => undefined);
  }

  async finish(): Promise<void> {
    await this.write();
    await this.pending;
  }

  /** After a failure: let the write in flight end before the table goes. */
  settle = (): Promise<void> => this.pending.catch(() => undefined);
}

/**
 * One pass: the file is streamed, each row checked by the column rules, valid rows staged in
 * batches. A file that is not UTF-8 or well-formed CSV throws CsvFileError part way: nothing has
 * reached the policies then, only the staging table.
 */
async function readFile(sink: BatchSink, path: string, options: ImportOptions, size: number): Promise<ReadResult> {
  const validate = policyRowValidator(japanDate(options.now));
  const scope = options.scope;
  const stager = new FileStager(sink, size);
  const rejected: Rejection[] = [];
  let header: Header | null = null;
  let read = 0;
  try {
    for await (const { line, fields } of readCsvFile(path)) {
      if (!header) {
        header = readHeader(fields, path);
        stager.header = header;
        continue;
      }
      read += 1;
      if (options.onProgress && read % PROGRESS_EVERY === 0) options.onProgress({ read, rejected: rejected.length });
      if (fields.length !== header.width) {
        rejected.push({ line, reason: `has ${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${header.width}` });
        continue;
      }
      const record = toRecord(header, fields);
      // A rejected row still names its policy: it is in the file, so never retired for being missing.
      scope?.policyNumbers.add(record.policy_number.trim());
      const result = validate(record);
      if (!result.ok) {
        rejected.push({ line, reason: result.reasons.join('; ') });
        continue;
      }
      scope?.policyNumbers.add(result.policy.policy_number);
      scope?.agencies.add(result.policy.agency_code);
      await stager.add(line, options.adjust ? { ...result, policy: options.adjust(result.policy, line) } : result);
    }
    await stager.finish();
  } catch (error) {
    await stager.settle();
    throw error;
  }
  if (!header) throw new CsvFileError(`${path} is empty: expected a header row and one policy a row`);
  options.onProgress?.({ read, rejected: rejected.length });
  return { header, rejected, staged: stager.staged };
}

const byLine = (a: Rejection, b: Rejection) => a.line - b.line;

/** Upserts the agencies, then the staged policies a chunk a transaction (short locks on SQLite), then the audit event. */
async function writeStaged(conn: Db, report: ImportReport, agencies: Map<string, string>, at: { now: Date; path: string; keepStatus: boolean }): Promise<void> {
  const last = await lastStagedSeq(conn);
  const iso = at.now.toISOString();
  await conn.transaction().execute((trx) => upsertAgencies(trx, agencies, iso));
  for (let from = 0; from < last; from += MERGE_CHUNK) {
    await conn.transaction().execute((trx) => mergeStaged(trx, { from, to: from + MERGE_CHUNK }, iso, at.keepStatus));
  }
  // Registration proves identity against these policies: every change to them leaves a trace.
  await recordAudit(conn, at.now, auditOf(report, at.path));
}

const auditOf = (report: ImportReport, file: string) => ({
  kind: 'policies_imported' as const,
  actor: SYSTEM,
  detail: { file, inserted: report.inserted, updated: report.updated, rejected: report.rejected.length, agenciesCreated: report.agenciesCreated, agenciesRenamed: report.agenciesRenamed },
});

/**
 * Imports the insurer's policies CSV: upsert by policy number, agencies created or renamed by code.
 * Rows that break a rule are reported with their line and reason; the others are stored. The file
 * is streamed once into a staging table and merged from there (docs/decisions/0024); with dryRun
 * everything is checked and counted and nothing written.
 * Throws CsvFileError, with nothing written, when the file as a whole cannot be used.
 */
export async function importPolicies(db: Db, path: string, options: ImportOptions): Promise<ImportReport> {
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  return withStaging(db, async (conn) =>
    isPostgres(conn) ? conn.transaction().execute((trx) => importWhileReading(trx, path, options, size)) : importAfterReading(conn, path, options, size),
  );
}

/** SQLite: the whole file staged first, then checked and merged a chunk a transaction (the write lock is held a chunk at a time). */
async function importAfterReading(conn: Db, path: string, options: ImportOptions, size: number): Promise<ImportReport> {
  const file = await readFile((rows) => stageRows(conn, rows), path, options, size);
  await indexStaged(conn);
  const duplicates = await stagedDuplicates(conn);
  await unstage(conn, duplicates.map((d) => d.seq));
  const updated = await countStagedExisting(conn);
  const agencies = await tallyAgencies(conn, await stagedAgencyBatches(conn, size));
  const report = reportOf(file, duplicates, updated, agencies);
  if (!options.dryRun) await writeStaged(conn, report, agencies.names, { now: options.now, path, keepStatus: !file.header.index.has('status') });
  return report;
}

function reportOf(file: ReadResult, duplicates: readonly Duplicate[], updated: number, agencies: { agenciesCreated: number; agenciesRenamed: number }): ImportReport {
  const rejected = [...file.rejected, ...duplicates.map((d) => ({ line: d.line, reason: `policy_number: ${d.policyNumber} already appears on line ${d.firstLine}` }))].sort(byLine);
  return {
    inserted: file.staged - duplicates.length - updated,
    updated,
    rejected,
    agenciesCreated: agencies.agenciesCreated,
    agenciesRenamed: agencies.agenciesRenamed,
    ignoredColumns: file.header.ignored,
  };
}

/**
 * PostgreSQL: each batch is staged, checked against the rows staged before it (repeats, updates,
 * agencies) and merged into policies while node reads the next one, all in one transaction: a
 * file found malformed part way still writes nothing, and the merge no longer waits for the end
 * of the file (docs/decisions/0024, addendum). The answers are those of importAfterReading.
 */
async function importWhileReading(trx: Db, path: string, options: ImportOptions, size: number): Promise<ImportReport> {
  await indexStagingUpFront(trx);
  const iso = options.now.toISOString();
  const write = !options.dryRun;
  const duplicates: Duplicate[] = [];
  const tally = new AgencyTally(size);
  const created = new Set<string>();
  let updated = 0;
  const sink: BatchSink = async (rows, header) => {
    await stageRows(trx, rows);
    const range = { from: rows[0]!.seq - 1, to: rows.at(-1)!.seq };
    const repeats = await stagedDuplicatesIn(trx, range);
    if (repeats.length) {
      await unstage(trx, repeats.map((d) => d.seq));
      duplicates.push(...repeats);
    }
    updated += await countStagedExisting(trx, range);
    const out = new Set(repeats.map((d) => d.seq));
    const agencies = rows.filter((r) => !out.has(r.seq)).map((r) => ({ code: r.policy.agency_code, name: r.agencyName }));
    await tally.add(trx, agencies);
    if (!write) return;
    // New agencies now, so that the batch's policies can name them; names settle after the last batch.
    const fresh = tally.newCodes(agencies, created);
    if (fresh.size) {
      await trx.insertInto('agencies').values([...fresh].map(([code, name]) => ({ code, name, created_at: iso, updated_at: iso }))).execute();
      for (const code of fresh.keys()) created.add(code);
    }
    await mergeStaged(trx, range, iso, !header.index.has('status'));
  };
  const file = await readFile(sink, path, options, size);
  const agencies = tally.finish();
  const report = reportOf(file, duplicates, updated, agencies);
  if (write) {
    await upsertAgencies(trx, agencies.names, iso);
    await recordAudit(trx, options.now, auditOf(report, path));
  }
  return report;
}
