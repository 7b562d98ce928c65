// Measures `keizoku import-policies` on a generated file, as an operator runs it (bin/keizoku.js on
// the built dist/: `npm run build` first): a child process per pass, timed, its peak RSS read from
// /usr/bin/time (the largest process of the command's tree).
//   node --import tsx bench/import-policies.ts [rows] [--db sqlite|postgres]
// SQLite always (a temp file); PostgreSQL too when TEST_DATABASE_URL is set (a scratch database).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLICY_COLUMNS } from '../src/features/policy-import/columns.js';
import { createTestDatabase, databaseKinds } from '../test/support/db.js';
import { policyCsvLine } from './support/policy-rows.js';

const args = process.argv.slice(2);
const only = args.includes('--db') ? args[args.indexOf('--db') + 1] : undefined;
const rows = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--db') ?? 50_000);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = fileURLToPath(new URL('../bin/keizoku.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)))) throw new Error('dist/ is missing: run npm run build first');

/** Writes the file a chunk at a time: a million rows are a quarter of a gigabyte. */
async function writeFile(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) => new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())));
  await write(`${POLICY_COLUMNS.join(',')}\n`);
  for (let i = 0; i < count; i += 10_000) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(count, i + 10_000); j += 1) lines.push(policyCsvLine(j));
    await write(`${lines.join('\n')}\n`);
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

interface Run {
  code: number | null;
  seconds: number;
  maxRssMb: number;
  cpuSeconds: number;
  stdout: string;
}

/** `keizoku import-policies FILE` in its own process under /usr/bin/time (its last stderr line: peak RSS in KB). */
function importInChild(url: string, file: string): Promise<Run> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'maxrss_kb=%M cpu=%U+%S', process.execPath, CLI, 'import-policies', file], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) =>
    child.once('close', (code) => {
      const kb = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
      const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
      resolve({ code, seconds: (performance.now() - started) / 1000, maxRssMb: kb / 1024, cpuSeconds: Number(cpu?.[1] ?? NaN) + Number(cpu?.[2] ?? NaN), stdout: stdout || stderr });
    }),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'keizoku-bench-'));
const file = join(dir, 'policies.csv');
await writeFile(file, rows);
const load = loadavg().map((n) => n.toFixed(2)).join(' ');
console.log(`import-policies: ${rows} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB, node ${process.version}, ${cpus().length} cores, load ${load}`);

try {
  for (const kind of databaseKinds().filter((k) => !only || k === only)) {
    const database = await createTestDatabase(kind);
    try {
      for (const pass of ['insert', 'update'] as const) {
        const run = await importInChild(database.url, file);
        const expected = pass === 'insert' ? `inserted ${rows}, updated 0, rejected 0` : `inserted 0, updated ${rows}, rejected 0`;
        if (run.code !== 0 || !run.stdout.includes(expected)) throw new Error(`expected "${expected}", got exit ${run.code}: ${run.stdout.slice(0, 500)}`);
        // The node process's CPU time too: on a busy machine the wall time says more about the neighbours.
        console.log(`  ${kind.padEnd(8)} ${pass}: ${run.seconds.toFixed(1)} s, ${Math.round(rows / run.seconds)} rows/s, peak RSS ${run.maxRssMb.toFixed(0)} MB, ${run.cpuSeconds.toFixed(1)} s CPU in node (load ${loadavg()[0]?.toFixed(2)})`);
      }
    } finally {
      await database.drop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
