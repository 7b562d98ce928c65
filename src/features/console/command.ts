import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { createDb, describeDatabaseUrl, migrateToLatest, type Db } from '../../platform/db/database.js';
import { addStaff, setupUrl, staffListing } from './staff-service.js';

export const STAFF_USAGE = `usage: keizoku staff add --login LOGIN --name NAME --role admin|desk|agency [--agency CODE] [--email ADDRESS]
       keizoku staff list`;

/**
 * `keizoku staff add …` (prints the one-time setup URL, valid 24 h, as its last line) and
 * `keizoku staff list`. Exit codes: 0 done; 2 usage or a refused account; 1 the database failed.
 */
export async function staffCommand(config: Config, args: string[], clock: Clock = systemClock): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add' && sub !== 'list') {
    console.error(STAFF_USAGE);
    return 2;
  }
  let parsed: ReturnType<typeof parseAdd> | { list: true } | null;
  try {
    parsed = sub === 'add' ? parseAdd(rest) : rest.length ? null : { list: true as const };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${STAFF_USAGE}`);
    return 2;
  }
  if (!parsed) {
    console.error(STAFF_USAGE);
    return 2;
  }
  let db: Db | undefined;
  try {
    db = createDb(config.databaseUrl);
    await migrateToLatest(db);
    if ('list' in parsed) return await list(db);
    const outcome = await addStaff({ db, clock }, parsed);
    if (!outcome.ok) {
      for (const problem of outcome.problems) console.error(`cannot add staff: ${problem}`);
      return 2;
    }
    console.log(`staff ${parsed.login} (${parsed.role}${parsed.agencyCode ? ` of agency ${parsed.agencyCode}` : ''}) created.`);
    console.log(`Send this one-time setup URL to ${parsed.name} by a trusted channel; it is valid until ${outcome.expiresAt.toISOString()} and works once:`);
    console.log(setupUrl(config.baseUrl, outcome.setupToken));
    return 0;
  } catch (error) {
    console.error(`staff ${sub} failed: database ${describeDatabaseUrl(config.databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}

function parseAdd(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, agency: { type: 'string' }, email: { type: 'string' } },
  });
  if (positionals.length) throw new Error(`unexpected argument: ${positionals.join(' ')}`);
  const missing = (['login', 'name', 'role'] as const).filter((k) => values[k] === undefined);
  if (missing.length) throw new Error(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
  return { login: values.login!, name: values.name!, role: values.role!, agencyCode: values.agency ?? null, email: values.email ?? null };
}

async function list(db: Db): Promise<number> {
  const rows = await staffListing(db);
  const table = [
    ['login', 'name', 'role', 'agency', 'enabled', 'mfa'],
    ...rows.map((r) => [r.login, r.name, r.role, r.agencyCode ?? '-', r.enabled ? 'yes' : 'no', r.mfaEnrolled ? 'enrolled' : 'not enrolled']),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  if (!rows.length) console.log('(no staff accounts yet: keizoku staff add …)');
  return 0;
}
