import type { CompiledQuery, Compilable } from 'kysely';
import type { Db } from './database.js';

/**
 * A query whose shape never changes, built and compiled by Kysely once per dialect and then run
 * with new parameters: building and compiling cost more than SQLite's own work on a page's
 * small lookups. `build` must use its arguments only as values (never to choose the shape).
 */
export function fixedQuery<A extends unknown[], R>(build: (db: Db, ...args: A) => Compilable<R>, arity: A['length']) {
  const compiled = new Map<unknown, { query: CompiledQuery<R>; slots: number[] }>();
  return async (db: Db, ...args: A): Promise<R[]> => {
    const dialect = db.getExecutor().adapter.constructor;
    let entry = compiled.get(dialect);
    if (!entry) {
      const sentinels = Array.from({ length: arity }, (_, i) => `\u0000fixed-query-argument-${i}\u0000`);
      const query = build(db, ...(sentinels as unknown as A)).compile();
      const slots = query.parameters.map((p) => sentinels.indexOf(p as string));
      if (sentinels.some((_, i) => !slots.includes(i))) throw new Error(`fixedQuery: an argument is not a parameter of ${query.sql}`);
      entry = { query, slots };
      compiled.set(dialect, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((p, i) => (slots[i]! >= 0 ? args[slots[i]!] : p));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
