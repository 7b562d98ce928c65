import type { Database as SqliteHandle } from 'better-sqlite3';
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import { foldForSearch } from '../text.js';

// Prefix search on a folded key (kana-insensitive, width-insensitive), answered from an
// expression index on both dialects. The key is `keizoku_fold(column)`: on PostgreSQL an
// immutable SQL function (created by migration 0023), on SQLite `foldForSearch` registered on
// every connection. Both sides of the comparison are folded by the same function, so the
// search and the index agree whatever the dialect's Unicode tables.

export const FOLD_FUNCTION = 'keizoku_fold';

/** Registers keizoku_fold on a SQLite connection (before any statement touches a folded index). */
export function registerSqliteFunctions(handle: SqliteHandle): void {
  handle.function(FOLD_FUNCTION, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : null));
}

const hiragana = Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, i) => String.fromCharCode(0x3041 + i)).join('') + '\u309d\u309e';
const katakana = [...hiragana].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60)).join('');

/** PostgreSQL's keizoku_fold: the steps of foldForSearch in SQL (NFKC, spaces, company forms, kana, case). */
export const POSTGRES_FOLD_FUNCTION = `
create or replace function ${FOLD_FUNCTION}(t text) returns text
language sql immutable strict parallel safe as $$
  select lower(translate(
    regexp_replace(regexp_replace(normalize(t, NFKC), '[[:space:]]+', '', 'g'), '株式会社|有限会社|合同会社|\\(株\\)|\\(有\\)|\\(同\\)', '', 'g'),
    '${hiragana}', '${katakana}'))
$$`;

export const isPostgres = <T,>(db: Kysely<T>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** The highest code point: every key that starts with a prefix sorts below prefix + this. */
const TOP = '\u{10FFFF}';

/**
 * `keizoku_fold(column)` starts with `keizoku_fold(prefix)`, as a range the expression index
 * answers (byte order: COLLATE "C" on PostgreSQL, SQLite's BINARY).
 */
export function keyStartsWith<T>(db: Kysely<T>, column: string, prefix: string): RawBuilder<boolean> {
  const key = isPostgres(db) ? sql`${sql.raw(FOLD_FUNCTION)}(${sql.ref(column)}) collate "C"` : sql`${sql.raw(FOLD_FUNCTION)}(${sql.ref(column)})`;
  const low = sql`${sql.raw(FOLD_FUNCTION)}(${prefix})`;
  return sql<boolean>`(${key} >= ${low} and ${key} < (${low} || ${TOP}))`;
}

/** The expression an index on the folded key is built on, per dialect. */
export function foldedIndexExpression<T>(db: Kysely<T>, column: string): RawBuilder<unknown> {
  return isPostgres(db) ? sql`(${sql.raw(FOLD_FUNCTION)}(${sql.ref(column)})) collate "C"` : sql`${sql.raw(FOLD_FUNCTION)}(${sql.ref(column)})`;
}
