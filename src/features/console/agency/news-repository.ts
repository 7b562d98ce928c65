import type { Db } from '../../../platform/db/database.js';

// The agency page's news as the console edits it (the public page reads only the published ones).

export interface NewsRecord {
  id: string;
  agency_code: string;
  published_on: string;
  title: string;
  body: string;
  published: number;
  created_at: string;
  updated_at: string | null;
}

const COLUMNS = ['id', 'agency_code', 'published_on', 'title', 'body', 'published', 'created_at', 'updated_at'] as const;

/** Every news item of the agency, published or not, as the public page orders them. */
export async function newsOfAgency(db: Db, agencyCode: string): Promise<NewsRecord[]> {
  return db.selectFrom('agency_news').select(COLUMNS).where('agency_code', '=', agencyCode).orderBy('published_on', 'desc').orderBy('created_at', 'desc').execute();
}

/** One item with its agency's name (for the page's heading). */
export async function findNews(db: Db, id: string): Promise<(NewsRecord & { agency_name: string }) | undefined> {
  return db
    .selectFrom('agency_news')
    .innerJoin('agencies', 'agencies.code', 'agency_news.agency_code')
    .select(COLUMNS.map((c) => `agency_news.${c}` as const))
    .select('agencies.name as agency_name')
    .where('agency_news.id', '=', id)
    .executeTakeFirst();
}

export async function insertNews(db: Db, row: NewsRecord): Promise<void> {
  await db.insertInto('agency_news').values(row).execute();
}

export async function updateNews(db: Db, id: string, change: Partial<Pick<NewsRecord, 'published_on' | 'title' | 'body' | 'published'>>, at: string): Promise<void> {
  await db.updateTable('agency_news').set({ ...change, updated_at: at }).where('id', '=', id).execute();
}

export async function deleteNews(db: Db, id: string): Promise<void> {
  await db.deleteFrom('agency_news').where('id', '=', id).execute();
}
