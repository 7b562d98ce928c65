import type { Job, JobLog } from '../../platform/jobs/index.js';
import { applyAllDueHolds, type HoldDeps } from './hold.js';

export const REREGISTRATION_HOLDS_JOB = 'reregistration-holds';

/** `reregistration-holds`: hourly, leased; a due 再登録 takes effect even if nobody logs in. */
export function reregistrationHoldsJob(deps: HoldDeps, log: JobLog): Job {
  return {
    name: REREGISTRATION_HOLDS_JOB,
    everyMs: 3_600_000,
    run: async (signal) => {
      const applied = await applyAllDueHolds(deps, signal);
      if (applied > 0) log.info({ job: REREGISTRATION_HOLDS_JOB, applied }, 'applied due re-registration holds');
    },
  };
}
