import { recordAudit } from '../../platform/auth/audit.js';
import { SYSTEM } from '../../platform/auth/actor.js';
import { japanDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isPolicyColumn, POLICY_COLUMNS, REQUIRED_COLUMNS, type PolicyColumn, type PolicyRecord } from './columns.js';
import { CsvFileError, readCsvFile } from './csv-file.js';
import { upsertPolicies } from './repository.js';
import type { FileScope } from './retire.js';
import { policyRowValidator, type PolicyRow } from './row.js';

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
  /** Rows per transaction: small enough not to hold SQLite's write lock long, big enough to be fast. */
  batchSize?: number;
  /** Filled with what the file covered (--retire-missing). */
  scope?: FileScope;
}

interface Header {
  /** Column → its index in a row. */
  index: Map<PolicyColumn, number>;
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
  return { index, width: fields.length, ignored: names.filter((name) => !isPolicyColumn(name)).map((name) => name || '(blank)') };
}

function toRecord(header: Header, fields: string[]): PolicyRecord {
  const record = {} as PolicyRecord;
  for (const column of POLICY_COLUMNS) {
    const i = header.index.get(column);
    record[column] = i === undefined ? '' : (fields[i] ?? '');
  }
  return record;
}

/** First pass: the whole file must be UTF-8, well-formed CSV with the required header, before anything is written. */
async function checkFile(path: string): Promise<Header> {
  let header: Header | null = null;
  for await (const row of readCsvFile(path)) {
    header ??= readHeader(row.fields, path);
  }
  if (!header) throw new CsvFileError(`${path} is empty: expected a header row and one policy a row`);
  return header;
}

/**
 * Imports the insurer's policies CSV: upsert by policy number, agencies created or renamed by code.
 * Rows that break a rule are reported with their line and reason; the others are stored.
 * Throws CsvFileError, with nothing written, when the file as a whole cannot be used.
 */
export async function importPolicies(db: Db, path: string, options: ImportOptions): Promise<ImportReport> {
  const header = await checkFile(path);
  const validate = policyRowValidator(japanDate(options.now));
  const at = options.now.toISOString();
  // 37 columns a row: 800 rows stay under SQLite's 32,766 bound variables per statement.
  const batchSize = Math.min(options.batchSize ?? 500, 800);
  const scope = options.scope ?? { agencies: new Set<string>(), policyNumbers: new Set<string>() };
  const report: ImportReport = { inserted: 0, updated: 0, rejected: [], agenciesCreated: 0, agenciesRenamed: 0, ignoredColumns: header.ignored };
  const firstSeen = new Map<string, number>();
  let batch: PolicyRow[] = [];
  let agencies = new Map<string, string>();

  const flush = async () => {
    if (!batch.length) return;
    const counts = await upsertPolicies(db, batch, agencies, at, !header.index.has('status'));
    report.inserted += counts.inserted;
    report.updated += counts.updated;
    report.agenciesCreated += counts.agenciesCreated;
    report.agenciesRenamed += counts.agenciesRenamed;
    batch = [];
    agencies = new Map();
  };

  let isHeader = true;
  for await (const { line, fields } of readCsvFile(path)) {
    if (isHeader) {
      isHeader = false;
      continue;
    }
    if (fields.length !== header.width) {
      report.rejected.push({ line, reason: `has ${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${header.width}` });
      continue;
    }
    const record = toRecord(header, fields);
    // A rejected row still names its policy: it is in the file, so never retired for being missing.
    scope.policyNumbers.add(record.policy_number.trim());
    const result = validate(record);
    if (!result.ok) {
      report.rejected.push({ line, reason: result.reasons.join('; ') });
      continue;
    }
    const number = result.policy.policy_number;
    const earlier = firstSeen.get(number);
    if (earlier !== undefined) {
      report.rejected.push({ line, reason: `policy_number: ${number} already appears on line ${earlier}` });
      continue;
    }
    firstSeen.set(number, line);
    scope.policyNumbers.add(number);
    scope.agencies.add(result.policy.agency_code);
    batch.push(options.adjust ? options.adjust(result.policy, line) : result.policy);
    agencies.set(result.policy.agency_code, result.agencyName);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  // Registration proves identity against these policies: every change to them leaves a trace.
  await recordAudit(db, options.now, {
    kind: 'policies_imported',
    actor: SYSTEM,
    detail: { file: path, inserted: report.inserted, updated: report.updated, rejected: report.rejected.length, agenciesCreated: report.agenciesCreated, agenciesRenamed: report.agenciesRenamed },
  });
  return report;
}
