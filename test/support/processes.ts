import assert from 'node:assert/strict';
import { freePort, startCli, type CliRun } from './cli.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `ready`, polling; fails at once if the process ends first, or after `timeoutMs`. */
export async function untilReady(run: CliRun, ready: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (run.child.exitCode !== null || run.child.signalCode !== null) assert.fail(`keizoku ended before ${what}:\n${run.stdout().slice(-3000)}\n${run.stderr().slice(-3000)}`);
    if (Date.now() > deadline) assert.fail(`no ${what} within ${timeoutMs} ms:\n${run.stderr().slice(-3000)}`);
    await pause(50);
  }
}

export interface Served {
  run: CliRun;
  baseUrl: string;
}

/** `keizoku serve` as a child process on a free port, once /healthz answers. */
export async function startServe(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const run = startCli(['serve'], { HOST: '127.0.0.1', MAINTENANCE_WINDOWS: 'none', ...env, PORT: String(port) });
  await untilReady(run, async () => (await fetch(`${baseUrl}/healthz`).catch(() => null))?.status === 200, 'serving');
  return { run, baseUrl };
}

/** Ends the processes (SIGTERM, then SIGKILL after 15 s) and waits for each. */
export async function stopAll(runs: CliRun[]): Promise<void> {
  await Promise.all(
    runs.map(async (run) => {
      if (run.child.exitCode !== null || run.child.signalCode !== null) return;
      run.child.kill('SIGTERM');
      const killer = setTimeout(() => run.child.kill('SIGKILL'), 15_000);
      await run.exited;
      clearTimeout(killer);
    }),
  );
}

/** The JSON lines a process wrote to stdout. */
export const logLines = (run: CliRun): Array<Record<string, unknown>> =>
  run
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
