import type { Db } from '../../../platform/db/database.js';
import type { StaffScope } from '../staff-rules.js';

// Which agency an agency page is for: an agency account's own, or the one desk and admin choose.

export interface AgencyRef {
  code: string;
  name: string;
}

export type AgencyChoice = { kind: 'ok'; agency: AgencyRef; agencies: AgencyRef[] | null } | { kind: 'not_found' } | { kind: 'unknown_agency'; agencies: AgencyRef[] } | { kind: 'no_agency' };

/** The agency a view is for: an agency account's own (naming another is 404); desk and admin the one asked for, else the first. */
export async function chooseAgency(db: Db, scope: StaffScope, asked: string): Promise<AgencyChoice> {
  if (scope.kind === 'agency') {
    if (asked !== '' && asked !== scope.agencyCode) return { kind: 'not_found' };
    const name = await agencyName(db, scope.agencyCode);
    return name === undefined ? { kind: 'not_found' } : { kind: 'ok', agency: { code: scope.agencyCode, name }, agencies: null };
  }
  const agencies = await agencyList(db);
  const agency = asked === '' ? agencies[0] : agencies.find((a) => a.code === asked);
  if (!agency) return asked === '' ? { kind: 'no_agency' } : { kind: 'unknown_agency', agencies };
  return { kind: 'ok', agency, agencies };
}

async function agencyName(db: Db, code: string): Promise<string | undefined> {
  return (await db.selectFrom('agencies').select('name').where('code', '=', code).executeTakeFirst())?.name;
}

async function agencyList(db: Db): Promise<AgencyRef[]> {
  return db.selectFrom('agencies').select(['code', 'name']).orderBy('code').execute();
}
