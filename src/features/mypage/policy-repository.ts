import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PolicyTable } from '../../platform/db/schema.js';
import type { Holder } from '../policies/holder.js';

/** Every column of an own policy, with its agency's name (契約内容の確認). */
export type PolicyDetails = Selectable<PolicyTable> & { agency_name: string };

/** Only the customer's own policy: someone else's and a missing one are both undefined. */
export async function findOwnPolicyDetails(db: Db, customerId: string, policyNumber: string): Promise<PolicyDetails | undefined> {
  return db
    .selectFrom('policies')
    .innerJoin('agencies', 'agencies.code', 'policies.agency_code')
    .selectAll('policies')
    .select('agencies.name as agency_name')
    .where('policies.customer_id', '=', customerId)
    .where('policies.policy_number', '=', policyNumber)
    .executeTakeFirst();
}

export interface LinkCandidate {
  customerId: string | null;
  holder: Holder;
}

export async function findLinkCandidate(db: Db, policyNumber: string): Promise<LinkCandidate | null> {
  const row = await db
    .selectFrom('policies')
    .select(['customer_id', 'holder_family_name', 'holder_given_name', 'holder_family_kana', 'holder_given_kana', 'birth_date'])
    .where('policy_number', '=', policyNumber)
    .executeTakeFirst();
  if (!row) return null;
  return {
    customerId: row.customer_id,
    holder: { familyName: row.holder_family_name, givenName: row.holder_given_name, familyKana: row.holder_family_kana, givenKana: row.holder_given_kana, birthDate: row.birth_date },
  };
}

/** The account's own person (an open account only). */
export async function findAccountHolder(db: Db, customerId: string): Promise<Holder | null> {
  const row = await db
    .selectFrom('customers')
    .select(['family_name', 'given_name', 'family_kana', 'given_kana', 'birth_date'])
    .where('id', '=', customerId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return row ? { familyName: row.family_name, givenName: row.given_name, familyKana: row.family_kana, givenKana: row.given_kana, birthDate: row.birth_date } : null;
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
