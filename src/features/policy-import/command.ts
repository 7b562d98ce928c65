import type { Config } from '../../config.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { createDb, describeDatabaseUrl, migrateToLatest, type Db } from '../../platform/db/database.js';
import { CsvFileError } from './csv-file.js';
import { exitCodeOf, formatReport } from './report.js';
import { importPolicies } from './service.js';

export const IMPORT_USAGE = 'usage: keizoku import-policies FILE.csv';

/**
 * `keizoku import-policies FILE.csv`. Exit codes: 0 every row stored; 1 some rows rejected, the
 * others stored; 2 nothing could be done (usage, unreadable file or header, database unusable).
 */
export async function importPoliciesCommand(config: Config, args: string[], clock: Clock = systemClock): Promise<number> {
  const [file, ...extra] = args;
  if (!file || extra.length) {
    console.error(IMPORT_USAGE);
    return 2;
  }
  let db: Db | undefined;
  try {
    db = createDb(config.databaseUrl);
    await migrateToLatest(db);
    const report = await importPolicies(db, file, { now: clock.now() });
    for (const line of formatReport(report, file)) console.log(line);
    return exitCodeOf(report);
  } catch (error) {
    if (error instanceof CsvFileError) {
      console.error(`${error.message}\nnothing was imported`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`import stopped: database ${describeDatabaseUrl(config.databaseUrl)}: ${message}`);
      console.error('rows already committed stay; the import is an upsert, so run it again once the database is back');
    }
    return 2;
  } finally {
    await db?.destroy();
  }
}
