import { z } from 'zod';
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

function unwrap<T>(parsed: f.Parsed<T>, ctx: z.RefinementCtx): T {
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.problem });
  return z.NEVER;
}

// Cells are trimmed first; an empty one is missing.
const required = <T>(parse: f.FieldParser<T>) =>
  z.string().transform((cell, ctx): T => {
    const value = f.trimCell(cell);
    return value === '' ? unwrap<T>({ ok: false, problem: 'is required' }, ctx) : unwrap(parse(value), ctx);
  });

const optional = <T>(parse: f.FieldParser<T>) =>
  z.string().transform((cell, ctx): T | null => {
    const value = f.trimCell(cell);
    return value === '' ? null : unwrap(parse(value), ctx);
  });

function rowSchema(today: string) {
  return z
    .object({
      policy_number: required(f.policyNumber),
      product: optional(f.oneOf(PRODUCTS)),
      holder_family_name: required(f.text(50)),
      holder_given_name: required(f.text(50)),
      holder_family_kana: required(f.katakana),
      holder_given_kana: required(f.katakana),
      birth_date: required(f.pastDate(today)),
      email: optional(f.email),
      phone: optional(f.phone),
      postal_code: optional(f.postalCode),
      address: optional(f.text(200)),
      agency_code: required(f.code(20)),
      agency_name: required(f.text(100)),
      start_date: required(f.date),
      end_date: required(f.date),
      vehicle_model: optional(f.text(50)),
      vehicle_registration: optional(f.text(50)),
      vehicle_class: optional(f.oneOf(VEHICLE_CLASSES)),
      grade: optional(f.integer(1, 20)),
      accident_coefficient_years: optional(f.integer(0, 6)),
      claims_this_term: optional(f.integer(0, 99)),
      age_condition: optional(f.oneOf(AGE_CONDITIONS)),
      driver_scope: optional(f.oneOf(DRIVER_SCOPES)),
      use_purpose: optional(f.oneOf(USE_PURPOSES)),
      bodily_injury: optional(f.yenOr('unlimited')),
      property_damage: optional(f.yenOr('unlimited')),
      personal_injury: optional(f.yenOr('none')),
      vehicle_coverage: optional(f.oneOf(VEHICLE_COVERAGES)),
      vehicle_amount: optional(f.yen),
      vehicle_deductible: optional(f.deductible),
      riders: optional(f.listOf(RIDERS)),
      annual_premium: optional(f.yen),
      payment_method: optional(f.oneOf(PAYMENT_METHODS)),
      status: optional(f.oneOf(POLICY_STATUSES)),
    })
    .superRefine((row, ctx) => {
      if (row.end_date <= row.start_date) ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'must be after start_date' });
      // 車両保険: an amount and a deductible exactly when there is a vehicle cover.
      const covered = row.vehicle_coverage === 'general' || row.vehicle_coverage === 'limited';
      for (const column of ['vehicle_amount', 'vehicle_deductible'] as const) {
        if (covered && row[column] === null) {
          ctx.addIssue({ code: 'custom', path: [column], message: `is required when vehicle_coverage is ${row.vehicle_coverage}` });
        }
        if (!covered && row[column] !== null) {
          ctx.addIssue({ code: 'custom', path: [column], message: 'must be empty unless vehicle_coverage is general or limited' });
        }
      }
    });
}

/** Validates CSV rows against the column rules; `today` (Japan date) bounds birth dates. */
export function policyRowValidator(today: string): (record: PolicyRecord) => ValidRow | RejectedRow {
  const schema = rowSchema(today);
  return (record) => {
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'row'), message: issue.message }));
      return { ok: false, reasons: issues.map((issue) => `${issue.field}: ${issue.message}`), issues };
    }
    const { agency_name: agencyName, product, riders, status, ...rest } = parsed.data;
    return { ok: true, agencyName, policy: { ...rest, product: product ?? 'auto', riders: riders ?? null, status: status ?? 'in_force' } };
  };
}
