import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDb } from '../../src/platform/db/database.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

const SAMPLE = 'demo/policies.csv';
const UNREACHABLE = 'postgres://nobody:hunter2@127.0.0.1:1/x';
const STACK_LINE = /^\s+at /m;

const dir = mkdtempSync(join(tmpdir(), 'keizoku-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('keizoku migrate', () => {
  it('creates a SQLite database, then finds it up to date (exit 0 both times)', async () => {
    const env = { DATABASE_URL: join(dir, 'fresh', 'keizoku.db') };
    const first = await runCli(['migrate'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^applied: 0001_initial/);
    const again = await runCli(['migrate'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout.trim(), 'schema is up to date');
  });

  it('fails with a clear message, no stack trace and no password on an unreachable PostgreSQL', async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: UNREACHABLE });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^cannot migrate postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/x: Migration failed: .*ECONNREFUSED/);
    assert.doesNotMatch(result.stderr, STACK_LINE);
    assert.doesNotMatch(result.stderr + result.stdout, /hunter2/);
  });
});

describe('keizoku, wrong usage', () => {
  it('prints the usage and exits 2', async () => {
    const none = await runCli([], {});
    assert.equal(none.code, 2);
    assert.match(none.stdout, /usage: keizoku <command>/);
    const unknown = await runCli(['frobnicate'], {});
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command: frobnicate/);
    const noFile = await runCli(['import-policies'], { DATABASE_URL: join(dir, 'usage.db') });
    assert.equal(noFile.code, 2);
    assert.equal(noFile.stderr.trim(), 'usage: keizoku import-policies FILE.csv [--retire-missing [--yes]]');
  });

  it('refuses a bad configuration by naming the variable (exit 1)', async () => {
    const result = await runCli(['migrate'], { PORT: 'eighty' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Invalid configuration:\n {2}PORT: /);
    assert.doesNotMatch(result.stderr, STACK_LINE);
  });
});

