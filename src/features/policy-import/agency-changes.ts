import type { Db } from '../../platform/db/database.js';

export interface AgencyCounts {
  agenciesCreated: number;
  agenciesRenamed: number;
}

/**
 * Counts agencies created or renamed by a file batch by batch (code → name, the last name of a
 * batch wins) without writing: the database is read once per code, the rest is remembered.
 * `names()` is what the agencies table must hold afterwards.
 */
export async function tallyAgencies(db: Db, batches: ReadonlyArray<ReadonlyMap<string, string>>): Promise<AgencyCounts & { names: Map<string, string> }> {
  const codes = [...new Set(batches.flatMap((batch) => [...batch.keys()]))];
  const names = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 500) {
    const known = await db.selectFrom('agencies').select(['code', 'name']).where('code', 'in', codes.slice(i, i + 500)).execute();
    for (const agency of known) names.set(agency.code, agency.name);
  }
  const counts = { agenciesCreated: 0, agenciesRenamed: 0 };
  for (const batch of batches) {
    for (const [code, name] of batch) {
      const before = names.get(code);
      if (before === undefined) counts.agenciesCreated += 1;
      else if (before !== name) counts.agenciesRenamed += 1;
      names.set(code, name);
    }
  }
  return { ...counts, names };
}
