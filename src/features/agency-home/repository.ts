import type { Db } from '../../platform/db/database.js';
import { newId } from '../../platform/crypto.js';

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

export async function listAgencies(db: Db): Promise<AgencyRow[]> {
  return db.selectFrom('agencies').select(['code', 'name']).orderBy('code').execute();
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
