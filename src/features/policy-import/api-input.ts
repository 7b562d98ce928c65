import type { FieldProblem } from '../../platform/http/api-context.js';
import { createApiAjv, fieldProblems, topField } from '../../platform/http/api-validation.js';
import {
  AGE_CONDITIONS,
  DRIVER_SCOPES,
  PAYMENT_METHODS,
  POLICY_COLUMNS,
  POLICY_STATUSES,
  PRODUCTS,
  REQUIRED_COLUMNS,
  RIDERS,
  USE_PURPOSES,
  VEHICLE_CLASSES,
  VEHICLE_COVERAGES,
  type PolicyColumn,
  type PolicyRecord,
} from './columns.js';
import { policyRowValidator, type ValidRow } from './row.js';

// A policy in JSON: the CSV's columns as field names; integers and yen are numbers, `riders` an
// array of codes, the rest strings; an optional field may be null or left out. The JSON schema
// checks only the types: the rules and their messages are the CSV's (row.ts), run on the same cells.

const text = { type: ['string', 'null'] } as const;
const codes = (values: readonly string[]) => ({ type: ['string', 'null'], description: `one of ${values.join(', ')}` }) as const;
const integer = { type: ['integer', 'null'] } as const;
const yenOr = (word: string) => ({ type: ['integer', 'string', 'null'], description: `${word} or yen` }) as const;

const FIELD_SCHEMAS: Record<PolicyColumn, object> = {
  policy_number: { type: 'string', description: '証券番号' },
  product: codes(PRODUCTS),
  holder_family_name: { type: 'string' },
  holder_given_name: { type: 'string' },
  holder_family_kana: { type: 'string' },
  holder_given_kana: { type: 'string' },
  birth_date: { type: 'string', description: 'YYYY-MM-DD' },
  email: text,
  phone: text,
  postal_code: text,
  address: text,
  agency_code: { type: 'string' },
  agency_name: { type: 'string' },
  start_date: { type: 'string', description: 'YYYY-MM-DD' },
  end_date: { type: 'string', description: 'YYYY-MM-DD' },
  vehicle_model: text,
  vehicle_registration: text,
  vehicle_class: codes(VEHICLE_CLASSES),
  grade: integer,
  accident_coefficient_years: integer,
  claims_this_term: integer,
  age_condition: codes(AGE_CONDITIONS),
  driver_scope: codes(DRIVER_SCOPES),
  use_purpose: codes(USE_PURPOSES),
  bodily_injury: yenOr('unlimited'),
  property_damage: yenOr('unlimited'),
  personal_injury: yenOr('none'),
  vehicle_coverage: codes(VEHICLE_COVERAGES),
  vehicle_amount: integer,
  vehicle_deductible: { type: ['string', 'null'], description: '万円, first-second, e.g. 5-10' },
  riders: { type: ['array', 'null'], items: { type: 'string' }, description: `codes among ${RIDERS.join(', ')}` },
  annual_premium: integer,
  payment_method: codes(PAYMENT_METHODS),
  status: { type: ['string', 'null'], description: 'in_force (default), cancelled, expired' },
};

/** The JSON schema of a policy sent to the API; `policy_number` may be left to the path. */
export function policyInputSchema(numberRequired: boolean) {
  return {
    type: 'object',
    additionalProperties: false,
    required: REQUIRED_COLUMNS.filter((column) => numberRequired || column !== 'policy_number'),
    properties: FIELD_SCHEMAS,
  } as const;
}

/** A stored policy as the API shows it, with its status and whether its holder has a web account. */
export const POLICY_OUTPUT_SCHEMA = {
  type: 'object',
  required: [...POLICY_COLUMNS, 'has_web_account'],
  properties: { ...FIELD_SCHEMAS, status: { type: 'string', enum: [...POLICY_STATUSES] }, has_web_account: { type: 'boolean' } },
} as const;

const ajv = createApiAjv();
const checkTypes = { withNumber: ajv.compile(policyInputSchema(true)), withoutNumber: ajv.compile(policyInputSchema(false)) };

const cellOf = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
};

export type PolicyInputResult = ValidRow | { ok: false; errors: FieldProblem[] };

/**
 * Validates one JSON policy: its types by the schema, then the CSV's rules on the fields whose
 * type was right; every problem is listed, a field at most once per message.
 */
export function policyInputValidator(today: string): (input: unknown, numberFromPath?: string) => PolicyInputResult {
  const validateRow = policyRowValidator(today);
  return (input, numberFromPath) => {
    const check = numberFromPath === undefined ? checkTypes.withNumber : checkTypes.withoutNumber;
    const typeErrors = check(input) ? [] : fieldProblems(check.errors);
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, errors: typeErrors };
    const body = input as Record<string, unknown>;
    const record = Object.fromEntries(POLICY_COLUMNS.map((column) => [column, cellOf(body[column])])) as PolicyRecord;
    if (numberFromPath !== undefined && record.policy_number === '') record.policy_number = numberFromPath;
    const typed = new Set(typeErrors.map(topField));
    const row = validateRow(record);
    const ruleErrors = row.ok ? [] : row.issues.filter((issue) => !typed.has(issue.field));
    const errors = [...typeErrors, ...ruleErrors];
    if (errors.length || !row.ok) return { ok: false, errors };
    return row;
  };
}
