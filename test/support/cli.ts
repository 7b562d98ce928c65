import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./keizoku-cli.ts', import.meta.url));

// Configuration a developer's shell may carry; each test says what it wants instead.
const CONFIG_VARS = ['PORT', 'HOST', 'DATABASE_URL', 'SMTP_URL', 'BASE_URL', 'VERIFICATION_TTL', 'MAINTENANCE_WINDOWS', 'KEIZOKU_ENV', 'LOG_LEVEL', 'JOBS', 'NODE_TEST_CONTEXT', 'SMTP_TLS', 'SMTP_CA_FILE', 'SECRET_FILE', 'MIGRATION_DATABASE_URL'];

function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of CONFIG_VARS) delete base[name];
  return { ...base, ...env };
}

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** Starts `keizoku <args>` as a real process from the repository root. */
export function startCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env: environment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export interface CliResult {
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs `keizoku <args>` to its end. */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `ready()` holds; fails as soon as the process ends first. */
export async function until(run: CliRun, ready: () => Promise<boolean> | boolean, what: string): Promise<void> {
  let ended: number | string | null = null;
  void run.exited.then((code) => (ended = code));
  for (;;) {
    if (await ready()) return;
    if (ended !== null) assert.fail(`keizoku ended (${ended}) before ${what}:\n${run.stdout()}\n${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
