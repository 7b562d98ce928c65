import { recordAudit } from '../../../platform/auth/audit.js';
import { newId } from '../../../platform/crypto.js';
import type { Db } from '../../../platform/db/database.js';
import type { StaffScope } from '../staff-rules.js';
import type { AgencyDeps, StaffAct } from './deps.js';
import type { NewsInput } from './news.js';
import * as repo from './news-repository.js';
import './audit-kinds.js';

// お知らせ: an agency account edits its own agency's news, an admin any agency's. A news item of
// another agency is the same as none (404). Each change and its audit event (before and after)
// commit together.

export type NewsDone = 'created' | 'updated' | 'published' | 'unpublished' | 'deleted';
export const NEWS_DONE: readonly NewsDone[] = ['created', 'updated', 'published', 'unpublished', 'deleted'];

const inScope = (scope: StaffScope, agencyCode: string): boolean => scope.kind === 'all' || scope.agencyCode === agencyCode;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The news item, if it is one the staff member may edit. */
export async function newsInScope(db: Db, scope: StaffScope, id: string): Promise<(repo.NewsRecord & { agency_name: string }) | null> {
  if (!UUID.test(id)) return null;
  const row = await repo.findNews(db, id);
  return row && inScope(scope, row.agency_code) ? row : null;
}

const shape = (row: Pick<repo.NewsRecord, 'title' | 'published_on' | 'body' | 'published'>) => ({ title: row.title, publishedOn: row.published_on, body: row.body, published: row.published === 1 });

/** A new item starts 非公開: the agency publishes it when it is ready. */
export async function createNews(deps: AgencyDeps, staff: StaffAct, agencyCode: string, input: NewsInput): Promise<string> {
  const now = deps.clock.now();
  const row: repo.NewsRecord = { id: newId(), agency_code: agencyCode, published_on: input.publishedOn, title: input.title, body: input.body, published: 0, created_at: now.toISOString(), updated_at: null };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertNews(trx, row);
    await recordAudit(trx, now, { kind: 'agency_news_created', actor: staff.actor, subject: { kind: 'agency_news', id: row.id }, ip: staff.ip, detail: { agency: agencyCode, before: null, after: shape(row) } });
  });
  return row.id;
}

type Change = { kind: 'done'; done: NewsDone } | { kind: 'not_found' };

/** Runs a change on an item in scope, read again inside the transaction. */
async function change(deps: AgencyDeps, scope: StaffScope, id: string, run: (trx: Db, row: repo.NewsRecord, now: Date) => Promise<NewsDone>): Promise<Change> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await newsInScope(trx, scope, id);
    if (!row) return { kind: 'not_found' } as const;
    return { kind: 'done', done: await run(trx, row, now) } as const;
  });
}

export function updateNewsItem(deps: AgencyDeps, staff: StaffAct, scope: StaffScope, id: string, input: NewsInput): Promise<Change> {
  return change(deps, scope, id, async (trx, row, now) => {
    const after = { ...row, title: input.title, published_on: input.publishedOn, body: input.body };
    await repo.updateNews(trx, id, { title: input.title, published_on: input.publishedOn, body: input.body }, now.toISOString());
    await recordAudit(trx, now, { kind: 'agency_news_updated', actor: staff.actor, subject: { kind: 'agency_news', id }, ip: staff.ip, detail: { agency: row.agency_code, before: shape(row), after: shape(after) } });
    return 'updated';
  });
}

/** 公開 / 非公開; doing it again changes nothing and records nothing. */
export function setNewsPublished(deps: AgencyDeps, staff: StaffAct, scope: StaffScope, id: string, published: boolean): Promise<Change> {
  return change(deps, scope, id, async (trx, row, now) => {
    const done = published ? 'published' : 'unpublished';
    if ((row.published === 1) === published) return done;
    await repo.updateNews(trx, id, { published: published ? 1 : 0 }, now.toISOString());
    await recordAudit(trx, now, { kind: published ? 'agency_news_published' : 'agency_news_unpublished', actor: staff.actor, subject: { kind: 'agency_news', id }, ip: staff.ip, detail: { agency: row.agency_code, before: { published: !published }, after: { published } } });
    return done;
  });
}

export function deleteNewsItem(deps: AgencyDeps, staff: StaffAct, scope: StaffScope, id: string): Promise<Change> {
  return change(deps, scope, id, async (trx, row, now) => {
    await repo.deleteNews(trx, id);
    await recordAudit(trx, now, { kind: 'agency_news_deleted', actor: staff.actor, subject: { kind: 'agency_news', id }, ip: staff.ip, detail: { agency: row.agency_code, before: shape(row), after: null } });
    return 'deleted';
  });
}

export const listNews = (db: Db, agencyCode: string) => repo.newsOfAgency(db, agencyCode);
