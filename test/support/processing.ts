// Renewal applications and change requests as the customer side stores them, for the processing tests.
import { setTimeout as sleep } from 'node:timers/promises';
import { newId } from '../../src/platform/crypto.js';
import type { Db } from '../../src/platform/db/database.js';
import type { RenewalApplicationTable } from '../../src/platform/db/schema.js';
import { insertApplication } from '../../src/features/renewal/repository.js';
import { insertChangeRequest } from '../../src/features/settings/repository.js';

/** An application as the renewal's last step stores it (プリウス, 推奨プラン, monthly by card). */
export function applicationRow(policyNumber: string, customerId: string, overrides: Partial<RenewalApplicationTable> = {}): RenewalApplicationTable {
  return {
    id: newId(),
    reception_number: `R20261125-${newId().replace(/-/g, '').slice(0, 8).toUpperCase()}`,
    policy_number: policyNumber,
    customer_id: customerId,
    current_end_date: '2026-12-27',
    new_start_date: '2026-12-27',
    new_end_date: '2027-12-27',
    plan: 'recommended',
    coverage: JSON.stringify({ ageCondition: '35', driverScope: 'family', usePurpose: 'leisure', bodilyInjury: 'unlimited', propertyDamage: 'unlimited', personalInjury: 30000000, vehicleCoverage: 'general', vehicleAmount: 2000000, vehicleDeductible: '5-10', riders: ['lawyer', 'road_assistance'] }),
    next_grade: 15,
    next_accident_coefficient_years: 0,
    annual_premium: 58200,
    monthly_premium: 5090,
    total_payable: 61080,
    payment_method: 'card',
    payment_method_changed: 1,
    payment_frequency: 'monthly',
    quote_breakdown: JSON.stringify([{ label: '基本保険料', kind: 'base', value: 90000 }, { label: 'ノンフリート等級 15等級', kind: 'factor', value: 0.5, note: '無事故' }]),
    confirmations: JSON.stringify([
      { key: 'confirm_coverage', text: '補償内容を確認しました。', at: '2026-11-25T01:05:00.000Z' },
      { key: 'confirm_matters', text: '重要事項説明書を確認しました。', at: '2026-11-25T01:06:00.000Z' },
    ]),
    created_at: '2026-11-25T01:07:00.000Z',
    ...overrides,
  };
}

export const insertApplicationRow = (db: Db, row: RenewalApplicationTable): Promise<boolean> => insertApplication(db, row);

/** A 住所・電話番号 request as 各種変更の手続き stores it. */
export const addressRequest = (db: Db, customerId: string, at: Date, address = '東京都港区芝公園4-2-8', policyNumbers = ['C123456789']): Promise<string> =>
  insertChangeRequest(db, { customerId, kind: 'address', data: { postalCode: '105-0011', address, phone: '090-1234-5678', policyNumbers }, at });

/** Runs `count` inserts, `parallel` at a time, each in a transaction held open for 0–15 ms after its insert. */
export async function insertConcurrently(db: Db, count: number, parallel: number, insert: (trx: Db, n: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      await db.transaction().execute(async (trx) => {
        await insert(trx, n);
        await sleep(Math.floor(Math.random() * 15));
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
