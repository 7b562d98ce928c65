import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';

/** What the agencies' services need. */
export interface AgencyDeps {
  db: Db;
  clock: Clock;
}

/** The staff member acting, for the audit. */
export interface StaffAct {
  actor: Actor;
  ip: string;
}
