import { addDays } from '../../src/features/reminders/offsets.js';
import { japanDate } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/crypto.js';
import type { Db } from '../../src/platform/db/database.js';
import { insertCustomer } from './customers.js';
import { insertPolicy } from './factories.js';

export const REMINDER_SUBJECT = '【みらい損保】自動車保険の満期のご案内';
export const holderAddress = (i: number) => `holder${i}@example.com`;

/** `count` policies ending 60 days from today (Japan), each with its own registered holder: a 60-day 満期案内 each is due now. */
export async function seedDueReminders(db: Db, count: number): Promise<void> {
  const endDate = addDays(japanDate(new Date()), 60);
  const template = await insertPolicy(db, { policy_number: 'P000000000', end_date: endDate, start_date: addDays(endDate, -365) });
  const first = await insertCustomer(db, { userId: holderAddress(0), password: 'Mt4sQx9v', policies: ['P000000000'] });
  const customers = Array.from({ length: count - 1 }, (_, i) => ({ ...first, id: newId(), user_id: holderAddress(i + 1) }));
  for (let i = 0; i < customers.length; i += 200) {
    const slice = customers.slice(i, i + 200);
    await db.insertInto('customers').values(slice).execute();
    await db.insertInto('policies').values(slice.map((c, j) => ({ ...template, policy_number: `P${String(i + j + 1).padStart(9, '0')}`, customer_id: c.id }))).execute();
  }
}
