import { newId } from '../crypto.js';
import type { Db } from '../db/database.js';

/**
 * How a login was made: the login form's password or a passkey, or a flow that ends logged in
 * after the mail link and keyword (a new account, new credentials).
 */
export type LoginMethod = 'password' | 'passkey' | 'registration' | 'recovery';

export interface LoginEvent {
  customerId: string;
  method: LoginMethod;
  succeeded: boolean;
  at: Date;
  userAgent: string;
  ip: string;
}

/** The newest attempts kept per customer: the page shows 20; a burst of failures cannot grow the table without bound. */
export const LOGIN_EVENTS_KEPT_PER_CUSTOMER = 100;
/** Older attempts go with the hourly purge (docs/operations.md, "Retention"). */
export const LOGIN_EVENT_DAYS = 90;

const USER_AGENT_MAX = 300;

/**
 * Records a login attempt of an existing account (success or failure), and lets the customer's
 * attempts beyond the newest LOGIN_EVENTS_KEPT_PER_CUSTOMER go. Pass a transaction to join it.
 */
export async function recordLoginEvent(db: Db, event: LoginEvent): Promise<void> {
  // Both statements commit together: one commit, and no attempt is kept without the cap applied.
  if (!db.isTransaction) return db.transaction().execute((trx) => recordLoginEvent(trx, event));
  await db
    .insertInto('login_events')
    .values({
      id: newId(),
      customer_id: event.customerId,
      at: event.at.toISOString(),
      method: event.method,
      succeeded: event.succeeded ? 1 : 0,
      user_agent: event.userAgent.slice(0, USER_AGENT_MAX),
      ip: event.ip,
    })
    .execute();
  await db
    .deleteFrom('login_events')
    .where('customer_id', '=', event.customerId)
    .where('id', 'not in', (eb) =>
      eb.selectFrom('login_events as k').select('k.id').where('k.customer_id', '=', event.customerId).orderBy('k.at', 'desc').orderBy('k.id', 'desc').limit(LOGIN_EVENTS_KEPT_PER_CUSTOMER),
    )
    .execute();
}

export interface LoginEventRow {
  at: string;
  method: LoginMethod;
  succeeded: boolean;
  userAgent: string;
}

const METHODS: readonly string[] = ['password', 'passkey', 'registration', 'recovery'] satisfies LoginMethod[];
const methodOf = (text: string): LoginMethod => (METHODS.includes(text) ? (text as LoginMethod) : 'password');

/** The customer's newest attempts, newest first. */
export async function recentLoginEvents(db: Db, customerId: string, limit: number): Promise<LoginEventRow[]> {
  const rows = await db
    .selectFrom('login_events')
    .select(['at', 'method', 'succeeded', 'user_agent'])
    .where('customer_id', '=', customerId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: r.at, method: methodOf(r.method), succeeded: Number(r.succeeded) === 1, userAgent: r.user_agent }));
}
