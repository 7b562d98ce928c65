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

/**
 * tallyAgencies a batch at a time, for an import that writes while it reads (PostgreSQL): the
 * rows come in the order staged, repeats already out, and are cut into batches of `size` as
 * stagedAgencyBatches cuts them, so the counts are the same. The database is read once per code,
 * before the import has written that code.
 */
export class AgencyTally {
  readonly counts: AgencyCounts = { agenciesCreated: 0, agenciesRenamed: 0 };
  /** What the agencies table must hold afterwards (code → name), as tallyAgencies' names. */
  readonly names = new Map<string, string>();
  /** Codes the database was asked about (known or not). */
  private readonly looked = new Set<string>();
  /** Codes the database had before the import. */
  private readonly stored = new Set<string>();
  private batch = new Map<string, string>();
  private inBatch = 0;

  constructor(private readonly size: number) {}

  /** Takes the next rows (code, name) in order; reads the codes not seen yet first. */
  async add(db: Db, rows: ReadonlyArray<{ code: string; name: string }>): Promise<void> {
    const unseen = [...new Set(rows.map((r) => r.code))].filter((code) => !this.looked.has(code));
    for (let i = 0; i < unseen.length; i += 500) {
      const chunk = unseen.slice(i, i + 500);
      const known = await db.selectFrom('agencies').select(['code', 'name']).where('code', 'in', chunk).execute();
      for (const agency of known) {
        this.names.set(agency.code, agency.name);
        this.stored.add(agency.code);
      }
      for (const code of chunk) this.looked.add(code);
    }
    for (const { code, name } of rows) {
      // The last name a batch gives a code is the one counted.
      this.batch.set(code, name);
      this.inBatch += 1;
      if (this.inBatch === this.size) this.fold();
    }
  }

  /** Codes (with the name they have so far) that the database lacks, once each: a policy can name them only after they exist. */
  newCodes(rows: ReadonlyArray<{ code: string; name: string }>, created: Set<string>): Map<string, string> {
    const fresh = new Map<string, string>();
    for (const { code, name } of rows) if (!this.stored.has(code) && !created.has(code)) fresh.set(code, name);
    return fresh;
  }

  private fold(): void {
    for (const [code, name] of this.batch) {
      const before = this.names.get(code);
      if (before === undefined) this.counts.agenciesCreated += 1;
      else if (before !== name) this.counts.agenciesRenamed += 1;
      this.names.set(code, name);
    }
    this.batch = new Map();
    this.inBatch = 0;
  }

  /** After the last rows: the last, short batch. */
  finish(): AgencyCounts & { names: Map<string, string> } {
    if (this.inBatch) this.fold();
    return { ...this.counts, names: this.names };
  }
}
