import { hashSecret, newId } from '../../src/platform/crypto.js';
import type { Db } from '../../src/platform/db/database.js';
import type { CustomerTable } from '../../src/platform/db/schema.js';
import type { Selectable } from 'kysely';
import { normalizeUserId } from '../../src/features/login/user-id.js';

export interface CustomerSeed {
  userId: string;
  password: string;
  familyName?: string;
  givenName?: string;
  familyKana?: string;
  givenKana?: string;
  birthDate?: string;
  /** Policy numbers (already inserted) to link to the customer. */
  policies?: string[];
  lastLoginAt?: string | null;
  previousLoginAt?: string | null;
}

/** A registered customer, 三住 太郎 unless told otherwise, with a real argon2id password hash. */
export async function insertCustomer(db: Db, seed: CustomerSeed): Promise<Selectable<CustomerTable>> {
  const now = new Date().toISOString();
  const customer: Selectable<CustomerTable> = {
    id: newId(),
    user_id: normalizeUserId(seed.userId),
    password_hash: await hashSecret(seed.password),
    family_name: seed.familyName ?? '三住',
    given_name: seed.givenName ?? '太郎',
    family_kana: seed.familyKana ?? 'ミツスミ',
    given_kana: seed.givenKana ?? 'タロウ',
    birth_date: seed.birthDate ?? '1975-01-01',
    last_login_at: seed.lastLoginAt ?? null,
    previous_login_at: seed.previousLoginAt ?? null,
    created_at: now,
    updated_at: now,
    closed_at: null,
    suspended_at: null,
    password_login_stopped_at: null,
    locale: 'ja',
  };
  // suspended_at and later columns are left to their defaults: tests of older migrations insert before they were added.
  const { suspended_at: _suspended, password_login_stopped_at: _stopped, locale: _locale, ...columns } = customer;
  await db.insertInto('customers').values(columns).execute();
  if (seed.policies?.length) {
    await db.updateTable('policies').set({ customer_id: customer.id }).where('policy_number', 'in', seed.policies).execute();
  }
  return customer;
}
