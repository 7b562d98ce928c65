import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Db, Database } from '../../../platform/db/database.js';
import { policiesWithRenewal, type OwnPolicy } from '../../policies/policy-query.js';
import type { Criterion } from './search.js';

// The desk's queries. The search's expressions are the ones migration 0010 indexes.

type PolicyEb = ExpressionBuilder<Database, 'policies'>;

// The phone's digits, exactly as migration 0010 indexes them (policies_by_phone_digits; the
// plan test holds the two together): the CSV keeps a phone with its hyphens and brackets.
const PHONE_DIGITS = sql`replace(replace(replace(replace(policies.phone, '-', ''), '(', ''), ')', ''), '+', '')`;
type CustomerEb = ExpressionBuilder<Database, 'customers'>;

function policyMatch(eb: PolicyEb, c: Criterion): Expression<SqlBool> {
  switch (c.key) {
    case 'policy':
      return eb('policies.policy_number', '=', c.value);
    case 'email':
      return eb('policies.email', '=', c.value);
    case 'phone':
      return eb(PHONE_DIGITS, '=', c.value);
    case 'name':
      return c.script === 'kana'
        ? eb.or([eb('policies.holder_family_kana', '=', c.value), eb(sql`(policies.holder_family_kana || policies.holder_given_kana)`, '=', c.value)])
        : eb.or([eb('policies.holder_family_name', '=', c.value), eb(sql`(policies.holder_family_name || policies.holder_given_name)`, '=', c.value)]);
  }
}

/** Matched on the account or on a policy (of the agency only, when given: another agency's policy finds nobody). */
function customerMatch(eb: CustomerEb, c: Criterion, agencyCode: string | null): Expression<SqlBool> {
  const policies = eb
    .selectFrom('policies')
    .select('policies.customer_id')
    .where('policies.customer_id', 'is not', null)
    .where((p) => policyMatch(p, c))
    .$if(agencyCode !== null, (q) => q.where('policies.agency_code', '=', agencyCode!));
  const viaPolicies = eb('customers.id', 'in', policies.$narrowType<{ customer_id: string }>());
  switch (c.key) {
    case 'email':
      return eb.or([eb('customers.user_id', '=', c.value), viaPolicies]);
    case 'name':
      return c.script === 'kana'
        ? eb.or([eb('customers.family_kana', '=', c.value), eb(sql`(customers.family_kana || customers.given_kana)`, '=', c.value), viaPolicies])
        : eb.or([eb('customers.family_name', '=', c.value), eb(sql`(customers.family_name || customers.given_name)`, '=', c.value), viaPolicies]);
    default:
      return viaPolicies;
  }
}

/** One person found: a web account, or a policy holder without one (keyed by their first policy). */
export interface SearchRow {
  kind: 'customer' | 'holder';
  /** The customer's id, or the holder's first 証券番号. */
  key: string;
  family_name: string;
  given_name: string;
  family_kana: string;
  given_kana: string;
  birth_date: string;
  user_id: string | null;
  suspended_at: string | null;
  closed_at: string | null;
  policies: number;
}

/** The policies without an account of the outer row's holder (the same five identity columns), of one agency when given. */
const sameHolder = (eb: PolicyEb, agencyCode: string | null) =>
  eb
    .selectFrom('policies as h')
    .where('h.customer_id', 'is', null)
    .$if(agencyCode !== null, (q) => q.where('h.agency_code', '=', agencyCode!))
    .whereRef('h.holder_family_kana', '=', 'policies.holder_family_kana')
    .whereRef('h.holder_given_kana', '=', 'policies.holder_given_kana')
    .whereRef('h.birth_date', '=', 'policies.birth_date')
    .whereRef('h.holder_family_name', '=', 'policies.holder_family_name')
    .whereRef('h.holder_given_name', '=', 'policies.holder_given_name');

