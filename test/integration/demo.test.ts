import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { addDays, addMonths, DEMO_EXAMPLE_OFFSETS, demoEndDate } from '../../src/commands/demo/dates.js';
import { countTerms } from '../../src/features/console/agency/expiry-repository.js';
import { loadDemoData } from '../../src/commands/demo/service.js';
import { japanDate } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/crypto.js';
import { createDb, type Db } from '../../src/platform/db/database.js';
import { freePort, runCli, startCli, type CliRun } from '../support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

const dir = mkdtempSync(join(tmpdir(), 'keizoku-demo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves once `ready()` holds; fails as soon as the process ends first. */
async function until(run: CliRun, ready: () => Promise<boolean> | boolean, what: string): Promise<void> {
  let ended: number | string | null = null;
  void run.exited.then((code) => (ended = code));
  for (;;) {
    if (await ready()) return;
    if (ended !== null) assert.fail(`keizoku demo ended (${ended}) before ${what}:\n${run.stdout()}\n${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const answers200 = (url: string) => async () => (await fetch(url).catch(() => null))?.status === 200;

async function demoState(db: Db) {
  return {
    agencies: await db.selectFrom('agencies').select(['code', 'name']).orderBy('code').execute(),
    news: await db.selectFrom('agency_news').select(['agency_code', 'published_on', 'title']).orderBy('agency_code').orderBy('published_on', 'desc').execute(),
    policies: await db.selectFrom('policies').select(['policy_number', 'start_date', 'end_date', 'customer_id']).orderBy('policy_number').execute(),
  };
}

for (const kind of databaseKinds()) {
  describe(`keizoku demo on ${kind}`, () => {
    let database: TestDatabase | null = null;
    let run: CliRun | null = null;
    afterEach(async () => {
      if (run && run.child.exitCode === null) run.child.kill('SIGTERM');
      await run?.exited;
      run = null;
    });
    after(async () => database?.drop());

    it('prepares the database, serves the agencies with the dev mailbox, and says what to try', async () => {
      // SQLite: a file that does not exist yet; PostgreSQL: an empty database of the test's own.
      const url = kind === 'sqlite' ? join(dir, 'new', 'keizoku.db') : (database = await createTestDatabase(kind)).url;
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      const current = (run = startCli(['demo'], { DATABASE_URL: url, PORT: String(port), MAINTENANCE_WINDOWS: 'none' }));
      await until(current, () => current.stdout().includes('Stop with Ctrl+C.'), 'printing what to try');

      const out = current.stdout();
      assert.match(out, /: 2 agencies, 6 news items\n/);
      assert.match(out, /demo\/policies\.csv: (inserted 5, updated 0|inserted 0, updated 5), rejected 0/);
      assert.match(out, /demo\/expiry-examples\.csv: (inserted 3, updated 0|inserted 0, updated 3), rejected 0/);
      assert.match(out, new RegExp(`is running at http://localhost:${port}\\n`));
      assert.match(out, /三住 太郎 \/ ミツスミ タロウ \/ 1975-01-01 \/ 証券番号 C123456789 with your own e-mail address/);
      assert.match(out, new RegExp(`dev mailbox: http://localhost:${port}/dev/mailbox`));

      await until(current, answers200(`${origin}/healthz`), '/healthz answered 200');
      const top = await fetch(`${origin}/`);
      assert.equal(top.status, 200);
      const topHtml = await top.text();
      assert.match(topHtml, /みらい保険サービス有限会社/);
      assert.match(topHtml, /あおば保険事務所/);
      const agency = await (await fetch(`${origin}/agency/D0002`)).text();
      assert.match(agency, /満期が近いお客さまへ/);
      assert.equal((await fetch(`${origin}/dev/mailbox`)).status, 200);
      assert.match(out, /log in as hanako@example\.com \/ Hanako2026/);
      // serve runs the reminders job at start: the demo customer's 60-day 満期案内 reaches the dev mailbox.
      await until(current, async () => (await (await fetch(`${origin}/dev/mailbox`)).text()).includes('【みらい損保】自動車保険の満期のご案内'), 'the 満期案内 in the dev mailbox');

      current.child.kill('SIGTERM');
      assert.equal(await current.exited, 0);

      const db = createDb(url);
      try {
        const state = await demoState(db);
        const today = japanDate(new Date());
        assert.deepEqual(state.agencies, [
          { code: 'D0001', name: 'みらい保険サービス有限会社' },
          { code: 'D0002', name: 'あおば保険事務所' },
        ]);
        assert.equal(state.news.length, 6);
        assert.ok(state.news.every((n) => n.published_on <= today));
        const ends = [0, 1, 2, 3, 4].map((i) => demoEndDate(i, today));
        const examples = [0, 1, 2].map((i) => demoEndDate(i, today, DEMO_EXAMPLE_OFFSETS));
        assert.deepEqual(
          state.policies.map((p) => [p.policy_number, p.start_date, p.end_date]),
          [
            ...['C123456789', 'C123456790', 'C223344556', 'C334455667', 'C445566778'].map((number, i) => [number, addMonths(ends[i] ?? '', -12), ends[i]]),
            ...['C556677889', 'C667788990', 'C778899001'].map((number, i) => [number, addMonths(examples[i] ?? '', -12), examples[i]]),
          ],
        );
        assert.deepEqual(examples, [addDays(today, -10), addDays(today, 20), addDays(today, 50)]);
        assert.equal(ends[4], addDays(today, 60));
        const reminders = await db.selectFrom('renewal_reminders').select(['policy_number', 'end_date', 'offset_days']).execute();
        assert.deepEqual(reminders, [{ policy_number: 'C445566778', end_date: ends[4], offset_days: 60 }]);
      } finally {
        await db.destroy();
      }
    });
  });

  describe(`demo data on ${kind}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(async () => database.drop());

    it('loads again without copies, keeping a registered customer on their policy', async () => {
      const { db } = database;
      const first = await loadDemoData(db, new Date('2026-11-25T01:00:00Z'));
      assert.equal(first.policies.inserted, 5);
      assert.equal(first.examples.inserted, 3);
      // The demo agency's 満期管理 (this month and the next) shows several states.
      const where = { agencyCode: 'D0001', range: { from: '2026-11-01', until: '2027-01-01' }, today: '2026-11-25', nowIso: '2026-11-25T01:00:00.000Z' };
      assert.deepEqual(Object.fromEntries(await countTerms(db, where)), { unregistered: 1, lapsed: 1, cancelled: 1 });
      const other = { ...where, agencyCode: 'D0002', range: { from: '2026-12-01', until: '2027-02-01' } };
      assert.deepEqual(Object.fromEntries(await countTerms(db, other)), { unregistered: 2, not_started: 1 }, "山田 花子's policy is 未手続");
      const hanako = await db.selectFrom('customers').select(['id', 'password_hash']).where('user_id', '=', 'hanako@example.com').executeTakeFirstOrThrow();
      const customerId = newId();
      const at = new Date().toISOString();
      await db
        .insertInto('customers')
        .values({ id: customerId, user_id: 'taro@example.com', password_hash: 'x', family_name: '三住', given_name: '太郎', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-01', last_login_at: null, previous_login_at: null, created_at: at, updated_at: at })
        .execute();
      await db.updateTable('policies').set({ customer_id: customerId }).where('policy_number', '=', 'C123456789').execute();

      const second = await loadDemoData(db, new Date('2027-03-10T01:00:00Z'));
      assert.deepEqual([second.policies.inserted, second.policies.updated, second.policies.rejected], [0, 5, []]);
      assert.deepEqual(await db.selectFrom('customers').select(['id', 'password_hash']).where('user_id', '=', 'hanako@example.com').execute(), [hanako], 'the demo customer once, as she was');
      const state = await demoState(db);
      assert.equal(state.agencies.length, 2);
      assert.equal(state.news.length, 6);
      assert.deepEqual(state.news[0], { agency_code: 'D0001', published_on: '2027-03-08', title: 'お客さまWebサービスのご案内' });
      assert.deepEqual(
        state.policies.map((p) => [p.policy_number, p.end_date, p.customer_id]),
        [
          ['C123456789', '2027-04-10', customerId],
          ['C123456790', '2027-06-10', null],
          ['C223344556', '2027-04-14', null],
          ['C334455667', '2027-04-21', null],
          ['C445566778', '2027-05-09', hanako.id],
          ['C556677889', '2027-02-28', null],
          ['C667788990', '2027-03-30', null],
          ['C778899001', '2027-04-29', null],
        ],
      );
    });
  });
}

describe('keizoku demo on an unreachable database', () => {
  it('exits 1 with a clear message', async () => {
    const result = await runCli(['demo'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x', MAINTENANCE_WINDOWS: 'none' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^cannot prepare the demo in postgres:\/\/nobody@127\.0\.0\.1:1\/x: .*ECONNREFUSED/);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });
});
