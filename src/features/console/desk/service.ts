import type { Actor } from '../../../platform/auth/actor.js';
import { recordAudit } from '../../../platform/auth/audit.js';
import { accountThrottleKey, deviceThrottleKey } from '../../../platform/auth/logins.js';
import { CUSTOMER_SESSION, revokeCustomerSessions } from '../../../platform/auth/sessions.js';
import { japanDate, type Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { MailQueue } from '../../../platform/mail/outbox.js';
import { hasTokenShapedLink, openMailText } from '../../../platform/mail/secrets.js';
import { normalizeEmail } from '../../../platform/text.js';
import { policyView, type PolicyView } from '../../policies/customer-policies.js';
import { listOwnPolicies } from '../../policies/policy-query.js';
import { isPolicyNumber } from '../../policies/policy-number.js';
import * as repo from './repository.js';
import type { StaffScope } from '../staff-rules.js';
import { PAGE_SIZE, type Criterion } from './search.js';
import './audit-kinds.js';

// The desk's rules: who a URL's id is, what the details page shows, and the support actions,
// each in one transaction with its audit event (actor, reason, before and after).

export interface DeskDeps {
  db: Db;
  clock: Clock;
  mail: MailQueue;
  secret: string;
}

export interface StaffContext {
  actor: Actor;
  ip: string;
}

/** A person's id in the console's URLs: a customer's id, or `policy-` and a holder's first 証券番号. */
export type PersonRef = { kind: 'customer'; customerId: string } | { kind: 'holder'; policyNumber: string };

const HOLDER_PREFIX = 'policy-';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const personId = (row: { kind: 'customer' | 'holder'; key: string }): string => (row.kind === 'customer' ? row.key : `${HOLDER_PREFIX}${row.key}`);

/** The id as a reference, or null for anything no person can have (then the page is 404). */
export function parsePersonId(id: string): PersonRef | null {
  if (UUID.test(id)) return { kind: 'customer', customerId: id };
  if (id.startsWith(HOLDER_PREFIX)) {
    const policyNumber = id.slice(HOLDER_PREFIX.length);
    return isPolicyNumber(policyNumber) && policyNumber !== '' ? { kind: 'holder', policyNumber } : null;
  }
  return null;
}

// ---------------------------------------------------------------- search

export interface FoundPerson extends repo.SearchRow {
  id: string;
  locked: boolean;
}

export interface SearchResult {
  people: FoundPerson[];
  total: number;
  page: number;
  pages: number;
}

const agencyOf = (scope: StaffScope): string | null => (scope.kind === 'agency' ? scope.agencyCode : null);

export async function searchCustomers(deps: DeskDeps, staff: StaffContext, input: { criterion: Criterion; page: number; by: string; q: string }, scope: StaffScope = { kind: 'all' }): Promise<SearchResult> {
  const now = deps.clock.now();
  const { rows, total } = await repo.searchPeople(deps.db, input.criterion, (input.page - 1) * PAGE_SIZE, PAGE_SIZE, agencyOf(scope));
  const keyOf = (row: repo.SearchRow) => (row.kind === 'customer' && row.user_id && !row.closed_at ? accountThrottleKey(normalizeEmail(row.user_id)) : null);
  const locks = await repo.lockedKeys(deps.db, rows.map(keyOf).filter((k): k is string => k !== null), now);
  await recordAudit(deps.db, now, { kind: 'console_customers_searched', actor: staff.actor, ip: staff.ip, detail: { by: input.by, q: input.q, page: input.page, total, shown: rows.map(personId) } });
  return {
    people: rows.map((row) => {
      const key = keyOf(row);
      return { ...row, id: personId(row), locked: key !== null && locks.has(key) };
    }),
    total,
    page: input.page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

// ---------------------------------------------------------------- details

export interface LockState {
  /** The user ID's login lock, until then. */
  accountLockedUntil: string | null;
  /** Failed logins counted on the user ID now. */
  accountFailures: number;
  /** Browsers of this customer whose own count is locked. */
  lockedDevices: number;
}

export interface ResendableMail extends repo.MailRow {
  /** Failed and without a one-time link: it may be queued again. */
  resendable: boolean;
  /** Failed, but it carried a one-time link whose token is gone: it cannot be sent again. */
  linkGone: boolean;
}

export interface AccountDetails {
  account: repo.AccountRow;
  lock: LockState;
  sessions: Awaited<ReturnType<typeof repo.liveSessions>>;
  flows: Array<Omit<Awaited<ReturnType<typeof repo.openFlows>>[number], 'data'>>;
  applications: Awaited<ReturnType<typeof repo.renewalApplications>>;
  changes: Awaited<ReturnType<typeof repo.changeRequests>>;
  history: { rows: repo.HistoryRow[]; total: number; page: number; pages: number };
}

export interface PersonDetails {
  id: string;
  holder: { familyName: string; givenName: string; familyKana: string; givenKana: string; birthDate: string };
  policies: PolicyView[];
  mail: ResendableMail[];
  /** null: a policy holder without a web account. */
  account: AccountDetails | null;
  today: string;
  /** An agency's view: its own policies, their applications and renewals; no sessions, mail, change requests, history or support actions. */
  limited: boolean;
}

export type DetailsOutcome = { kind: 'ok'; details: PersonDetails } | { kind: 'not_found' } | { kind: 'moved'; id: string };

const accountKey = (account: { user_id: string }) => accountThrottleKey(normalizeEmail(account.user_id));

async function lockState(db: Db, account: repo.AccountRow, now: Date): Promise<LockState> {
  const deviceKeys = (await repo.deviceTokenHashes(db, account.id)).map(deviceThrottleKey);
  const rows = await repo.throttleRows(db, [accountKey(account), ...deviceKeys]);
  const at = now.toISOString();
  const accountRow = rows.find((r) => r.key === accountKey(account));
  const locked = (r: { locked_until: string | null }) => r.locked_until !== null && r.locked_until > at;
  return {
    accountLockedUntil: accountRow && locked(accountRow) ? accountRow.locked_until : null,
    accountFailures: accountRow ? Number(accountRow.failures) : 0,
    lockedDevices: rows.filter((r) => r.key !== accountKey(account) && locked(r)).length,
  };
}

export const isLocked = (lock: LockState): boolean => lock.accountLockedUntil !== null || lock.lockedDevices > 0;

/** A failed mail may be queued again unless its text had a one-time link (slots whose values are gone, or a token in a URL). */
function resendability(secret: string, row: { id: string; to_address: string; text_body: string; secrets_sealed: string | null; status: string }): { resendable: boolean; linkGone: boolean } {
  if (row.status !== 'failed') return { resendable: false, linkGone: false };
  const opens = row.secrets_sealed === null && openMailText(secret, row) !== null && !hasTokenShapedLink(row.text_body);
  return { resendable: opens, linkGone: !opens };
}

async function mailOf(deps: DeskDeps, addresses: string[]): Promise<ResendableMail[]> {
  const rows = await repo.mailTo(deps.db, [...new Set(addresses)]);
  const result: ResendableMail[] = [];
  for (const row of rows) {
    const full = row.status === 'failed' ? await repo.findMail(deps.db, row.id) : undefined;
    result.push({ ...row, ...(full ? resendability(deps.secret, full) : { resendable: false, linkGone: false }) });
  }
  return result;
}

/** The 証券番号 a renewal flow's row is for (its envelope's data, RenewalData), or null for another flow. */
function renewalPolicyOf(flow: { kind: string; data: string }): string | null {
  if (flow.kind !== 'renewal') return null;
  try {
    const parsed = JSON.parse(flow.data) as { data?: { policyNumber?: unknown } };
    return typeof parsed.data?.policyNumber === 'string' ? parsed.data.policyNumber : null;
  } catch {
    return null;
  }
}

/**
 * The details page of a person. An agency's staff see only a person holding one of its policies
 * (anyone else is 404, as a page that does not exist), and of them only that agency's part.
 */
export async function loadPerson(deps: DeskDeps, staff: StaffContext, id: string, historyPageNumber: number, scope: StaffScope = { kind: 'all' }): Promise<DetailsOutcome> {
  const ref = parsePersonId(id);
  if (!ref) return { kind: 'not_found' };
  const agency = agencyOf(scope);
  const now = deps.clock.now();
  const today = japanDate(now);
  if (ref.kind === 'holder') {
    const first = await repo.findUnlinkedHolder(deps.db, ref.policyNumber);
    if (!first || (agency !== null && first.agency_code !== agency)) return { kind: 'not_found' };
    if (first.customer_id) return { kind: 'moved', id: first.customer_id };
    const policies = await repo.unlinkedPoliciesOf(deps.db, first, agency);
    const mail = agency !== null ? [] : await mailOf(deps, policies.map((p) => p.email).filter((e): e is string => e !== null));
    await recordAudit(deps.db, now, { kind: 'console_customer_viewed', actor: staff.actor, subject: { kind: 'policy', id: first.policy_number }, ip: staff.ip, detail: { policies: policies.map((p) => p.policy_number) } });
    return {
      kind: 'ok',
      details: {
        id,
        holder: { familyName: first.holder_family_name, givenName: first.holder_given_name, familyKana: first.holder_family_kana, givenKana: first.holder_given_kana, birthDate: first.birth_date },
        policies: policies.map((p) => policyView(p, today)),
        mail,
        account: null,
        today,
        limited: agency !== null,
      },
    };
  }
  const account = await repo.findAccount(deps.db, ref.customerId);
  if (!account || (agency !== null && !(await repo.holdsAgencyPolicy(deps.db, account.id, agency)))) return { kind: 'not_found' };
  // The view is recorded first: the history shown includes it.
  await recordAudit(deps.db, now, { kind: 'console_customer_viewed', actor: staff.actor, customerId: account.id, ip: staff.ip, detail: { historyPage: historyPageNumber } });
  const idleSince = new Date(now.getTime() - CUSTOMER_SESSION.idleMs).toISOString();
  const createdSince = new Date(now.getTime() - CUSTOMER_SESSION.absoluteMs).toISOString();
  const policies = (await listOwnPolicies(deps.db, account.id)).filter((p) => agency === null || p.agency_code === agency);
  const ownNumbers = new Set(policies.map((p) => p.policy_number));
  const flows = (await repo.openFlows(deps.db, account.id, now)).filter((f) => agency === null || ownNumbers.has(renewalPolicyOf(f) ?? ''));
  const history = agency !== null ? { rows: [], total: 0 } : await repo.historyPage(deps.db, account.id, (historyPageNumber - 1) * PAGE_SIZE, PAGE_SIZE);
  return {
    kind: 'ok',
    details: {
      id,
      holder: { familyName: account.family_name, givenName: account.given_name, familyKana: account.family_kana, givenKana: account.given_kana, birthDate: account.birth_date },
      policies: policies.map((p) => policyView(p, today)),
      mail: account.closed_at || agency !== null ? [] : await mailOf(deps, [account.user_id]),
      account: {
        account,
        lock: await lockState(deps.db, account, now),
        sessions: agency !== null ? [] : await repo.liveSessions(deps.db, account.id, idleSince, createdSince),
        flows: flows.map(({ data: _data, ...flow }) => flow),
        applications: (await repo.renewalApplications(deps.db, account.id)).filter((a) => agency === null || ownNumbers.has(a.policy_number)),
        changes: agency !== null ? [] : await repo.changeRequests(deps.db, account.id),
        history: { ...history, page: historyPageNumber, pages: Math.max(1, Math.ceil(history.total / PAGE_SIZE)) },
      },
      today,
      limited: agency !== null,
    },
  };
}

// ---------------------------------------------------------------- support actions

export const REASON_MAX_LENGTH = 200;
export type ReasonProblem = 'reason_missing' | 'reason_too_long' | 'reason_invalid';
/** A form's problem: its 理由, or (仮パスワードの発行) no 渡し方 chosen. */
export type ActionProblem = ReasonProblem | 'delivery_missing';

/** 理由: required, at most 200 characters, one line. */
export function parseReason(raw: string): { ok: true; reason: string } | { ok: false; problem: ReasonProblem } {
  const reason = raw.trim();
  if (reason === '') return { ok: false, problem: 'reason_missing' };
  if ([...reason].length > REASON_MAX_LENGTH) return { ok: false, problem: 'reason_too_long' };
  if (/\p{Cc}/u.test(reason)) return { ok: false, problem: 'reason_invalid' };
  return { ok: true, reason };
}

export type ActionName = 'unlock' | 'end_sessions' | 'suspend' | 'resume' | 'resend';
/** What the details page says afterwards (a flag in its URL). */
export type ActionDone = 'unlocked' | 'sessions_ended' | 'suspended' | 'resumed' | 'resent' | 'already_suspended' | 'not_suspended' | 'not_resendable' | 'temporary_password_mailed' | 'temporary_password_suspended';
export type ActionOutcome = { kind: 'done'; done: ActionDone } | { kind: 'not_found' };

/** An open account (not closed by the customer) by the URL's id; holders without an account have no actions. */
export async function openAccount(db: Db, id: string): Promise<repo.AccountRow | null> {
  const ref = parsePersonId(id);
  if (ref?.kind !== 'customer') return null;
  const account = await repo.findAccount(db, ref.customerId);
  return account && !account.closed_at ? account : null;
}

/** Whether an action's URL names an open account (and, for a mail, one of its mails): else the answer is 404. */
export async function actionTargetExists(db: Db, id: string, mailId?: string): Promise<boolean> {
  const account = await openAccount(db, id);
  if (!account) return false;
  if (mailId === undefined) return true;
  if (!MAIL_ID.test(mailId)) return false;
  const mail = await repo.findMail(db, mailId);
  return mail !== undefined && mail.to_address === account.user_id;
}

export const countLive = async (db: Db, customerId: string, now: Date) =>
  (await repo.liveSessions(db, customerId, new Date(now.getTime() - CUSTOMER_SESSION.idleMs).toISOString(), new Date(now.getTime() - CUSTOMER_SESSION.absoluteMs).toISOString())).length;

/** ロック解除: the user ID's and its browsers' login throttles deleted; the lock state before. */
export async function liftLocks(db: Db, account: repo.AccountRow, now: Date): Promise<LockState> {
  const before = await lockState(db, account, now);
  await repo.deleteThrottles(db, [accountKey(account), ...(await repo.deviceTokenHashes(db, account.id)).map(deviceThrottleKey)]);
  return before;
}

/** The lock state as an audit event's before. */
export const lockBefore = (before: LockState) => ({ locked: isLocked(before), lockedUntil: before.accountLockedUntil, failures: before.accountFailures, lockedDevices: before.lockedDevices });

export async function unlockAccount(deps: DeskDeps, staff: StaffContext, id: string, reason: string): Promise<ActionOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const account = await openAccount(trx, id);
    if (!account) return { kind: 'not_found' } as const;
    const before = await liftLocks(trx, account, now);
    await recordAudit(trx, now, {
      kind: 'console_customer_unlocked',
      actor: staff.actor,
      customerId: account.id,
      ip: staff.ip,
      detail: { reason, before: lockBefore(before), after: { locked: false, failures: 0, lockedDevices: 0 } },
    });
    return { kind: 'done', done: 'unlocked' } as const;
  });
}