/** An agency's staff find only people holding one of its policies, and count only those (null: every agency). */
function searchUnion(db: Db, c: Criterion, agencyCode: string | null) {
  const customers = db
    .selectFrom('customers')
    .select((eb) => [
      sql<string>`'customer'`.as('kind'),
      'customers.id as key',
      'customers.family_name',
      'customers.given_name',
      'customers.family_kana',
      'customers.given_kana',
      'customers.birth_date',
      sql<string | null>`customers.user_id`.as('user_id'),
      sql<string | null>`customers.suspended_at`.as('suspended_at'),
      sql<string | null>`customers.closed_at`.as('closed_at'),
      eb
        .selectFrom('policies')
        .select((p) => p.fn.countAll<number>().as('n'))
        .whereRef('policies.customer_id', '=', 'customers.id')
        .$if(agencyCode !== null, (q) => q.where('policies.agency_code', '=', agencyCode!))
        .as('policies'),
    ])
    .where((eb) => customerMatch(eb, c, agencyCode))
    .$if(agencyCode !== null, (q) =>
      q.where(({ exists, selectFrom }) => exists(selectFrom('policies as own').select('own.policy_number').whereRef('own.customer_id', '=', 'customers.id').where('own.agency_code', '=', agencyCode!))),
    );
  const holders = db
    .selectFrom('policies')
    .select((eb) => [
      sql<string>`'holder'`.as('kind'),
      // Key and count over all of the holder's policies without an account, not only those matched.
      sql<string>`(${sameHolder(eb, agencyCode).select((e) => e.fn.min('h.policy_number').as('k'))})`.as('key'),
      'policies.holder_family_name as family_name',
      'policies.holder_given_name as given_name',
      'policies.holder_family_kana as family_kana',
      'policies.holder_given_kana as given_kana',
      'policies.birth_date',
      sql<string | null>`null`.as('user_id'),
      sql<string | null>`null`.as('suspended_at'),
      sql<string | null>`null`.as('closed_at'),
      sameHolder(eb, agencyCode).select((e) => e.fn.countAll<number>().as('n')).as('policies'),
    ])
    // "No account" written so no index serves it: SQLite would otherwise walk every policy
    // without an account (most of them) by policies_by_customer instead of the match's index.
    .where(sql`coalesce(policies.customer_id, '')`, '=', '')
    .where((eb) => policyMatch(eb, c))
    .$if(agencyCode !== null, (q) => q.where('policies.agency_code', '=', agencyCode!))
    .groupBy(['policies.holder_family_name', 'policies.holder_given_name', 'policies.holder_family_kana', 'policies.holder_given_kana', 'policies.birth_date']);
  return customers.unionAll(holders);
}

/** A page of the people a criterion finds (of one agency when given), in kana order, and how many there are in all. */
export async function searchPeople(db: Db, c: Criterion, offset: number, limit: number, agencyCode: string | null = null): Promise<{ rows: SearchRow[]; total: number }> {
  const rows = await db
    .selectFrom(searchUnion(db, c, agencyCode).as('found'))
    .selectAll()
    .orderBy('family_kana')
    .orderBy('given_kana')
    .orderBy('birth_date')
    .orderBy('kind')
    .orderBy('key')
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await db
    .selectFrom(searchUnion(db, c, agencyCode).as('found'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    rows: rows.map((r) => ({ ...r, kind: r.kind === 'customer' ? 'customer' : 'holder', policies: Number(r.policies ?? 0) })),
    total: Number(count.n),
  };
}

/** The throttle rows among these keys that lock now. */
export async function lockedKeys(db: Db, keys: string[], now: Date): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('throttles').select(['key', 'locked_until']).where('key', 'in', keys).where('locked_until', '>', now.toISOString()).execute();
  return new Map(rows.map((r) => [r.key, r.locked_until ?? '']));
}

export async function throttleRows(db: Db, keys: string[]) {
  if (keys.length === 0) return [];
  return db.selectFrom('throttles').selectAll().where('key', 'in', keys).execute();
}

export async function deleteThrottles(db: Db, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.deleteFrom('throttles').where('key', 'in', keys).execute();
}

export async function findAccount(db: Db, customerId: string) {
  return db.selectFrom('customers').select(['id', 'user_id', 'family_name', 'given_name', 'family_kana', 'given_kana', 'birth_date', 'created_at', 'last_login_at', 'previous_login_at', 'closed_at', 'suspended_at', 'locale']).where('id', '=', customerId).executeTakeFirst();
}
export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

export async function deviceTokenHashes(db: Db, customerId: string): Promise<string[]> {
  return (await db.selectFrom('known_devices').select('token_hash').where('customer_id', '=', customerId).execute()).map((r) => r.token_hash);
}

