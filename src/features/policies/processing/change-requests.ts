import { recordAudit } from '../../../platform/auth/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { feedPage, parseFeedQuery, type FeedQuery, type FeedResult } from './cursor.js';
import {
  customerRequests,
  decidePending,
  feedRows,
  findRequest,
  listRequests,
  policiesOfCustomers,
  type ChangeRequestRow,
  type ChangeRequestStatus,
  type RequestFilter,
} from './change-request-repository.js';
import { checkOutcomeNote, type ChangeRequestOutcome, type NoteProblem } from './outcome-note.js';
import { actorOf, customerRefOf, type AgencyRef, type AgencyScope, type CustomerRef, type ListPage } from './scope.js';
import './audit-kinds.js';

// 変更受付: the customers' change requests (住所・電話番号) as the insurer sees and decides them,
// shared by the console and the integration API. No HTTP here.

export { CHANGE_REQUEST_STATUSES, type ChangeRequestStatus } from './change-request-repository.js';
export type { ChangeRequestOutcome, NoteProblem } from './outcome-note.js';

export interface Contact {
  postal_code: string | null;
  address: string | null;
  phone: string | null;
}

export interface ChangeRequestItem {
  id: string;
  /** `address` (住所・電話番号の変更). */
  kind: string;
  status: ChangeRequestStatus;
  /** What the customer asked for. */
  requested: Contact;
  /** The contact the core system has on file now (the first policy of the request). */
  on_file: Contact | null;
  /** The policies the request is for (the customer's when it was filed). */
  policy_numbers: string[];
  /** The agencies of the customer's policies. */
  agencies: AgencyRef[];
  customer: CustomerRef;
  /** What the customer reads with the outcome. */
  note: string | null;
  processed_at: string | null;
  processed_by: Actor | null;
  created_at: string;
}

interface StoredAddressRequest {
  postalCode?: string;
  address?: string;
  phone?: string;
  policyNumbers?: string[];
}

type Policies = Awaited<ReturnType<typeof policiesOfCustomers>>;

function itemOf(row: ChangeRequestRow, policies: Policies): ChangeRequestItem {
  const data = JSON.parse(row.data) as StoredAddressRequest;
  const own = policies.filter((p) => p.customer_id === row.customer_id);
  const numbers = data.policyNumbers ?? [];
  const first = own.find((p) => p.policy_number === numbers[0]) ?? own[0];
  const agencies = [...new Map(own.map((p) => [p.agency_code, { agency_code: p.agency_code, agency_name: p.agency_name }])).values()];
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as ChangeRequestStatus,
    requested: { postal_code: data.postalCode ?? null, address: data.address ?? null, phone: data.phone ?? null },
    on_file: first ? { postal_code: first.postal_code, address: first.address, phone: first.phone } : null,
    policy_numbers: numbers,
    agencies,
    customer: customerRefOf(row.customer_id, row),
    note: row.note,
    processed_at: row.processed_at,
    processed_by: actorOf(row.processed_by_kind, row.processed_by_id),
    created_at: row.created_at,
  };
}

async function itemsOf(db: Db, rows: ChangeRequestRow[]): Promise<ChangeRequestItem[]> {
  const policies = await policiesOfCustomers(db, rows.map((r) => r.customer_id));
  return rows.map((row) => itemOf(row, policies));
}

/** The feed for the core system: every request in the order they were committed, `limit` ≤ 500 at a time. */
export async function changeRequestFeed(db: Db, query: FeedQuery): Promise<FeedResult<ChangeRequestItem>> {
  const parsed = parseFeedQuery(query);
  if (!parsed.ok) return parsed;
  const rows = await feedRows(db, parsed.after, parsed.limit);
  const items = await itemsOf(db, rows);
  return feedPage(rows, parsed.after, (row) => items.find((i) => i.id === row.id)!);
}

export async function findChangeRequest(db: Db, id: string, scope: AgencyScope): Promise<ChangeRequestItem | null> {
  const row = await findRequest(db, id, scope);
  return row ? (await itemsOf(db, [row]))[0]! : null;
}

export async function changeRequestList(db: Db, scope: AgencyScope, filter: RequestFilter): Promise<ListPage<ChangeRequestItem>> {
  const { rows, total } = await listRequests(db, scope, filter);
  return { items: await itemsOf(db, rows), total };
}

/** The customer's latest requests with their state, for 各種変更の手続き. */
export async function customerChangeRequests(db: Db, customerId: string, limit = 5): Promise<ChangeRequestItem[]> {
  return itemsOf(db, await customerRequests(db, customerId, limit));
}

export interface OutcomeInput {
  outcome: ChangeRequestOutcome;
  note: string | null | undefined;
  actor: Actor;
  now: Date;
  ip?: string | null;
}

export type OutcomeResult =
  | { kind: 'recorded'; item: ChangeRequestItem }
  /** The same outcome was recorded before: nothing changes (idempotent). */
  | { kind: 'unchanged'; item: ChangeRequestItem }
  /** Another outcome was recorded before: refused, the first stands. */
  | { kind: 'conflict'; item: ChangeRequestItem }
  | { kind: 'invalid'; problem: NoteProblem }
  | { kind: 'not_found' };

/**
 * 処理済 (done) or 差戻し (rejected, with the note the customer reads). The update is conditional on
 * the request still being pending, so of two racing decisions exactly one is recorded; the audit
 * event commits with it.
 */
export async function recordChangeRequestOutcome(db: Db, id: string, input: OutcomeInput): Promise<OutcomeResult> {
  const note = checkOutcomeNote(input.outcome, input.note);
  if (!note.ok) return { kind: 'invalid', problem: note.problem };
  const decided = await db.transaction().execute(async (trx) => {
    const before = await findRequest(trx, id, { agencyCode: null });
    if (!before) return null;
    const at = input.now.toISOString();
    const changed = await decidePending(trx, id, { status: input.outcome, note: note.note, at, actorKind: input.actor.kind, actorId: input.actor.id });
    if (changed) {
      await recordAudit(trx, input.now, {
        kind: 'change_request_processed',
        actor: input.actor,
        customerId: before.customer_id,
        subject: { kind: 'change_request', id },
        ip: input.ip ?? null,
        detail: { before: { status: before.status, note: before.note }, after: { status: input.outcome, note: note.note } },
      });
    }
    return changed;
  });
  if (decided === null) return { kind: 'not_found' };
  const item = (await findChangeRequest(db, id, { agencyCode: null }))!;
  if (decided) return { kind: 'recorded', item };
  return item.status === input.outcome ? { kind: 'unchanged', item } : { kind: 'conflict', item };
}