export async function endAccountSessions(deps: DeskDeps, staff: StaffContext, id: string, reason: string): Promise<ActionOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const account = await openAccount(trx, id);
    if (!account) return { kind: 'not_found' } as const;
    const live = await countLive(trx, account.id, now);
    await revokeCustomerSessions(trx, account.id, now);
    await recordAudit(trx, now, { kind: 'console_customer_sessions_ended', actor: staff.actor, customerId: account.id, ip: staff.ip, detail: { reason, before: { sessions: live }, after: { sessions: 0 } } });
    return { kind: 'done', done: 'sessions_ended' } as const;
  });
}

export async function suspendCustomer(deps: DeskDeps, staff: StaffContext, id: string, reason: string): Promise<ActionOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const account = await openAccount(trx, id);
    if (!account) return { kind: 'not_found' } as const;
    if (!(await repo.suspendAccount(trx, account.id, now))) return { kind: 'done', done: 'already_suspended' } as const;
    const live = await countLive(trx, account.id, now);
    await revokeCustomerSessions(trx, account.id, now);
    await recordAudit(trx, now, {
      kind: 'console_customer_suspended',
      actor: staff.actor,
      customerId: account.id,
      ip: staff.ip,
      detail: { reason, before: { suspendedAt: null, sessions: live }, after: { suspendedAt: now.toISOString(), sessions: 0 } },
    });
    return { kind: 'done', done: 'suspended' } as const;
  });
}

