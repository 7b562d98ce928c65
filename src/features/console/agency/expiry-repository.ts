import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { EndDateRange, ExpiryStatus } from './expiry.js';

// 満期管理's queries: one agency's policies with 満期日 in a range, each term's status worked out
// in SQL so that the filter, the counts and the list agree (policies_by_agency_end_date).

export interface ExpiryWhere {
  agencyCode: string;
  range: EndDateRange;
  /** Japan's calendar date: a term that ended before it, unapplied, is 満期経過. */
  today: string;
  /** An open renewal flow expires after this instant. */
  nowIso: string;
}

// A renewal flow's row (kind 'renewal', the renewal feature's; found by flows_by_customer_kind)
// keeps its RenewalData in the flow envelope's "data", as JSON whose first keys are policyNumber
// and currentEndDate. 証券番号 are letters and digits, so the pattern has no LIKE wildcard of its
// own. The integration test walks a real renewal to hold the two together.
const FLOW_OF_TERM = sql<string>`'%"data":{"policyNumber":"' || policies.policy_number || '","currentEndDate":"' || policies.end_date || '"%'`;

const statusOf = (w: ExpiryWhere) => sql<ExpiryStatus>`case
  when policies.status = 'cancelled' then 'cancelled'
  when exists (select 1 from renewal_applications a where a.policy_number = policies.policy_number and a.current_end_date = policies.end_date) then 'applied'
  when policies.end_date < ${w.today} or policies.status = 'expired' then 'lapsed'
  when customers.id is null or customers.closed_at is not null then 'unregistered'
  when exists (select 1 from flows f where f.customer_id = policies.customer_id and f.kind = 'renewal' and f.state <> 'completed' and f.expires_at > ${w.nowIso} and f.data like ${FLOW_OF_TERM}) then 'in_progress'
  else 'not_started'
end`;

function terms(db: Db, w: ExpiryWhere) {
  return db
    .selectFrom('policies')
    .leftJoin('customers', 'customers.id', 'policies.customer_id')
    .where('policies.agency_code', '=', w.agencyCode)
    .where('policies.end_date', '>=', w.range.from)
    .where('policies.end_date', '<', w.range.until)
    .select(['policies.policy_number', 'policies.holder_family_name', 'policies.holder_given_name', 'policies.end_date', 'policies.last_procedure_at', statusOf(w).as('status')]);
}

export type ExpiryRow = { policy_number: string; holder_family_name: string; holder_given_name: string; end_date: string; last_procedure_at: string | null; status: ExpiryStatus };

/** The terms, soonest 満期日 first, of one status or all; at most `limit` (null: all). */
export async function listTerms(db: Db, w: ExpiryWhere, status: ExpiryStatus | null, limit: number | null): Promise<ExpiryRow[]> {
  return db
    .selectFrom(terms(db, w).as('t'))
    .selectAll()
    .$if(status !== null, (q) => q.where('t.status', '=', status!))
    .orderBy('t.end_date')
    .orderBy('t.policy_number')
    .$if(limit !== null, (q) => q.limit(limit!))
    .execute();
}

/** How many terms have each status (whatever the status filter). */
export async function countTerms(db: Db, w: ExpiryWhere): Promise<Map<ExpiryStatus, number>> {
  const rows = await db
    .selectFrom(terms(db, w).as('t'))
    .select(['t.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('t.status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export interface ReminderSent {
  policy_number: string;
  offset_days: number;
  sent_at: string;
}

/** The 満期案内 mails sent for the terms in the range (this term's, not an earlier one's). */
export async function remindersOfTerms(db: Db, w: ExpiryWhere): Promise<ReminderSent[]> {
  return db
    .selectFrom('renewal_reminders')
    .innerJoin('policies', (join) => join.onRef('policies.policy_number', '=', 'renewal_reminders.policy_number').onRef('policies.end_date', '=', 'renewal_reminders.end_date'))
    .where('policies.agency_code', '=', w.agencyCode)
    .where('policies.end_date', '>=', w.range.from)
    .where('policies.end_date', '<', w.range.until)
    .select(['renewal_reminders.policy_number', 'renewal_reminders.offset_days', 'renewal_reminders.sent_at'])
    .orderBy('renewal_reminders.sent_at')
    .execute();
}