/** Sessions that still work: not revoked, not idle past `idleSince`, not older than `createdSince`. */
export async function liveSessions(db: Db, customerId: string, idleSince: string, createdSince: string) {
  return db
    .selectFrom('sessions')
    .select(['id_hash', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('actor_kind', '=', 'customer')
    .where('actor_id', '=', customerId)
    .where('revoked_at', 'is', null)
    .where('last_seen_at', '>', idleSince)
    .where('created_at', '>', createdSince)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** A policy not linked to any account, with its holder. */
export async function findUnlinkedHolder(db: Db, policyNumber: string) {
  return db.selectFrom('policies').select(['policy_number', 'customer_id', 'agency_code', 'holder_family_name', 'holder_given_name', 'holder_family_kana', 'holder_given_kana', 'birth_date', 'email']).where('policy_number', '=', policyNumber).executeTakeFirst();
}

/** The policies without an account of one holder (the same five identity columns as stored). */
export async function unlinkedPoliciesOf(db: Db, h: { holder_family_name: string; holder_given_name: string; holder_family_kana: string; holder_given_kana: string; birth_date: string }, agencyCode: string | null = null): Promise<Array<OwnPolicy & { email: string | null }>> {
  return policiesWithRenewal(db)
    .select('policies.email')
    .where('policies.customer_id', 'is', null)
    .$if(agencyCode !== null, (q) => q.where('policies.agency_code', '=', agencyCode!))
    .where('policies.holder_family_name', '=', h.holder_family_name)
    .where('policies.holder_given_name', '=', h.holder_given_name)
    .where('policies.holder_family_kana', '=', h.holder_family_kana)
    .where('policies.holder_given_kana', '=', h.holder_given_kana)
    .where('policies.birth_date', '=', h.birth_date)
    .orderBy('policies.end_date')
    .orderBy('policies.policy_number')
    .execute();
}

export const MAIL_LIST_LIMIT = 50;

/** The outbox rows to these addresses, newest first (never their text). */
export async function mailTo(db: Db, addresses: string[]) {
  if (addresses.length === 0) return [];
  return db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
    .where('to_address', 'in', addresses)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(MAIL_LIST_LIMIT)
    .execute();
}
export type MailRow = Awaited<ReturnType<typeof mailTo>>[number];

export async function findMail(db: Db, mailId: string) {
  return db.selectFrom('outbox').select(['id', 'to_address', 'text_body', 'secrets_sealed', 'status', 'attempts', 'last_error']).where('id', '=', mailId).executeTakeFirst();
}

/** failed → queued with a fresh count, only while it is still failed; whether it changed. */
export async function requeueMail(db: Db, mailId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('outbox').set({ status: 'queued', attempts: 0, next_attempt_at: now.toISOString(), last_error: null }).where('id', '=', mailId).where('status', '=', 'failed').executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function openFlows(db: Db, customerId: string, now: Date) {
  return db
    .selectFrom('flows')
    .select(['id', 'kind', 'state', 'data', 'created_at', 'expires_at'])
    .where('customer_id', '=', customerId)
    .where('expires_at', '>', now.toISOString())
    .where('state', 'not in', ['completed', 'held'])
    .orderBy('created_at', 'desc')
    .execute();
}

export async function renewalApplications(db: Db, customerId: string) {
  return db.selectFrom('renewal_applications').select(['reception_number', 'policy_number', 'new_start_date', 'annual_premium', 'created_at']).where('customer_id', '=', customerId).orderBy('created_at', 'desc').execute();
}

export async function changeRequests(db: Db, customerId: string) {
  return db.selectFrom('change_requests').select(['id', 'kind', 'status', 'created_at']).where('customer_id', '=', customerId).orderBy('created_at', 'desc').execute();
}

/** A page of the customer's account history, newest first, with the staff member's name where one acted. */
export async function historyPage(db: Db, customerId: string, offset: number, limit: number) {
  const rows = await db
    .selectFrom('audit_events')
    .leftJoin('staff_accounts', (join) => join.on('audit_events.actor_kind', '=', 'staff').onRef('staff_accounts.id', '=', 'audit_events.actor_id'))
    .select(['audit_events.id', 'audit_events.at', 'audit_events.kind', 'audit_events.actor_kind', 'audit_events.ip', 'audit_events.detail', 'staff_accounts.name as staff_name', 'staff_accounts.login as staff_login'])
    .where('audit_events.customer_id', '=', customerId)
    .orderBy('audit_events.at', 'desc')
    .orderBy('audit_events.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}
export type HistoryRow = Awaited<ReturnType<typeof historyPage>>['rows'][number];

/** 利用停止: only an open account not suspended yet; whether it changed. */
export async function suspendAccount(db: Db, customerId: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('customers').set({ suspended_at: at.toISOString(), updated_at: at.toISOString() }).where('id', '=', customerId).where('suspended_at', 'is', null).where('closed_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function resumeAccount(db: Db, customerId: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('customers').set({ suspended_at: null, updated_at: at.toISOString() }).where('id', '=', customerId).where('suspended_at', 'is not', null).where('closed_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Whether the customer holds one of the agency's policies. */
export async function holdsAgencyPolicy(db: Db, customerId: string, agencyCode: string): Promise<boolean> {
  return (await db.selectFrom('policies').select('policy_number').where('customer_id', '=', customerId).where('agency_code', '=', agencyCode).limit(1).executeTakeFirst()) !== undefined;
}
