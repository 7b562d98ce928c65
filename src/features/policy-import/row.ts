import type { PolicyTable } from '../../platform/db/schema.js';
import {
  AGE_CONDITIONS,
  DRIVER_SCOPES,
  PAYMENT_METHODS,
  POLICY_STATUSES,
  PRODUCTS,
  RIDERS,
  USE_PURPOSES,
  VEHICLE_CLASSES,
  VEHICLE_COVERAGES,
  type PolicyRecord,
} from './columns.js';
import * as f from './fields.js';

/** A policy as the CSV gives it: every column we store except the customer's own bookkeeping. */
export type PolicyRow = Omit<PolicyTable, 'customer_id' | 'last_procedure_at' | 'created_at' | 'updated_at'>;

export interface ValidRow {
  ok: true;
  policy: PolicyRow;
  agencyName: string;
}
export interface RejectedRow {
  ok: false;
  /** `column: problem`, as the CSV report prints them. */
  reasons: string[];
  /** The same problems by column, as the API lists them. */
  issues: Array<{ field: string; message: string }>;
}

// One rule a column: trimmed first; an empty cell is missing (refused when required, else null).
type ColumnRule = readonly [column: keyof PolicyRecord, required: boolean, parse: f.FieldParser<unknown>];
const req = (column: keyof PolicyRecord, parse: f.FieldParser<unknown>): ColumnRule => [column, true, parse];
const opt = (column: keyof PolicyRecord, parse: f.FieldParser<unknown>): ColumnRule => [column, false, parse];

// Plain functions, not a schema library: a million rows are validated per import (docs/decisions/0024).
function columnRules(today: string): ColumnRule[] {
  return [
    req('policy_number', f.policyNumber),
    opt('product', f.oneOf(PRODUCTS)),
    req('holder_family_name', f.text(50)),
    req('holder_given_name', f.text(50)),
    req('holder_family_kana', f.katakana),
    req('holder_given_kana', f.katakana),
    req('birth_date', f.pastDate(today)),
    opt('email', f.email),
    opt('phone', f.phone),
    opt('postal_code', f.postalCode),
    opt('address', f.text(200)),
    req('agency_code', f.code(20)),
    req('agency_name', f.text(100)),
    req('start_date', f.date),
    req('end_date', f.date),
    opt('vehicle_model', f.text(50)),
    opt('vehicle_registration', f.text(50)),
    opt('vehicle_class', f.oneOf(VEHICLE_CLASSES)),
    opt('grade', f.integer(1, 20)),
    opt('accident_coefficient_years', f.integer(0, 6)),
    opt('claims_this_term', f.integer(0, 99)),
    opt('age_condition', f.oneOf(AGE_CONDITIONS)),
    opt('driver_scope', f.oneOf(DRIVER_SCOPES)),
    opt('use_purpose', f.oneOf(USE_PURPOSES)),
    opt('bodily_injury', f.yenOr('unlimited')),
    opt('property_damage', f.yenOr('unlimited')),
    opt('personal_injury', f.yenOr('none')),
    opt('vehicle_coverage', f.oneOf(VEHICLE_COVERAGES)),
    opt('vehicle_amount', f.yen),
    opt('vehicle_deductible', f.deductible),
    opt('riders', f.listOf(RIDERS)),
    opt('annual_premium', f.yen),
    opt('payment_method', f.oneOf(PAYMENT_METHODS)),
    opt('status', f.oneOf(POLICY_STATUSES)),
  ];
}

type Issue = { field: string; message: string };
type Values = Record<string, unknown>;

/** Rules across columns, checked once every column is valid. */
function rowIssues(row: Values): Issue[] {
  const issues: Issue[] = [];
  if ((row.end_date as string) <= (row.start_date as string)) issues.push({ field: 'end_date', message: 'must be after start_date' });
  // 車両保険: an amount and a deductible exactly when there is a vehicle cover.
  const covered = row.vehicle_coverage === 'general' || row.vehicle_coverage === 'limited';
  for (const column of ['vehicle_amount', 'vehicle_deductible'] as const) {
    if (covered && row[column] === null) issues.push({ field: column, message: `is required when vehicle_coverage is ${String(row.vehicle_coverage)}` });
    if (!covered && row[column] !== null) issues.push({ field: column, message: 'must be empty unless vehicle_coverage is general or limited' });
  }
  return issues;
}

function columnValues(rules: readonly ColumnRule[], record: PolicyRecord): { values: Values; issues: Issue[] } {
  const values: Values = {};
  const issues: Issue[] = [];
  for (const [column, isRequired, parse] of rules) {
    const cell = record[column];
    const text = typeof cell === 'string' ? f.trimCell(cell) : '';
    if (typeof cell !== 'string') issues.push({ field: column, message: 'must be text' });
    else if (text === '') {
      if (isRequired) issues.push({ field: column, message: 'is required' });
      values[column] = null;
    } else {
      const parsed = parse(text);
      if (parsed.ok) values[column] = parsed.value;
      else issues.push({ field: column, message: parsed.problem });
    }
  }
  return { values, issues };
}

// One object literal of a fixed shape a row (no rest and spread copies): a million are built per import.
const policyOf = (v: Values): PolicyRow =>
  ({
    policy_number: v.policy_number,
    holder_family_name: v.holder_family_name,
    holder_given_name: v.holder_given_name,
    holder_family_kana: v.holder_family_kana,
    holder_given_kana: v.holder_given_kana,
    birth_date: v.birth_date,
    email: v.email,
    phone: v.phone,
    postal_code: v.postal_code,
    address: v.address,
    agency_code: v.agency_code,
    start_date: v.start_date,
    end_date: v.end_date,
    vehicle_model: v.vehicle_model,
    vehicle_registration: v.vehicle_registration,
    vehicle_class: v.vehicle_class,
    grade: v.grade,
    accident_coefficient_years: v.accident_coefficient_years,
    claims_this_term: v.claims_this_term,
    age_condition: v.age_condition,
    driver_scope: v.driver_scope,
    use_purpose: v.use_purpose,
    bodily_injury: v.bodily_injury,
    property_damage: v.property_damage,
    personal_injury: v.personal_injury,
    vehicle_coverage: v.vehicle_coverage,
    vehicle_amount: v.vehicle_amount,
    vehicle_deductible: v.vehicle_deductible,
    annual_premium: v.annual_premium,
    payment_method: v.payment_method,
    product: v.product ?? 'auto',
    riders: v.riders ?? null,
    status: v.status ?? 'in_force',
  }) as PolicyRow;

/** Validates CSV rows against the column rules; `today` (Japan date) bounds birth dates. */
export function policyRowValidator(today: string): (record: PolicyRecord) => ValidRow | RejectedRow {
  const rules = columnRules(today);
  return (record) => {
    const { values, issues } = columnValues(rules, record);
    if (!issues.length) issues.push(...rowIssues(values));
    if (issues.length) return { ok: false, reasons: issues.map((issue) => `${issue.field}: ${issue.message}`), issues };
    return { ok: true, agencyName: values.agency_name as string, policy: policyOf(values) };
  };
}
