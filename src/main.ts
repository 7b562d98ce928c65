import { loadConfig, usesDevMailbox, type Config } from './config.js';
import { systemClock } from './platform/clock.js';
import { createDb, describeDatabaseUrl, migrateIfPending, migrateToLatest } from './platform/db/database.js';
import { serverSecret } from './platform/db/settings.js';

// Each command loads only what it runs: import-policies never loads the web app, so a million-row
// import keeps to its memory bound (docs/decisions/0024).

/** How long `serve` waits at SIGTERM for requests and jobs in flight. */
const SHUTDOWN_GRACE_MS = 15_000;

const USAGE = `usage: keizoku <command>
  serve                      serve the web service on HOST:PORT (and run the jobs unless JOBS=off)
  worker                     run the jobs (mail delivery …) without serving, until SIGTERM/SIGINT
  migrate                    bring the database schema up to date
  import-policies FILE.csv   upsert policies from the insurer's CSV
  staff add --login LOGIN --name NAME --role admin|desk|agency [--agency CODE] [--email ADDRESS]
                             a staff account for the console; prints its one-time setup URL (24 h)
  staff list                 the staff accounts: login, name, role, agency, enabled, MFA
  api-clients add NAME --scopes policies:write,policies:read,applications:read,change-requests:read
                             an integration API client; prints client_id and client_secret once
  api-clients list           the API clients: client_id, name, scopes, created, last used, revoked
  api-clients revoke CLIENT_ID [--reason TEXT]
                             revokes a client; its tokens stop working at once
  demo                       demo data, the dev mailbox, and serve`;

export async function serve(config: Config, logLevel = process.env.LOG_LEVEL ?? 'info'): Promise<void> {
  const { buildApp } = await import('./app.js');
  const { app } = await buildApp({ config, logLevel });
  // SIGTERM: stop accepting, let requests in flight finish, stop the jobs (leases freed), close the
  // database; whatever still hangs after SHUTDOWN_GRACE_MS is cut short.
  const close = () => {
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  if (usesDevMailbox(config)) app.log.warn(`SMTP_URL is not set: mail goes to the dev mailbox at ${config.baseUrl}/dev/mailbox`);
}

function untilStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** `keizoku worker`: the jobs without the web service; a signal lets running jobs finish and frees their leases. */
async function worker(config: Config): Promise<number> {
  const stopSignal = untilStopSignal();
  const [{ default: pino }, { loggerOptions }, { serviceJobs, startServiceWorker, stopServiceWorker }] = await Promise.all([import('pino'), import('./platform/logging.js'), import('./jobs.js')]);
  const log = pino(loggerOptions(process.env.LOG_LEVEL ?? 'info'));
  const db = createDb(config.databaseUrl, { onPoolError: (err) => log.warn({ err }, 'an idle database connection failed and was dropped') });
  try {
    await migrateIfPending(db);
    const deps = { config, db, clock: systemClock, log, secret: await serverSecret(db, config.secretFile) };
    const jobs = serviceJobs(deps);
    const running = startServiceWorker(jobs, deps);
    await stopSignal;
    await stopServiceWorker(jobs, running);
    return 0;
  } catch (error) {
    console.error(`cannot run the worker on ${describeDatabaseUrl(config.databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

/** `keizoku migrate`: as MIGRATION_DATABASE_URL's role (the schema's owner) when set, else DATABASE_URL's. */
async function migrate(config: Config): Promise<number> {
  const db = createDb(config.migrationDatabaseUrl);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    return 0;
  } catch (error) {
    console.error(`cannot migrate ${describeDatabaseUrl(config.migrationDatabaseUrl)}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

/** The CLI; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return 0;
    case 'worker':
      return worker(config);
    case 'migrate':
      return migrate(config);
    case 'import-policies':
      return (await import('./features/policy-import/command.js')).importPoliciesCommand(config, rest);
    case 'staff':
      return (await import('./features/console/command.js')).staffCommand(config, rest);
    case 'api-clients':
      return (await import('./features/api-clients/command.js')).apiClientsCommand(config, rest);
    case 'demo': {
      const { demoBanner, prepareDemo } = await import('./commands/demo/command.js');
      const prepared = await prepareDemo(config);
      if (prepared !== 0) return prepared;
      await serve(config, process.env.LOG_LEVEL ?? 'warn');
      console.log(demoBanner(config));
      return 0;
    }
    default:
      console.error(`unknown command: ${command}${rest.length ? ' ' + rest.join(' ') : ''}\n${USAGE}`);
      return 2;
  }
}
