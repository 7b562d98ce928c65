import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { CUSTOMER_REF_COLUMNS, type AgencyScope } from './scope.js';

// SQL of the change requests (変更受付): the feed, the console's lists and the outcome's update.

export type ChangeRequestStatus = 'pending' | 'done' | 'rejected';
export const CHANGE_REQUEST_STATUSES: readonly ChangeRequestStatus[] = ['pending', 'done', 'rejected'];

const COLUMNS = [
  'change_requests.id',
  'change_requests.customer_id',
  'change_requests.kind',
  'change_requests.data',
  'change_requests.status',
  'change_requests.note',
  'change_requests.processed_at',
  'change_requests.processed_by_kind',
  'change_requests.processed_by_id',
  'change_requests.created_at',
  'change_requests.feed_position',
  ...CUSTOMER_REF_COLUMNS,
] as const;

const selectRequests = (db: Db) => db.selectFrom('change_requests').innerJoin('customers', 'customers.id', 'change_requests.customer_id');

/** A change request is an agency's when its customer holds one of the agency's policies. */
function scoped<Q extends ReturnType<typeof selectRequests>>(query: Q, scope: AgencyScope): Q {
  if (scope.agencyCode === null) return query;
  const code = scope.agencyCode;
  return query.where(({ exists, selectFrom }) =>
    exists(selectFrom('policies').select('policies.policy_number').whereRef('policies.customer_id', '=', 'change_requests.customer_id').where('policies.agency_code', '=', code)),
  ) as Q;
}

export type ChangeRequestRow = Awaited<ReturnType<typeof feedRows>>[number];

export async function feedRows(db: Db, after: number, limit: number) {
  return selectRequests(db).select(COLUMNS).where('change_requests.feed_position', '>', after).orderBy('change_requests.feed_position').limit(limit).execute();
}

export async function findRequest(db: Db, id: string, scope: AgencyScope): Promise<ChangeRequestRow | undefined> {
  return scoped(selectRequests(db), scope).select(COLUMNS).where('change_requests.id', '=', id).executeTakeFirst();
}

export interface RequestFilter {
  status: ChangeRequestStatus;
  offset: number;
  limit: number;
}

/** Newest first: the desk works through the latest; the count for the pager. */
export async function listRequests(db: Db, scope: AgencyScope, filter: RequestFilter): Promise<{ rows: ChangeRequestRow[]; total: number }> {
  const filtered = scoped(selectRequests(db), scope).where('change_requests.status', '=', filter.status);
  const rows = await filtered.select(COLUMNS).orderBy('change_requests.created_at', 'desc').orderBy('change_requests.id').offset(filter.offset).limit(filter.limit).execute();
  const count = await filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** The customer's latest requests, newest first (各種変更の手続き shows their state). */
export async function customerRequests(db: Db, customerId: string, limit: number): Promise<ChangeRequestRow[]> {
  return selectRequests(db).select(COLUMNS).where('change_requests.customer_id', '=', customerId).orderBy('change_requests.created_at', 'desc').orderBy('change_requests.id').limit(limit).execute();
}

/** The policies of these customers now, with their agencies and contact on file. */
export async function policiesOfCustomers(db: Db, customerIds: string[]) {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('policies')
    .innerJoin('agencies', 'agencies.code', 'policies.agency_code')
    .select(['policies.customer_id', 'policies.policy_number', 'policies.agency_code', 'agencies.name as agency_name', 'policies.postal_code', 'policies.address', 'policies.phone'])
    .where('policies.customer_id', 'in', [...new Set(customerIds)])
    .orderBy('policies.policy_number')
    .execute();
}

export interface OutcomeUpdate {
  status: 'done' | 'rejected';
  note: string | null;
  at: string;
  actorKind: string;
  actorId: string;
}

/** Decides a pending request; false when it was no longer pending (decided meanwhile, or gone). */
export async function decidePending(db: Db, id: string, update: OutcomeUpdate): Promise<boolean> {
  const result = await db
    .updateTable('change_requests')
    .set({ status: update.status, note: update.note, processed_at: update.at, processed_by_kind: update.actorKind, processed_by_id: update.actorId })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
