import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { policyCsvLine } from '../../bench/support/policy-rows.js';
import { POLICY_COLUMNS } from '../../src/features/policy-import/columns.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

// `keizoku import-policies` as a person runs it: the progress line on a terminal, and --dry-run.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('../support/keizoku-cli.ts', import.meta.url));
const SAMPLE = 'demo/policies.csv';

const dir = mkdtempSync(join(tmpdir(), 'keizoku-import-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command with stderr on a pseudo-terminal (util-linux `script`), stdout into a file. */
function onTerminal(args: string[], env: Record<string, string>): Promise<{ code: number | null; terminal: string; stdout: string }> {
  const out = join(dir, `stdout-${Date.now()}.txt`);
  const quoted = [process.execPath, '--import', 'tsx', ENTRY, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qec', `${quoted} > '${out}'`, '/dev/null'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let terminal = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (terminal += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, terminal, stdout: readFileSync(out, 'utf8') })));
}

for (const kind of databaseKinds()) {
  describe(`keizoku import-policies on a terminal and with --dry-run on ${kind}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(async () => database.drop());

    it('shows the progress on a terminal, rewritten in place, then a summary line; the report stays on stdout', async () => {
      const file = join(dir, `progress-${kind}.csv`);
      const rows = Array.from({ length: 2500 }, (_, i) => policyCsvLine(10_000 + i));
      rows[1200] = policyCsvLine(11_200).replace(/,1950-|,19\d\d-/, ',2999-');
      writeFileSync(file, `${[POLICY_COLUMNS.join(','), ...rows].join('\n')}\n`);
      // A database of its own: the generated agencies' names are not the sample's.
      const own = await createTestDatabase(kind);
      const run = await onTerminal(['import-policies', file], { DATABASE_URL: own.url }).finally(() => own.drop());
      assert.equal(run.code, 1, run.terminal);
      // The first update comes at 1,000 rows; later ones at most four a second; the summary ends the line.
      const shown = run.terminal.replaceAll('\u001b[K', '<erase>').replaceAll('\r', '<cr>');
      assert.match(shown, /^<cr>read 1,000 rows \([\d,]+ rows\/s\), rejected 0<erase>/);
      assert.match(shown, /<cr>read 2,500 rows in \d+\.\d s \([\d,]+ rows\/s\), rejected 1<erase>(<cr>)?\n$/);
      assert.deepEqual(run.stdout.trimEnd().split('\n').slice(-1), [`${file}: inserted 2499, updated 0, rejected 1 (agencies created 50, renamed 0)`]);
      assert.match(run.stdout, /^line 1202: birth_date: "2999-\d\d-\d\d" is in the future\n/);
    });

    it('--dry-run prints the report of what it would do, says nothing was written, and writes nothing', async () => {
      const db = database.open();
      const count = async (table: 'policies' | 'agencies' | 'audit_events') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const before = { policies: await count('policies'), agencies: await count('agencies'), audit: await count('audit_events') };
      const dry = await runCli(['import-policies', SAMPLE, '--dry-run'], { DATABASE_URL: database.url });
      assert.deepEqual(dry, { code: 0, stdout: `${SAMPLE}: dry run, nothing written: would insert 5, update 0, reject 0 (agencies would be created 2, renamed 0)\n`, stderr: '' });
      assert.deepEqual({ policies: await count('policies'), agencies: await count('agencies'), audit: await count('audit_events') }, before);

      assert.equal((await runCli(['import-policies', SAMPLE], { DATABASE_URL: database.url })).code, 0);
      const retire = await runCli(['import-policies', SAMPLE, '--dry-run', '--retire-missing', '--yes'], { DATABASE_URL: database.url });
      assert.equal(retire.code, 0, retire.stderr);
      assert.deepEqual(retire.stdout.trimEnd().split('\n'), [
        `${SAMPLE}: dry run, nothing written: would insert 0, update 5, reject 0 (agencies would be created 0, renamed 0)`,
        '--retire-missing: 0 policies in force of agencies D0001, D0002 are not in the file and would become expired',
      ]);
    });
  });
}
