import type { Db } from '../../platform/db/database.js';
import { sameHolder, type Holder } from '../policies/holder.js';
import { POLICY_HOLDER_COLUMNS, policyHolderOf } from '../policies/policy-query.js';

/** Links every policy of this holder (same name, kana, birth date) that has no customer yet. */
export async function linkHolderPolicies(db: Db, customerId: string, holder: Holder, at: Date): Promise<string[]> {
  const candidates = await db
    .selectFrom('policies')
    .select(['policy_number', ...POLICY_HOLDER_COLUMNS])
    .where('birth_date', '=', holder.birthDate)
    .where('customer_id', 'is', null)
    .execute();
  const numbers = candidates
    .filter((row) => sameHolder(holder, policyHolderOf(row)))
    .map((row) => row.policy_number);
  if (numbers.length === 0) return [];
  await db
    .updateTable('policies')
    .set({ customer_id: customerId, updated_at: at.toISOString() })
    .where('policy_number', 'in', numbers)
    .where('customer_id', 'is', null)
    .execute();
  return numbers;
}
