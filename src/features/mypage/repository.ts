import type { Db } from '../../platform/db/database.js';

export interface CustomerSummary {
  id: string;
  family_name: string;
  given_name: string;
  previous_login_at: string | null;
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
  /** 受付番号 of this term's online renewal application, null while none. */
  renewal_reception_number: string | null;
}

export async function findCustomer(db: Db, customerId: string): Promise<CustomerSummary | undefined> {
  return db
    .selectFrom('customers')
    .select(['id', 'family_name', 'given_name', 'previous_login_at'])
    .where('id', '=', customerId)
    .executeTakeFirst();
}

function ownPolicies(db: Db, customerId: string) {
  return db
    .selectFrom('policies')
    .innerJoin('agencies', 'agencies.code', 'policies.agency_code')
    .leftJoin('renewal_applications', (join) =>
      join.onRef('renewal_applications.policy_number', '=', 'policies.policy_number').onRef('renewal_applications.current_end_date', '=', 'policies.end_date'),
    )
    .select([
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
      'renewal_applications.reception_number as renewal_reception_number',
    ])
    .where('policies.customer_id', '=', customerId);
}

/** Only the customer's own policies (policies.customer_id), soonest 満期日 first. */
export async function listOwnPolicies(db: Db, customerId: string): Promise<OwnPolicy[]> {
  return ownPolicies(db, customerId).orderBy('policies.end_date').orderBy('policies.policy_number').execute();
}

export async function findOwnPolicy(db: Db, customerId: string, policyNumber: string): Promise<OwnPolicy | undefined> {
  return ownPolicies(db, customerId).where('policies.policy_number', '=', policyNumber).executeTakeFirst();
}
