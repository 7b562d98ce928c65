import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { japanDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { FieldProblem } from '../../platform/http/api-context.js';
import { POLICY_COLUMNS } from './columns.js';
import { policyInputValidator } from './api-input.js';
import * as f from './fields.js';
import { findPolicy, findPolicyRow, findPolicyRows, upsertAgencies, writePolicies } from './repository.js';
import { mergeStaged, stageRows, withStaging } from './staging.js';
import type { ValidRow } from './row.js';
import './audit-kinds.js';

export const BATCH_MAX = 1000;

export type PutOutcome = { ok: true; result: 'created' | 'updated'; policy: PolicyOutput } | { ok: false; errors: FieldProblem[] };

export type PolicyOutput = Record<string, string | number | boolean | string[] | null>;

/** The 証券番号 of a path, normalised as the CSV's cell is; null when it cannot be one. */
export function pathPolicyNumber(text: string): string | null {
  const parsed = f.policyNumber(f.trimCell(text));
  return parsed.ok ? parsed.value : null;
}

const YEN_OR_WORD = new Set(['bodily_injury', 'property_damage', 'personal_injury']);

function outputOf(row: NonNullable<Awaited<ReturnType<typeof findPolicy>>>): PolicyOutput {
  const out: PolicyOutput = {};
  for (const column of POLICY_COLUMNS) {
    const value = row[column];
    if (column === 'riders') out[column] = typeof value === 'string' && value !== '' ? value.split(';') : null;
    else if (YEN_OR_WORD.has(column) && typeof value === 'string' && /^\d+$/.test(value)) out[column] = Number(value);
    else out[column] = value ?? null;
  }
  out.has_web_account = row.customer_id !== null;
  return out;
}

/** GET: the policy as the API shows it, or null. */
export async function readPolicy(db: Db, policyNumber: string): Promise<PolicyOutput | null> {
  const row = await findPolicy(db, policyNumber);
  return row ? outputOf(row) : null;
}

/** Stores one valid policy (its agency already stored) in its own transaction, with its audit event naming the changed columns. */
async function store(db: Db, now: Date, by: Actor, valid: ValidRow): Promise<'created' | 'updated'> {
  const number = valid.policy.policy_number;
  return db.transaction().execute(async (trx) => {
    const before = await findPolicyRow(trx, number);
    await writePolicies(trx, [valid.policy], now.toISOString());
    await auditItem(trx, now, by, valid, before);
    return before ? 'updated' : 'created';
  });
}

const agenciesOf = (rows: readonly ValidRow[]) => new Map(rows.map((row) => [row.policy.agency_code, row.agencyName]));

/** PUT /policies/{number}: the body's policy_number, when given, must be the path's. */
export async function putPolicy(db: Db, now: Date, by: Actor, pathNumber: string, body: unknown): Promise<PutOutcome> {
  const number = pathPolicyNumber(pathNumber);
  const validated = policyInputValidator(japanDate(now))(body, number ?? pathNumber);
  const errors = validated.ok ? [] : [...validated.errors];
  if (validated.ok && validated.policy.policy_number !== number) {
    errors.push({ field: 'policy_number', message: `must equal the policy number in the path (${f.shown(pathNumber)})` });
  }
  if (errors.length || !validated.ok) return { ok: false, errors };
  await upsertAgencies(db, agenciesOf([validated]), now.toISOString());
  const result = await store(db, now, by, validated);
  return { ok: true, result, policy: (await readPolicy(db, validated.policy.policy_number))! };
}

export interface BatchItemResult {
  policy_number: string | null;
  result: 'created' | 'updated' | 'rejected';
  errors?: FieldProblem[];
}

const numberShown = (item: unknown): string | null => {
  const value = item && typeof item === 'object' ? (item as { policy_number?: unknown }).policy_number : undefined;
  return typeof value === 'string' ? (pathPolicyNumber(value) ?? value) : null;
};

/** The audit event of one stored item, naming the columns it changed. */
async function auditItem(trx: Db, now: Date, by: Actor, valid: ValidRow, before: PolicyBefore | undefined): Promise<void> {
  const changed = before ? POLICY_COLUMNS.filter((c) => c !== 'agency_name' && before[c] !== valid.policy[c]) : [];
  const number = valid.policy.policy_number;
  await recordAudit(trx, now, { kind: before ? 'api_policy_updated' : 'api_policy_created', actor: by, customerId: before?.customer_id ?? null, subject: { kind: 'policy', id: number }, detail: before ? { changed } : {} });
}

type PolicyBefore = NonNullable<Awaited<ReturnType<typeof findPolicyRow>>>;

/**
 * Stores the valid items the way import-policies stores a file (staged, then one
 * INSERT … SELECT … ON CONFLICT), with their agencies and one audit event each, in one transaction.
 */
async function storeBatch(db: Db, now: Date, by: Actor, rows: ReadonlyArray<{ index: number; row: ValidRow }>): Promise<Map<number, 'created' | 'updated'>> {
  const at = now.toISOString();
  const staged = rows.map((item, i) => ({ seq: i + 1, line: item.index, policy: item.row.policy, agencyName: item.row.agencyName }));
  return withStaging(db, async (conn) => {
    await stageRows(conn, staged);
    const before = await findPolicyRows(conn, staged.map((r) => r.policy.policy_number));
    return conn.transaction().execute(async (trx) => {
      await upsertAgencies(trx, agenciesOf(rows.map((item) => item.row)), at);
      await mergeStaged(trx, { from: 0, to: staged.length }, at, false);
      const results = new Map<number, 'created' | 'updated'>();
      for (const { index, row } of rows) {
        const earlier = before.get(row.policy.policy_number);
        await auditItem(trx, now, by, row, earlier);
        results.set(index, earlier ? 'updated' : 'created');
      }
      return results;
    });
  });
}

/**
 * POST /policies/batch: every item validated first (a bad one blocks no other), then the valid
 * ones stored together through import-policies' write path.
 */
export async function batchPolicies(db: Db, now: Date, by: Actor, items: readonly unknown[]): Promise<BatchItemResult[]> {
  const validate = policyInputValidator(japanDate(now));
  const firstAt = new Map<string, number>();
  const results: BatchItemResult[] = [];
  const toStore: Array<{ index: number; row: ValidRow }> = [];
  for (const [index, item] of items.entries()) {
    const validated = validate(item);
    if (!validated.ok) {
      results.push({ policy_number: numberShown(item), result: 'rejected', errors: validated.errors });
      continue;
    }
    const number = validated.policy.policy_number;
    const earlier = firstAt.get(number);
    if (earlier !== undefined) {
      results.push({ policy_number: number, result: 'rejected', errors: [{ field: 'policy_number', message: `${number} already appears at policies[${earlier}]` }] });
      continue;
    }
    firstAt.set(number, index);
    results.push({ policy_number: number, result: 'rejected' });
    toStore.push({ index, row: validated });
  }
  if (!toStore.length) return results;
  const stored = await storeBatch(db, now, by, toStore);
  for (const { index, row } of toStore) results[index] = { policy_number: row.policy.policy_number, result: stored.get(index) ?? 'created' };
  return results;
}
