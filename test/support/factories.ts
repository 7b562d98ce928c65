import type { Db } from '../../src/platform/db/database.js';
import type { PolicyTable } from '../../src/platform/db/schema.js';

/** 三住 太郎's policy from the sample CSV, with whatever a test changes. */
export async function insertPolicy(db: Db, overrides: Partial<PolicyTable> = {}): Promise<PolicyTable> {
  const now = new Date().toISOString();
  const agencyCode = overrides.agency_code ?? 'D0001';
  await db
    .insertInto('agencies')
    .values({ code: agencyCode, name: 'みらい保険サービス有限会社', created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const policy: PolicyTable = {
    policy_number: 'C123456789',
    product: 'auto',
    holder_family_name: '三住',
    holder_given_name: '太郎',
    holder_family_kana: 'ミツスミ',
    holder_given_kana: 'タロウ',
    birth_date: '1975-01-01',
    email: 'abc@example.com',
    phone: '03-1234-5678',
    postal_code: '100-0005',
    address: '東京都千代田区丸の内1-1-1',
    agency_code: agencyCode,
    start_date: '2025-12-27',
    end_date: '2026-12-27',
    vehicle_model: 'プリウス',
    vehicle_registration: '品川 300 さ 12-34',
    vehicle_class: 'private_car',
    grade: 14,
    accident_coefficient_years: 0,
    claims_this_term: 0,
    age_condition: '35',
    driver_scope: 'family',
    use_purpose: 'leisure',
    bodily_injury: 'unlimited',
    property_damage: 'unlimited',
    personal_injury: '30000000',
    vehicle_coverage: 'general',
    vehicle_amount: 2200000,
    vehicle_deductible: '5-10',
    riders: 'lawyer;road_assistance',
    annual_premium: 58200,
    payment_method: 'bank',
    status: 'in_force',
    customer_id: null,
    last_procedure_at: null,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
  await db.insertInto('policies').values(policy).execute();
  return policy;
}
