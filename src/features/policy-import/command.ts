import type { Config } from '../../config.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { createDb, describeDatabaseUrl, migrateToLatest, type Db } from '../../platform/db/database.js';
import { CsvFileError } from './csv-file.js';
import { progressLine } from './progress-line.js';
import { exitCodeOf, formatReport } from './report.js';
import { policiesMissingFrom, retirePolicies, type FileScope } from './retire.js';
import { importPolicies, type ImportReport } from './service.js';

export const IMPORT_USAGE = 'usage: keizoku import-policies FILE.csv [--retire-missing [--yes]]';

/**
 * `keizoku import-policies FILE.csv [--dry-run] [--retire-missing [--yes]]`. Exit codes: 0 every row stored;
 * 1 some rows rejected, the others stored; 2 nothing could be done (usage, unreadable file or
 * header, database unusable). --retire-missing counts the in-force policies of the file's agencies
 * that the file does not name; with --yes they become expired. --dry-run checks and counts it all
 * (the same report and exit code) and writes nothing. On a terminal, stderr shows the progress.
 */
export async function importPoliciesCommand(config: Config, args: string[], clock: Clock = systemClock): Promise<number> {
  const options = parseArgs(args);
  if (!options) {
    console.error(IMPORT_USAGE);
    return 2;
  }
  const { file } = options;
  let db: Db | undefined;
  try {
    db = createDb(config.databaseUrl);
    await migrateToLatest(db);
    // Every policy number of the file is remembered only when --retire-missing needs them.
    const scope: FileScope | undefined = options.retireMissing ? { agencies: new Set(), policyNumbers: new Set() } : undefined;
    const progress = progressLine(process.stderr);
    let last = { read: 0, rejected: 0 };
    const onProgress = (p: typeof last) => progress.update((last = p));
    const report = await importPolicies(db, file, { now: clock.now(), scope, dryRun: options.dryRun, onProgress });
    progress.finish({ read: last.read, rejected: report.rejected.length });
    for (const line of formatReport(report, file, options.dryRun)) console.log(line);
    if (scope) return await retireMissing(db, report, scope, { file, yes: options.yes, dryRun: options.dryRun, now: clock.now() });
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

interface ImportArgs {
  file: string;
  retireMissing: boolean;
  yes: boolean;
  dryRun: boolean;
}

const FLAGS = ['--retire-missing', '--yes', '--dry-run'];

function parseArgs(args: string[]): ImportArgs | null {
  const flags = args.filter((a) => a.startsWith('--'));
  const files = args.filter((a) => !a.startsWith('--'));
  const retireMissing = flags.includes('--retire-missing');
  const yes = flags.includes('--yes');
  const known = flags.every((f) => FLAGS.includes(f));
  if (files.length !== 1 || !known || (yes && !retireMissing)) return null;
  return { file: files[0]!, retireMissing, yes, dryRun: flags.includes('--dry-run') };
}

/** The count first; the change only with --yes, and never from a file with rejected rows (it may have lost policies). */
async function retireMissing(db: Db, report: ImportReport, scope: FileScope, { file, yes, dryRun, now }: { file: string; yes: boolean; dryRun: boolean; now: Date }): Promise<number> {
  if (report.rejected.length) {
    console.error('--retire-missing: nothing retired, because rows were rejected; fix the file and import it again');
    return 1;
  }
  const missing = await policiesMissingFrom(db, scope);
  const agencies = [...scope.agencies].sort().join(', ');
  if (!yes || dryRun) {
    console.log(`--retire-missing: ${missing.length} policies in force of agencies ${agencies || '(none)'} are not in the file and would become expired`);
    if (missing.length) console.log(dryRun ? 'dry run: nothing retired; run again without --dry-run (and with --yes) to retire them' : 'run again with --retire-missing --yes to retire them');
    return 0;
  }
  const retired = await retirePolicies(db, missing, now, file);
  console.log(`--retire-missing: ${retired} policies of agencies ${agencies || '(none)'} retired as expired`);
  return 0;
}