export async function resumeCustomer(deps: DeskDeps, staff: StaffContext, id: string, reason: string): Promise<ActionOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const account = await openAccount(trx, id);
    if (!account) return { kind: 'not_found' } as const;
    if (!(await repo.resumeAccount(trx, account.id, now))) return { kind: 'done', done: 'not_suspended' } as const;
    await recordAudit(trx, now, { kind: 'console_customer_resumed', actor: staff.actor, customerId: account.id, ip: staff.ip, detail: { reason, before: { suspendedAt: account.suspended_at }, after: { suspendedAt: null } } });
    return { kind: 'done', done: 'resumed' } as const;
  });
}

const MAIL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 再送: a failed mail to this customer's user ID, without a one-time link, back to the queue. */
export async function resendMail(deps: DeskDeps, staff: StaffContext, id: string, mailId: string, reason: string): Promise<ActionOutcome> {
  if (!MAIL_ID.test(mailId)) return { kind: 'not_found' };
  const now = deps.clock.now();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const account = await openAccount(trx, id);
    if (!account) return { kind: 'not_found' } as const;
    const mail = await repo.findMail(trx, mailId);
    if (!mail || mail.to_address !== account.user_id) return { kind: 'not_found' } as const;
    if (!resendability(deps.secret, mail).resendable || !(await repo.requeueMail(trx, mail.id, now))) return { kind: 'done', done: 'not_resendable' } as const;
    await recordAudit(trx, now, {
      kind: 'console_mail_resent',
      actor: staff.actor,
      customerId: account.id,
      subject: { kind: 'mail', id: mail.id },
      ip: staff.ip,
      detail: { reason, before: { status: mail.status, attempts: mail.attempts, lastError: mail.last_error }, after: { status: 'queued', attempts: 0 } },
    });
    return { kind: 'done', done: 'resent' } as const;
  });
  if (outcome.kind === 'done' && outcome.done === 'resent') deps.mail.kick();
  return outcome;
}
