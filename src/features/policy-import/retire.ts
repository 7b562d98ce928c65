import { recordAudit } from '../../platform/auth/audit.js';
import { SYSTEM } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';

/** What the file covered: the agencies of its valid rows and every policy number it names. */
export interface FileScope {
  agencies: Set<string>;
  policyNumbers: Set<string>;
}

/**
 * `--retire-missing`: the policies in force of the file's agencies that the file does not name.
 * A file is the core system's whole book for those agencies, so a policy it no longer lists has
 * ended (満期 or moved away); it becomes expired, never deleted (applications keep their policy).
 */
export async function policiesMissingFrom(db: Db, scope: FileScope): Promise<string[]> {
  if (!scope.agencies.size) return [];
  const rows = await db
    .selectFrom('policies')
    .select('policy_number')
    .where('agency_code', 'in', [...scope.agencies])
    .where('status', '=', 'in_force')
    .orderBy('policy_number')
    .execute();
  return rows.map((r) => r.policy_number).filter((n) => !scope.policyNumbers.has(n));
}

/** Marks them expired in batches (short transactions), still only where in force; returns how many changed. */
export async function retirePolicies(db: Db, numbers: string[], now: Date, file: string): Promise<number> {
  let retired = 0;
  for (let i = 0; i < numbers.length; i += 500) {
    const batch = numbers.slice(i, i + 500);
    const result = await db
      .updateTable('policies')
      .set({ status: 'expired', updated_at: now.toISOString() })
      .where('policy_number', 'in', batch)
      .where('status', '=', 'in_force')
      .executeTakeFirst();
    retired += Number(result.numUpdatedRows);
  }
  await recordAudit(db, now, { kind: 'policies_retired', actor: SYSTEM, detail: { file, retired } });
  return retired;
}
