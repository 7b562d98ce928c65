import type { Database as SqliteHandle, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept prepared (IN lists of many lengths make more; the oldest go first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite handle Kysely drives, preparing each SQL text once: better-sqlite3's `prepare`
 * was the largest single cost of a page. Kysely runs one statement at a time on this
 * connection, so a cached statement is never in use twice.
 */
export function withStatementCache(handle: SqliteHandle, size = STATEMENT_CACHE_SIZE): SqliteDatabase & { cached(): number } {
  const statements = new Map<string, Statement>();
  return {
    close: () => handle.close(),
    cached: () => statements.size,
    prepare(sql: string) {
      const hit = statements.get(sql);
      if (hit) {
        // Map order is insertion order: re-inserting keeps the most recent at the end.
        statements.delete(sql);
        statements.set(sql, hit);
        return hit;
      }
      const statement = handle.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
