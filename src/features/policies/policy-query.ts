import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { fixedQuery } from '../../platform/db/fixed-query.js';
import type { PolicyTable } from '../../platform/db/schema.js';
import type { Holder } from './holder.js';

// The policy queries every feature shares, and the mapping of their rows to the holder.

/** The holder's columns on a policy row (the core system's data). */
export const POLICY_HOLDER_COLUMNS = ['holder_family_name', 'holder_given_name', 'holder_family_kana', 'holder_given_kana', 'birth_date'] as const;

export const policyHolderOf = (row: Pick<PolicyTable, (typeof POLICY_HOLDER_COLUMNS)[number]>): Holder => ({
  familyName: row.holder_family_name,
  givenName: row.holder_given_name,
  familyKana: row.holder_family_kana,
  givenKana: row.holder_given_kana,
  birthDate: row.birth_date,
});

/** The same person on a customer row (the web account). */
export const CUSTOMER_HOLDER_COLUMNS = ['family_name', 'given_name', 'family_kana', 'given_kana', 'birth_date'] as const;

export const customerHolderOf = (row: { family_name: string; given_name: string; family_kana: string; given_kana: string; birth_date: string }): Holder => ({
  familyName: row.family_name,
  givenName: row.given_name,
  familyKana: row.family_kana,
  givenKana: row.given_kana,
  birthDate: row.birth_date,
});

/** A policy as identity proofing sees it: its number, its account (null: none yet) and its holder. */
export interface PolicyHolder {
  policyNumber: string;
  customerId: string | null;
  holder: Holder;
}

export async function findPolicyHolder(db: Db, policyNumber: string): Promise<PolicyHolder | null> {
  const row = await db
    .selectFrom('policies')
    .select(['policy_number', 'customer_id', ...POLICY_HOLDER_COLUMNS])
    .where('policy_number', '=', policyNumber)
    .executeTakeFirst();
  return row ? { policyNumber: row.policy_number, customerId: row.customer_id, holder: policyHolderOf(row) } : null;
}

export interface CustomerSummary {
  id: string;
  family_name: string;
  given_name: string;
  previous_login_at: string | null;
}

const customerById = fixedQuery((db, customerId: string) => db.selectFrom('customers').select(['id', 'family_name', 'given_name', 'previous_login_at']).where('id', '=', customerId), 1);

export async function findCustomer(db: Db, customerId: string): Promise<CustomerSummary | undefined> {
  return (await customerById(db, customerId))[0];
}

/** A policy as home shows it: the policy row's own columns plus its agency's name. */
export interface OwnPolicy {
  policy_number: string;
  product: string;
  start_date: string;
  end_date: string;
  agency_code: string;
  agency_name: string;
  vehicle_model: string | null;
  vehicle_registration: string | null;
  grade: number | null;
  annual_premium: number | null;
  payment_method: string | null;
  last_procedure_at: string | null;
  /** in_force | cancelled | expired, as the core system says (features/policies/status.ts). */
  status: string;
  /** 受付番号 of this term's online renewal application, null while none. */
  renewal_reception_number: string | null;
}

/** What a page shows of a policy: its own columns, its agency's name and this term's renewal application. */
const POLICY_WITH_RENEWAL = [
  'policies.policy_number',
  'policies.product',
  'policies.start_date',
  'policies.end_date',
  'policies.agency_code',
  'agencies.name as agency_name',
  'policies.vehicle_model',
  'policies.vehicle_registration',
  'policies.grade',
  'policies.annual_premium',
  'policies.payment_method',
  'policies.last_procedure_at',
  'policies.status',
  'renewal_applications.reception_number as renewal_reception_number',
] as const;

/** Policies with their agency and this term's renewal application, as OwnPolicy rows; callers add the WHERE. */
export function policiesWithRenewal(db: Db) {
  return db
    .selectFrom('policies')
    .innerJoin('agencies', 'agencies.code', 'policies.agency_code')
    .leftJoin('renewal_applications', (join) =>
      join.onRef('renewal_applications.policy_number', '=', 'policies.policy_number').onRef('renewal_applications.current_end_date', '=', 'policies.end_date'),
    )
    .select(POLICY_WITH_RENEWAL);
}

