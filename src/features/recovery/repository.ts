import type { Db } from '../../platform/db/database.js';
import type { Holder } from '../policies/holder.js';
import { CUSTOMER_HOLDER_COLUMNS, customerHolderOf } from '../policies/policy-query.js';

export interface RecoveringCustomer {
  id: string;
  userId: string;
  holder: Holder;
}

export async function findCustomerByUserId(db: Db, userId: string): Promise<RecoveringCustomer | null> {
  const row = await db
    .selectFrom('customers')
    .select(['id', 'user_id', ...CUSTOMER_HOLDER_COLUMNS])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, userId: row.user_id, holder: customerHolderOf(row) };
}
