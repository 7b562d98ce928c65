import type { Db } from '../../platform/db/database.js';
import type { PolicyRow } from './row.js';

export interface BatchCounts {
  agenciesCreated: number;
  agenciesRenamed: number;
}

// Everything the CSV carries; customer_id, last_procedure_at and created_at are never overwritten.
const UPDATED_COLUMNS = [
  'product', 'holder_family_name', 'holder_given_name', 'holder_family_kana', 'holder_given_kana', 'birth_date',
  'email', 'phone', 'postal_code', 'address', 'agency_code', 'start_date', 'end_date', 'vehicle_model',
  'vehicle_registration', 'vehicle_class', 'grade', 'accident_coefficient_years', 'claims_this_term', 'age_condition',
  'driver_scope', 'use_purpose', 'bodily_injury', 'property_damage', 'personal_injury', 'vehicle_coverage',
  'vehicle_amount', 'vehicle_deductible', 'riders', 'annual_premium', 'payment_method', 'status', 'updated_at',
] as const satisfies ReadonlyArray<keyof PolicyRow | 'updated_at'>;

/** Creates or renames agencies by code (code → name). */
export async function upsertAgencies(db: Db, agencies: Map<string, string>, at: string): Promise<BatchCounts> {
  const codes = [...agencies.keys()];
  if (!codes.length) return { agenciesCreated: 0, agenciesRenamed: 0 };
  const known = new Map((await db.selectFrom('agencies').select(['code', 'name']).where('code', 'in', codes).execute()).map((a) => [a.code, a.name]));
  await db
    .insertInto('agencies')
    .values(codes.map((code) => ({ code, name: agencies.get(code) ?? code, created_at: at, updated_at: at })))
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), updated_at: eb.ref('excluded.updated_at') }))
        .where((eb) => eb('agencies.name', '<>', eb.ref('excluded.name'))),
    )
    .execute();
  return {
    agenciesCreated: codes.filter((code) => !known.has(code)).length,
    agenciesRenamed: codes.filter((code) => known.has(code) && known.get(code) !== agencies.get(code)).length,
  };
}

/**
 * Inserts or updates policies by number (their agencies exist). keepStatus: a file without a
 * status column says nothing of it, so a cancellation the API reported stays.
 */
export async function writePolicies(db: Db, policies: PolicyRow[], at: string, keepStatus = false): Promise<void> {
  const updated = keepStatus ? UPDATED_COLUMNS.filter((c) => c !== 'status') : UPDATED_COLUMNS;
  await db
    .insertInto('policies')
    .values(policies.map((p) => ({ ...p, customer_id: null, last_procedure_at: null, created_at: at, updated_at: at })))
    .onConflict((oc) => oc.column('policy_number').doUpdateSet((eb) => Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}`)]))))
    .execute();
}

/** Stored policies by number (to compare before an update). */
export async function findPolicyRows(db: Db, numbers: readonly string[]) {
  const found = new Map<string, NonNullable<Awaited<ReturnType<typeof findPolicyRow>>>>();
  for (let i = 0; i < numbers.length; i += 500) {
    for (const row of await db.selectFrom('policies').selectAll().where('policy_number', 'in', numbers.slice(i, i + 500)).execute()) found.set(row.policy_number, row);
  }
  return found;
}

/** A policy's stored columns (to compare before an update). */
export const findPolicyRow = (db: Db, policyNumber: string) => db.selectFrom('policies').selectAll().where('policy_number', '=', policyNumber).executeTakeFirst();

export const findPolicy = (db: Db, policyNumber: string) =>
  db
    .selectFrom('policies')
    .innerJoin('agencies', 'agencies.code', 'policies.agency_code')
    .selectAll('policies')
    .select('agencies.name as agency_name')
    .where('policies.policy_number', '=', policyNumber)
    .executeTakeFirst();
