import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { CUSTOMER_REF_COLUMNS, type AgencyScope } from './scope.js';

// SQL of the renewal applications (継続申込): the feed, the console's lists and 取込済.

const COLUMNS = [
  'renewal_applications.id',
  'renewal_applications.reception_number',
  'renewal_applications.policy_number',
  'renewal_applications.customer_id',
  'renewal_applications.current_end_date',
  'renewal_applications.new_start_date',
  'renewal_applications.new_end_date',
  'renewal_applications.plan',
  'renewal_applications.coverage',
  'renewal_applications.next_grade',
  'renewal_applications.next_accident_coefficient_years',
  'renewal_applications.annual_premium',
  'renewal_applications.monthly_premium',
  'renewal_applications.total_payable',
  'renewal_applications.payment_method',
  'renewal_applications.payment_method_changed',
  'renewal_applications.payment_frequency',
  'renewal_applications.quote_breakdown',
  'renewal_applications.confirmations',
  'renewal_applications.created_at',
  'renewal_applications.acknowledged_at',
  'renewal_applications.acknowledged_by_kind',
  'renewal_applications.acknowledged_by_id',
  'renewal_applications.feed_position',
  'policies.product',
  'policies.holder_family_name',
  'policies.holder_given_name',
  'policies.vehicle_model',
  'policies.vehicle_registration',
  'policies.vehicle_class',
  'policies.agency_code',
  'agencies.name as agency_name',
  ...CUSTOMER_REF_COLUMNS,
] as const;

const selectApplications = (db: Db) =>
  db
    .selectFrom('renewal_applications')
    .innerJoin('policies', 'policies.policy_number', 'renewal_applications.policy_number')
    .innerJoin('agencies', 'agencies.code', 'policies.agency_code')
    .innerJoin('customers', 'customers.id', 'renewal_applications.customer_id');

function scoped<Q extends ReturnType<typeof selectApplications>>(query: Q, scope: AgencyScope): Q {
  return (scope.agencyCode === null ? query : query.where('policies.agency_code', '=', scope.agencyCode)) as Q;
}

export type ApplicationRow = Awaited<ReturnType<typeof feedRows>>[number];

export async function feedRows(db: Db, after: number, limit: number) {
  return selectApplications(db).select(COLUMNS).where('renewal_applications.feed_position', '>', after).orderBy('renewal_applications.feed_position').limit(limit).execute();
}

export async function findApplication(db: Db, receptionNumber: string, scope: AgencyScope): Promise<ApplicationRow | undefined> {
  return scoped(selectApplications(db), scope).select(COLUMNS).where('renewal_applications.reception_number', '=', receptionNumber).executeTakeFirst();
}

export interface ApplicationFilter {
  /** 申込日 from and to (Japan dates, inclusive), as UTC instants [from, to). */
  createdFrom: string | null;
  createdBefore: string | null;
  agencyCode: string | null;
  acknowledged: boolean | null;
  offset: number;
  limit: number;
}

export async function listApplications(db: Db, scope: AgencyScope, filter: ApplicationFilter): Promise<{ rows: ApplicationRow[]; total: number }> {
  let query = scoped(selectApplications(db), scope);
  if (filter.createdFrom) query = query.where('renewal_applications.created_at', '>=', filter.createdFrom);
  if (filter.createdBefore) query = query.where('renewal_applications.created_at', '<', filter.createdBefore);
  if (filter.agencyCode) query = query.where('policies.agency_code', '=', filter.agencyCode);
  if (filter.acknowledged !== null) query = query.where('renewal_applications.acknowledged_at', filter.acknowledged ? 'is not' : 'is', null);
  const rows = await query.select(COLUMNS).orderBy('renewal_applications.created_at', 'desc').orderBy('renewal_applications.id').offset(filter.offset).limit(filter.limit).execute();
  const count = await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** The agencies a list can be filtered by: one for an agency's staff, all for the insurer's. */
export async function agencyChoices(db: Db, scope: AgencyScope) {
  let query = db.selectFrom('agencies').select(['code', 'name']).orderBy('code');
  if (scope.agencyCode !== null) query = query.where('code', '=', scope.agencyCode);
  return query.execute();
}

/** Marks it taken in unless it was; false when it already was (or is gone). */
export async function markAcknowledged(db: Db, receptionNumber: string, at: string, actorKind: string, actorId: string): Promise<boolean> {
  const result = await db
    .updateTable('renewal_applications')
    .set({ acknowledged_at: at, acknowledged_by_kind: actorKind, acknowledged_by_id: actorId })
    .where('reception_number', '=', receptionNumber)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
