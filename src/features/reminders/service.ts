import type { Selectable } from 'kysely';
import type { Config } from '../../config.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { SYSTEM } from '../../platform/auth/actor.js';
import { japanDate, type Clock } from '../../platform/clock.js';
import { newId } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { PolicyTable } from '../../platform/db/schema.js';
import type { MailQueue } from '../../platform/mail/outbox.js';
import { DEFAULT_LOCALE, isLocale } from '../../platform/ui/i18n/locale.js';
import { ONLINE_RENEWAL_PRODUCTS } from '../policies/products.js';
import { reminderMail } from './mail.js';
import { addDays, daysBetween, offsetRanges, type OffsetRange } from './offsets.js';
import { linkOutbox, recordReminder, reminderCandidates, type ReminderCandidate, type ScanPosition } from './repository.js';
import './audit-kinds.js';

export interface ReminderDeps {
  config: Pick<Config, 'brand' | 'baseUrl' | 'renewalReminderDays'>;
  db: Db;
  clock: Clock;
  mail: MailQueue;
  /**
   * Whether the policy can be renewed online at all (the renewal's rule, handed in by the job
   * list: this feature does not import the renewal). The product is checked here in any case.
   */
  renewableOnline: (policy: Selectable<PolicyTable>) => boolean;
}

/** Policies per transaction: short transactions, no long lock. */
export const REMINDER_BATCH = 200;

export interface ReminderRun {
  /** Mails queued, by offset. */
  queued: Record<number, number>;
}

/** One batch: each reminder recorded (unless another worker did) and its mail queued, in one transaction. */
async function sendBatch(deps: ReminderDeps, range: OffsetRange, batch: ReminderCandidate[], today: string, now: Date): Promise<number> {
  const topUrl = `${deps.config.baseUrl}/`;
  const queued = await deps.db.transaction().execute(async (trx) => {
    let count = 0;
    for (const policy of batch) {
      const id = newId();
      const recorded = await recordReminder(trx, { id, policyNumber: policy.policy_number, endDate: policy.end_date, offsetDays: range.offsetDays, customerId: policy.customer_id, at: now });
      if (!recorded) continue;
      const message = reminderMail({
        brand: deps.config.brand,
        topUrl,
        to: policy.user_id,
        familyName: policy.family_name,
        givenName: policy.given_name,
        policyNumber: policy.policy_number,
        vehicleModel: policy.vehicle_model,
        endDate: policy.end_date,
        agencyName: policy.agency_name,
        daysLeft: daysBetween(today, policy.end_date),
        // A job sends it: the customer's language, set at each login and each switch.
        locale: isLocale(policy.locale) ? policy.locale : DEFAULT_LOCALE,
      });
      await linkOutbox(trx, id, await deps.mail.enqueue(trx, message, now));
      await recordAudit(trx, now, {
        kind: 'renewal_reminder_queued',
        actor: SYSTEM,
        customerId: policy.customer_id,
        subject: { kind: 'policy', id: policy.policy_number },
        detail: { endDate: policy.end_date, offsetDays: range.offsetDays, daysLeft: daysBetween(today, policy.end_date) },
      });
      count += 1;
    }
    return count;
  });
  if (queued > 0) deps.mail.kick();
  return queued;
}

/**
 * Queues every 満期案内 due today (Japan date): for each offset, the policies whose days left
 * fall in its range (offsets.ts), REMINDER_BATCH at a time. Stops between batches when `signal`
 * aborts; what is left is done at the next run. Safe on any number of workers at once.
 */
export async function sendDueReminders(deps: ReminderDeps, signal?: AbortSignal): Promise<ReminderRun> {
  const now = deps.clock.now();
  const today = japanDate(now);
  const queued: Record<number, number> = {};
  for (const range of offsetRanges(deps.config.renewalReminderDays)) {
    let count = 0;
    let after: ScanPosition | null = null;
    for (;;) {
      if (signal?.aborted) break;
      const rows = await reminderCandidates(deps.db, {
        products: [...ONLINE_RENEWAL_PRODUCTS],
        endFrom: addDays(today, range.toDays),
        endTo: addDays(today, range.fromDays),
        offsetDays: range.offsetDays,
        after,
        limit: REMINDER_BATCH,
      });
      const last = rows.at(-1);
      if (!last) break;
      count += await sendBatch(deps, range, rows.filter(deps.renewableOnline), today, now);
      if (rows.length < REMINDER_BATCH) break;
      after = { endDate: last.end_date, policyNumber: last.policy_number };
    }
    queued[range.offsetDays] = count;
  }
  return { queued };
}
