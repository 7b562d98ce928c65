import type { Db } from '../../platform/db/database.js';
import { sameHolder, type Holder } from '../policies/holder.js';

export interface ProofedPolicy {
  policyNumber: string;
  customerId: string | null;
  holder: Holder;
}

export async function findPolicy(db: Db, policyNumber: string): Promise<ProofedPolicy | null> {
  const row = await db
    .selectFrom('policies')
    .select(['policy_number', 'customer_id', 'holder_family_name', 'holder_given_name', 'holder_family_kana', 'holder_given_kana', 'birth_date'])
    .where('policy_number', '=', policyNumber)
    .executeTakeFirst();
  if (!row) return null;
  return {
    policyNumber: row.policy_number,
    customerId: row.customer_id,
    holder: {
      familyName: row.holder_family_name,
      givenName: row.holder_given_name,
      familyKana: row.holder_family_kana,
      givenKana: row.holder_given_kana,
      birthDate: row.birth_date,
    },
  };
}

/** Links every policy of this holder (same name, kana, birth date) that has no customer yet. */
export async function linkHolderPolicies(db: Db, customerId: string, holder: Holder, at: Date): Promise<string[]> {
  const candidates = await db
    .selectFrom('policies')
    .select(['policy_number', 'holder_family_name', 'holder_given_name', 'holder_family_kana', 'holder_given_kana', 'birth_date'])
    .where('birth_date', '=', holder.birthDate)
    .where('customer_id', 'is', null)
    .execute();
  const numbers = candidates
    .filter((row) =>
      sameHolder(holder, {
        familyName: row.holder_family_name,
        givenName: row.holder_given_name,
        familyKana: row.holder_family_kana,
        givenKana: row.holder_given_kana,
        birthDate: row.birth_date,
      }),
    )
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
