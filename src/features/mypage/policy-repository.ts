import type { Db } from '../../platform/db/database.js';
import type { Holder } from '../policies/holder.js';
import { CUSTOMER_HOLDER_COLUMNS, customerHolderOf } from '../policies/policy-query.js';

/** The account's own person (an open account only). */
export async function findAccountHolder(db: Db, customerId: string): Promise<Holder | null> {
  const row = await db.selectFrom('customers').select(CUSTOMER_HOLDER_COLUMNS).where('id', '=', customerId).where('closed_at', 'is', null).executeTakeFirst();
  return row ? customerHolderOf(row) : null;
}

/** Links the policy only if no account has it yet (a race with another account changes nothing). */
export async function linkPolicy(db: Db, policyNumber: string, customerId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('policies')
    .set({ customer_id: customerId, updated_at: at.toISOString() })
    .where('policy_number', '=', policyNumber)
    .where('customer_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
