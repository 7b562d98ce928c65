import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PolicyTable } from '../../platform/db/schema.js';

/** A policy a reminder may be for, with what its mail says and where it goes. */
export type ReminderCandidate = Selectable<PolicyTable> & {
  customer_id: string;
  user_id: string;
  family_name: string;
  given_name: string;
  agency_name: string;
  /** The customer's language (customers.locale): the mail is written in it. */
  locale: string;
};

/** Where a scan of one offset's range stands: after this 満期日 and policy number. */
export interface ScanPosition {
  endDate: string;
  policyNumber: string;
}

export interface CandidateQuery {
  products: readonly string[];
  /** 満期日 from … to (both included). */
  endFrom: string;
  endTo: string;
  offsetDays: number;
  after: ScanPosition | null;
  limit: number;
}

/**
 * Policies with 満期日 in the range, of a registered open account that did not opt out, not
 * applied for this term and without this offset's reminder yet: policies by 満期日 (its index),
 * in 満期日 and number order from `after`.
 */
export async function reminderCandidates(db: Db, q: CandidateQuery): Promise<ReminderCandidate[]> {
  if (q.products.length === 0) return [];
  const rows = await db
    .selectFrom('policies')
    .innerJoin('customers', 'customers.id', 'policies.customer_id')
    .innerJoin('agencies', 'agencies.code', 'policies.agency_code')
    .selectAll('policies')
    .select(['customers.user_id', 'customers.family_name', 'customers.given_name', 'customers.locale', 'agencies.name as agency_name'])
    .where('policies.end_date', '>=', q.endFrom)
    .where('policies.end_date', '<=', q.endTo)
    .where('policies.product', 'in', [...q.products])
    .where('policies.status', '=', 'in_force')
    .where('customers.closed_at', 'is', null)
    .where(({ eb, not, exists, selectFrom }) =>
      eb.and([
        not(exists(selectFrom('reminder_opt_outs').select('reminder_opt_outs.customer_id').whereRef('reminder_opt_outs.customer_id', '=', 'policies.customer_id'))),
        not(
          exists(
            selectFrom('renewal_applications')
              .select('renewal_applications.id')
              .whereRef('renewal_applications.policy_number', '=', 'policies.policy_number')
              .whereRef('renewal_applications.current_end_date', '=', 'policies.end_date'),
          ),
        ),
        not(
          exists(
            selectFrom('renewal_reminders')
              .select('renewal_reminders.id')
              .whereRef('renewal_reminders.policy_number', '=', 'policies.policy_number')
              .whereRef('renewal_reminders.end_date', '=', 'policies.end_date')
              .where('renewal_reminders.offset_days', '=', q.offsetDays),
          ),
        ),
      ]),
    )
    .$if(q.after !== null, (query) =>
      query.where((eb) =>
        eb.or([
          eb('policies.end_date', '>', q.after!.endDate),
          eb.and([eb('policies.end_date', '=', q.after!.endDate), eb('policies.policy_number', '>', q.after!.policyNumber)]),
        ]),
      ),
    )
    .orderBy('policies.end_date')
    .orderBy('policies.policy_number')
    .limit(q.limit)
    .execute();
  return rows.map((row) => ({ ...row, customer_id: row.customer_id as string }));
}

export interface NewReminder {
  id: string;
  policyNumber: string;
  endDate: string;
  offsetDays: number;
  customerId: string;
  at: Date;
}

const text = (value: string) => sql<string>`cast(${value} as text)`;

/**
 * Records the reminder unless it exists (UNIQUE policy, term, offset) or the policy stopped
 * qualifying since it was read (the account closed or opted out, the policy moved to another
 * account or term, an application came in): one statement, so the check and the record are
 * one step. True when this call recorded it: then, and only then, the mail goes out.
 */
export async function recordReminder(db: Db, r: NewReminder): Promise<boolean> {
  const inserted = await db
    .insertInto('renewal_reminders')
    .columns(['id', 'policy_number', 'end_date', 'offset_days', 'customer_id', 'sent_at'])
    .expression((eb) =>
      eb
        .selectFrom('policies')
        .innerJoin('customers', 'customers.id', 'policies.customer_id')
        .select([
          text(r.id).as('id'),
          'policies.policy_number',
          'policies.end_date',
          sql<number>`cast(${r.offsetDays} as integer)`.as('offset_days'),
          'customers.id as customer_id',
          text(r.at.toISOString()).as('sent_at'),
        ])
        .where('policies.policy_number', '=', r.policyNumber)
        .where('policies.end_date', '=', r.endDate)
        .where('policies.customer_id', '=', r.customerId)
        .where('policies.status', '=', 'in_force')
        .where('customers.closed_at', 'is', null)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('reminder_opt_outs').select('reminder_opt_outs.customer_id').whereRef('reminder_opt_outs.customer_id', '=', 'customers.id'))),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('renewal_applications')
                .select('renewal_applications.id')
                .whereRef('renewal_applications.policy_number', '=', 'policies.policy_number')
                .whereRef('renewal_applications.current_end_date', '=', 'policies.end_date'),
            ),
          ),
        ),
    )
    .onConflict((oc) => oc.columns(['policy_number', 'end_date', 'offset_days']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function linkOutbox(db: Db, reminderId: string, outboxId: string): Promise<void> {
  await db.updateTable('renewal_reminders').set({ outbox_id: outboxId }).where('id', '=', reminderId).execute();
}