for (const kind of databaseKinds()) {
  describe(`keizoku import-policies on ${kind}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(async () => database.drop());

    it('imports the sample (exit 0), then updates it on a second run', async () => {
      const first = await runCli(['import-policies', SAMPLE], { DATABASE_URL: database.url });
      assert.deepEqual(first, { code: 0, stdout: `${SAMPLE}: inserted 5, updated 0, rejected 0 (agencies created 2, renamed 0)\n`, stderr: '' });
      const second = await runCli(['import-policies', SAMPLE], { DATABASE_URL: database.url });
      assert.equal(second.stdout, `${SAMPLE}: inserted 0, updated 5, rejected 0 (agencies created 0, renamed 0)\n`);
      assert.equal(second.code, 0);
    });

    it('lists each rejected row with its line and exits 1, keeping the good rows', async () => {
      const file = join(dir, `bad-${kind}.csv`);
      writeFileSync(
        file,
        [
          'policy_number,holder_family_name,holder_given_name,holder_family_kana,holder_given_kana,birth_date,agency_code,agency_name,start_date,end_date',
          'B1,山田,花子,ヤマダ,ハナコ,1980-04-01,D0001,みらい保険サービス有限会社,2026-04-01,2027-04-01',
          'B2,山田,一郎,ヤマダ,イチロウ,1975-02-30,D0001,みらい保険サービス有限会社,2026-04-01,2027-04-01',
          'B3,山田,次郎,やまだ,ジロウ,1980-04-01,D0001,みらい保険サービス有限会社,2026-04-01,2026-03-01',
          'B1,山田,花子,ヤマダ,ハナコ,1980-04-01,D0001,みらい保険サービス有限会社,2026-04-01,2027-04-01',
          '',
        ].join('\n'),
      );
      const result = await runCli(['import-policies', file], { DATABASE_URL: database.url });
      assert.equal(result.code, 1);
      assert.equal(result.stderr, '');
      assert.deepEqual(result.stdout.trimEnd().split('\n'), [
        'line 3: birth_date: "1975-02-30" is not a real date',
        'line 4: holder_family_kana: "やまだ" must be full-width katakana',
        'line 5: policy_number: B1 already appears on line 2',
        `${file}: inserted 1, updated 0, rejected 3 (agencies created 0, renamed 0)`,
      ]);
      const db = createDb(database.url);
      try {
        const stored = await db.selectFrom('policies').select('policy_number').where('policy_number', 'like', 'B%').execute();
        assert.deepEqual(stored, [{ policy_number: 'B1' }]);
      } finally {
        await db.destroy();
      }
    });

    it('takes the status column, and --retire-missing counts, then with --yes expires, the policies of the file\'s agencies it no longer names', async () => {
      const sample = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
      const [header = '', ...rows] = sample;
      const file = join(dir, `retire-${kind}.csv`);
      // D0001's C334455667 is gone from this export, D0002's C223344556 is cancelled; D0002's C445566778 stays.
      const kept = rows.filter((r) => !r.startsWith('C334455667') && !r.startsWith('C123456790'));
      writeFileSync(file, [`${header},status`, ...kept.map((r) => `${r},${r.startsWith('C223344556') ? 'cancelled' : ''}`), ''].join('\n'));
      const own = await createTestDatabase(kind);
      const url = own.url;
      assert.equal((await runCli(['import-policies', SAMPLE], { DATABASE_URL: url })).code, 0);

      const counted = await runCli(['import-policies', file, '--retire-missing'], { DATABASE_URL: url });
      assert.equal(counted.code, 0, counted.stderr);
      assert.deepEqual(counted.stdout.trimEnd().split('\n').slice(1), [
        '--retire-missing: 2 policies in force of agencies D0001, D0002 are not in the file and would become expired',
        'run again with --retire-missing --yes to retire them',
      ]);
      const db = own.db;
      const statuses = async () => Object.fromEntries((await db.selectFrom('policies').select(['policy_number', 'status']).execute()).map((p) => [p.policy_number, p.status]));
      try {
        assert.deepEqual(await statuses(), { C123456789: 'in_force', C123456790: 'in_force', C223344556: 'cancelled', C334455667: 'in_force', C445566778: 'in_force' });
        const retired = await runCli(['import-policies', file, '--retire-missing', '--yes'], { DATABASE_URL: url });
        assert.equal(retired.code, 0, retired.stderr);
        assert.equal(retired.stdout.trimEnd().split('\n').at(-1), '--retire-missing: 2 policies of agencies D0001, D0002 retired as expired');
        assert.deepEqual(await statuses(), { C123456789: 'in_force', C123456790: 'expired', C223344556: 'cancelled', C334455667: 'expired', C445566778: 'in_force' });
        const again = await runCli(['import-policies', file, '--retire-missing', '--yes'], { DATABASE_URL: url });
        assert.equal(again.stdout.trimEnd().split('\n').at(-1), '--retire-missing: 0 policies of agencies D0001, D0002 retired as expired');
        // The sample has no status column: importing it again leaves the statuses as they are.
        assert.equal((await runCli(['import-policies', SAMPLE], { DATABASE_URL: url })).code, 0);
        assert.equal((await statuses()).C223344556, 'cancelled');
      } finally {
        await own.drop();
      }
      const usage = await runCli(['import-policies', file, '--yes'], { DATABASE_URL: database.url });
      assert.equal(usage.code, 2);
      assert.equal(usage.stderr.trim(), 'usage: keizoku import-policies FILE.csv [--retire-missing [--yes]]');
    });

    it('retires nothing from a file with rejected rows', async () => {
      const file = join(dir, `retire-bad-${kind}.csv`);
      const [header = '', first = ''] = readFileSync(SAMPLE, 'utf8').split('\n');
      writeFileSync(file, [header, first, first.replace('1975-01-01', '1975-02-30').replace('C123456789', 'C999'), ''].join('\n'));
      assert.equal((await runCli(['import-policies', SAMPLE], { DATABASE_URL: database.url })).code, 0);
      const result = await runCli(['import-policies', file, '--retire-missing', '--yes'], { DATABASE_URL: database.url });
      assert.equal(result.code, 1);
      assert.equal(result.stderr, '--retire-missing: nothing retired, because rows were rejected; fix the file and import it again\n');
    });

    it('exits 2 with a clear message when the file cannot be used', async () => {
      const missing = await runCli(['import-policies', join(dir, 'nope.csv')], { DATABASE_URL: database.url });
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr, `${join(dir, 'nope.csv')}: no such file\nnothing was imported\n`);
      const sjis = join(dir, `sjis-${kind}.csv`);
      writeFileSync(sjis, Buffer.from([0x8e, 0x4f, 0x8f, 0x5a, 0x0a]));
      const notUtf8 = await runCli(['import-policies', sjis], { DATABASE_URL: database.url });
      assert.equal(notUtf8.code, 2);
      assert.match(notUtf8.stderr, /is not UTF-8 text \(first bad byte on line 1\); save it as UTF-8 — Shift_JIS is not accepted\nnothing was imported\n$/);
      const header = join(dir, `header-${kind}.csv`);
      writeFileSync(header, 'policy_number,product\nC1,auto\n');
      const noColumns = await runCli(['import-policies', header], { DATABASE_URL: database.url });
      assert.equal(noColumns.code, 2);
      assert.match(noColumns.stderr, /lacks the required columns holder_family_name, .*, end_date\nnothing was imported\n$/);
      assert.equal(noColumns.stdout, '');
    });
  });
}

describe('keizoku import-policies on an unreachable database', () => {
  it('exits 2 naming the database, without a stack trace or the password', async () => {
    const result = await runCli(['import-policies', SAMPLE], { DATABASE_URL: UNREACHABLE });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^import stopped: database postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/x: .*ECONNREFUSED/);
    assert.doesNotMatch(result.stderr, STACK_LINE);
    assert.doesNotMatch(result.stderr, /hunter2/);
  });
});
