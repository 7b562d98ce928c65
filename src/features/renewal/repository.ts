import type { Db } from '../../platform/db/database.js';
import { fixedQuery } from '../../platform/db/fixed-query.js';
import type { PolicyTable, RenewalApplicationTable } from '../../platform/db/schema.js';
import { RENEWAL_KIND } from './flow.js';

/** The policy row as the renewal reads it, with its agency's name. */
export type RenewalPolicy = Omit<PolicyTable, 'created_at' | 'updated_at'> & { agency_name: string };

/** Where the confirmation mail goes: the customer's user ID is the e-mail address. */
export async function findCustomerMail(db: Db, customerId: string): Promise<string | undefined> {
  const row = await db.selectFrom('customers').select('user_id').where('id', '=', customerId).executeTakeFirst();
  return row?.user_id;
}

// Read on every renewal step: compiled once and sorted here, because SQLite's ORDER BY costs a
// sorter per run (decision 0010). ISO times and UUIDs: code-unit order is the database's order.
const renewalFlowsOf = fixedQuery(
  (db, customerId: string) => db.selectFrom('flows').select(['id', 'created_at']).where('kind', '=', RENEWAL_KIND).where('customer_id', '=', customerId),
  1,
);
const byCreatedThenId = (a: { id: string; created_at: string }, b: { id: string; created_at: string }) =>
  a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The customer's renewal flow ids, oldest first (the oldest live one wins a race of two starts). */
export async function renewalFlowIds(db: Db, customerId: string): Promise<string[]> {
  const rows = await renewalFlowsOf(db, customerId);
  return rows.sort(byCreatedThenId).map((row) => row.id);
}

export async function findApplication(db: Db, policyNumber: string, currentEndDate: string): Promise<RenewalApplicationTable | undefined> {
  return db
    .selectFrom('renewal_applications')
    .selectAll()
    .where('policy_number', '=', policyNumber)
    .where('current_end_date', '=', currentEndDate)
    .executeTakeFirst();
}

/**
 * Inserts the application unless one exists for the same policy and term. The unique pair
 * decides a race (on PostgreSQL the loser waits for the winner's commit); false for the loser.
 */
export async function insertApplication(db: Db, row: RenewalApplicationTable): Promise<boolean> {
  const inserted = await db
    .insertInto('renewal_applications')
    .values(row)
    .onConflict((oc) => oc.columns(['policy_number', 'current_end_date']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** 最終手続日時 on home. */
export async function markProcedure(db: Db, policyNumber: string, at: Date): Promise<void> {
  await db.updateTable('policies').set({ last_procedure_at: at.toISOString(), updated_at: at.toISOString() }).where('policy_number', '=', policyNumber).execute();
}
