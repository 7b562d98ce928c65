import type { Db } from '../../platform/db/database.js';
import { newId } from '../../platform/crypto.js';
import { keyStartsWith } from '../../platform/db/search-key.js';

export interface AgencyRow {
  code: string;
  name: string;
}

export interface NewsRow {
  id: string;
  published_on: string;
  title: string;
  body: string;
}

/** Up to `limit` agencies in code order: the whole list when there are few (the caller asks for one more than it shows). */
export async function listAgencies(db: Db, limit: number): Promise<AgencyRow[]> {
  return db.selectFrom('agencies').select(['code', 'name']).orderBy('code').limit(limit).execute();
}

/** The agency finder: agencies whose folded name or code starts with the folded text, by name then code. */
function matching(db: Db, text: string) {
  return db.selectFrom('agencies').where((eb) => eb.or([keyStartsWith(db, 'name', text), keyStartsWith(db, 'code', text)]));
}

export async function findAgencies(db: Db, text: string, offset: number, limit: number): Promise<AgencyRow[]> {
  return matching(db, text).select(['code', 'name']).orderBy('name').orderBy('code').offset(offset).limit(limit).execute();
}

export async function countMatchingAgencies(db: Db, text: string): Promise<number> {
  const row = await matching(db, text).select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findAgency(db: Db, code: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

/** The published news (公開), newest first; news published the same day in the order it was written, newest first too. */
export async function listNews(db: Db, agencyCode: string, limit: number): Promise<NewsRow[]> {
  return db
    .selectFrom('agency_news')
    .select(['id', 'published_on', 'title', 'body'])
    .where('agency_code', '=', agencyCode)
    .where('published', '=', 1)
    .orderBy('published_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export interface NewNews {
  agencyCode: string;
  publishedOn: string;
  title: string;
  body: string;
}

/** For the demo data, the console and tests. */
export async function insertNews(db: Db, news: NewNews, at: Date): Promise<string> {
  const id = newId();
  await db
    .insertInto('agency_news')
    .values({ id, agency_code: news.agencyCode, published_on: news.publishedOn, title: news.title, body: news.body, published: 1, created_at: at.toISOString(), updated_at: null })
    .execute();
  return id;
}
