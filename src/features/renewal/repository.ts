import type { Db } from '../../platform/db/database.js';
import type { PolicyTable, RenewalApplicationTable } from '../../platform/db/schema.js';
import { RENEWAL_KIND } from './flow.js';

/** The policy row as the renewal reads it, with its agency's name. */
export type RenewalPolicy = Omit<PolicyTable, 'created_at' | 'updated_at'> & { agency_name: string };

/** Where the confirmation mail goes: the customer's user ID is the e-mail address. */
export async function findCustomerMail(db: Db, customerId: string): Promise<string | undefined> {
  const row = await db.selectFrom('customers').select('user_id').where('id', '=', customerId).executeTakeFirst();
  return row?.user_id;
}

/** The customer's renewal flow ids, oldest first (the oldest live one wins a race of two starts). */
export async function renewalFlowIds(db: Db, customerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('flows')
    .select('id')
    .where('kind', '=', RENEWAL_KIND)
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
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