// Home's reads on every page view, each of one table by key and compiled once: on SQLite the
// join with its ORDER BY (a sorter per run) cost 85 µs where these cost about 8 µs each
// (decision 0010). Customers hold a handful of policies, so the per-policy reads stay few.
const OWN_POLICY_COLUMNS = [
  'policy_number',
  'product',
  'start_date',
  'end_date',
  'agency_code',
  'vehicle_model',
  'vehicle_registration',
  'grade',
  'annual_premium',
  'payment_method',
  'last_procedure_at',
  'status',
] as const;
const ownPolicyRows = fixedQuery((db, customerId: string) => db.selectFrom('policies').select(OWN_POLICY_COLUMNS).where('customer_id', '=', customerId), 1);
const agencyName = fixedQuery((db, code: string) => db.selectFrom('agencies').select('name').where('code', '=', code), 1);
const receptionNumber = fixedQuery(
  (db, policyNumber: string, endDate: string) =>
    db.selectFrom('renewal_applications').select('reception_number').where('policy_number', '=', policyNumber).where('current_end_date', '=', endDate),
  2,
);

// 契約内容の確認 and every renewal step: the policy by key, then its agency's name (no join).
const ownPolicyByNumber = fixedQuery(
  (db, customerId: string, policyNumber: string) => db.selectFrom('policies').selectAll().where('customer_id', '=', customerId).where('policy_number', '=', policyNumber),
  2,
);

/** Soonest 満期日 first, then by number (code-unit order: both are ASCII). */
const byEndDateThenNumber = (a: { end_date: string; policy_number: string }, b: { end_date: string; policy_number: string }) =>
  a.end_date < b.end_date ? -1 : a.end_date > b.end_date ? 1 : a.policy_number < b.policy_number ? -1 : a.policy_number > b.policy_number ? 1 : 0;

/** Only the customer's own policies (policies.customer_id), soonest 満期日 first. */
export async function listOwnPolicies(db: Db, customerId: string): Promise<OwnPolicy[]> {
  const rows = (await ownPolicyRows(db, customerId)).sort(byEndDateThenNumber);
  const agencies = new Map<string, string | undefined>();
  for (const code of new Set(rows.map((row) => row.agency_code))) agencies.set(code, (await agencyName(db, code))[0]?.name);
  const policies: OwnPolicy[] = [];
  for (const row of rows) {
    const agency_name = agencies.get(row.agency_code);
    // As the inner join did: a policy of an agency that is not there is not listed.
    if (agency_name === undefined) continue;
    const [application] = await receptionNumber(db, row.policy_number, row.end_date);
    policies.push({ ...row, agency_name, renewal_reception_number: application?.reception_number ?? null });
  }
  return policies;
}

/** Every column of an own policy, with its agency's name (契約内容の確認, 継続手続). */
export type PolicyDetails = Selectable<PolicyTable> & { agency_name: string };

/** Only the customer's own policy: someone else's and a missing one are both undefined. */
export async function findOwnPolicyDetails(db: Db, customerId: string, policyNumber: string): Promise<PolicyDetails | undefined> {
  const [policy] = await ownPolicyByNumber(db, customerId, policyNumber);
  if (!policy) return undefined;
  const [agency] = await agencyName(db, policy.agency_code);
  // As the inner join did: a policy of an agency that is not there is not shown.
  return agency ? { ...policy, agency_name: agency.name } : undefined;
}

/** The numbers of the customer's own policies, in order. */
export async function ownPolicyNumbers(db: Db, customerId: string): Promise<string[]> {
  const rows = await db.selectFrom('policies').select('policy_number').where('customer_id', '=', customerId).orderBy('policy_number').execute();
  return rows.map((row) => row.policy_number);
}
