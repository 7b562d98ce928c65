import type { Job } from '../../platform/jobs/index.js';
import { sendDueReminders, type ReminderDeps } from './service.js';

export const REMINDERS_JOB = 'reminders';
const HOUR_MS = 3_600_000;

/** `reminders`: hourly, leased (one worker at a time; the UNIQUE row makes each mail once in any case). */
export function remindersJob(deps: ReminderDeps): Job {
  return {
    name: REMINDERS_JOB,
    everyMs: HOUR_MS,
    run: async (signal) => {
      await sendDueReminders(deps, signal);
    },
  };
}
