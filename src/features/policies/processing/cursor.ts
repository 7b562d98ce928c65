// The cursor feeds' paging rules (renewal applications, change requests): an opaque cursor that
// names the last feed position read, and the page size. Pure.

export const FEED_LIMIT_MAX = 500;
export const FEED_LIMIT_DEFAULT = 100;

export interface FeedQuery {
  /** The previous page's next_cursor; absent or empty: from the start. */
  after?: string | null | undefined;
  /** 1 to FEED_LIMIT_MAX; absent: FEED_LIMIT_DEFAULT. */
  limit?: number | undefined;
}

export type FeedProblem = 'invalid_cursor' | 'invalid_limit';

export interface FeedPage<T> {
  ok: true;
  items: T[];
  /** Where to continue; the same cursor when nothing new has come (poll with it again later). */
  next_cursor: string;
}

export type FeedResult<T> = FeedPage<T> | { ok: false; problem: FeedProblem };

const PREFIX = 'p1.';

export const encodeCursor = (position: number): string => Buffer.from(`${PREFIX}${position}`, 'utf8').toString('base64url');

/** The position a cursor names; 0 for none; null when it is not a cursor this service issued. */
export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) return null;
  const match = /^p1\.(0|[1-9]\d{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

export type ParsedFeedQuery = { ok: true; after: number; limit: number } | { ok: false; problem: FeedProblem };

export function parseFeedQuery(query: FeedQuery): ParsedFeedQuery {
  const after = decodeCursor(query.after);
  if (after === null) return { ok: false, problem: 'invalid_cursor' };
  const limit = query.limit ?? FEED_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > FEED_LIMIT_MAX) return { ok: false, problem: 'invalid_limit' };
  return { ok: true, after, limit };
}

/** A page of rows read after `after`, oldest first, as the feed answers it. */
export function feedPage<R extends { feed_position: number | null }, T>(rows: R[], after: number, toItem: (row: R) => T): FeedPage<T> {
  const last = rows.at(-1)?.feed_position ?? after;
  return { ok: true, items: rows.map(toItem), next_cursor: encodeCursor(last) };
}
