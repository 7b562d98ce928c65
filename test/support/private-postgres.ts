import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './cli.js';

// A PostgreSQL cluster of the test's own (initdb into a temp dir, a free port, trust auth), so a
// test may stop and start it without touching the shared server other tests use.

const INSTALL = 'the PostgreSQL server binaries (initdb, pg_ctl) are needed: apt-get install -y postgresql (or set PG_BINDIR to their folder)';

function serverBinaries(): string {
  const candidates = [process.env.PG_BINDIR ?? ''];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // No pg_config on PATH: look where Debian and Ubuntu put them.
  }
  if (existsSync('/usr/lib/postgresql')) candidates.push(...readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`));
  const found = candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new Error(`No initdb found: ${INSTALL}`);
  return found;
}

export interface PrivatePostgres {
  url: string;
  stop(): void;
  start(): void;
  /** Stops the server (immediately) and removes its folder. */
  destroy(): void;
}

/** initdb and pg_ctl refuse root: as root (CI) they run as the `postgres` user. */
function runAs(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = serverBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-pg-'));
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  const pgCtl = (...args: string[]) => runAs(join(bin, 'pg_ctl'), ['-D', data, ...args]);
  let running = false;
  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      pgCtl('-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start');
      running = true;
    },
    stop() {
      pgCtl('-m', 'fast', '-w', 'stop');
      running = false;
    },
    destroy() {
      try {
        if (running) pgCtl('-m', 'immediate', '-w', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    runAs(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
    cluster.start();
  } catch (error) {
    cluster.destroy();
    throw error;
  }
  return cluster;
}
