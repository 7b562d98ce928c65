import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureAppSecret } from '../../src/platform/db/settings.js';
import { enqueueMail } from '../../src/platform/mail/outbox.js';
import { startCli, type CliRun } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { holderAddress, REMINDER_SUBJECT, seedDueReminders } from '../support/due-reminders.js';
import { MailCatcher } from '../support/mail-catcher.js';
import { logLines, startServe, stopAll, untilReady, type Served } from '../support/processes.js';

// Fault: two `serve` instances (JOBS on) and two `keizoku worker`s on one PostgreSQL database.
// Reminders, the purge and mail delivery must each be done once, while both instances serve pages.

const POLICIES = 120;
const PLAIN_MAILS = 60;
const OLD_THROTTLES = 1300;

async function seed(database: TestDatabase): Promise<void> {
  const { db } = database;
  await seedDueReminders(db, POLICIES);
  const secret = await ensureAppSecret(db);
  for (let i = 0; i < PLAIN_MAILS; i += 1) await enqueueMail(db, { to: `plain${i}@example.com`, subject: 'お知らせ', text: `本文 ${i}` }, new Date(), secret);
  const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
  const rows = Array.from({ length: OLD_THROTTLES }, (_, i) => ({ key: `old:${i}`, failures: 1, window_started_at: old, locked_until: null }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('throttles').values(rows.slice(i, i + 500)).execute();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fault: two serve instances and two workers on one PostgreSQL database', () => {
  let database: TestDatabase;
  let catcher: MailCatcher;
  const runs: CliRun[] = [];
  before(async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    catcher = await new MailCatcher().start();
    database = await createTestDatabase('postgres');
    await seed(database);
  });
  after(async () => {
    await stopAll(runs);
    await catcher?.stop();
    await database?.drop();
  });

  it('each reminder, each mail and the purge done once, while both instances answer pages', { skip: !process.env.TEST_DATABASE_URL && 'PostgreSQL only: set TEST_DATABASE_URL', timeout: 180_000 }, async (ctx) => {
    const started = Date.now();
    const env = { DATABASE_URL: database.url, SMTP_URL: catcher.url, RENEWAL_REMINDER_DAYS: '60,30,7', LOG_LEVEL: 'info' };
    const serving: Served[] = await Promise.all([startServe(env), startServe(env)]);
    runs.push(...serving.map((s) => s.run));
    const workers = [startCli(['worker'], env), startCli(['worker'], env)];
    runs.push(...workers);

    const expected = POLICIES + PLAIN_MAILS;
    let pages = 0;
    while (catcher.messages.length < expected) {
      if (Date.now() - started > 45_000) assert.fail(`${catcher.messages.length} of ${expected} mails within 45 s`);
      for (const { baseUrl } of serving) {
        for (const path of ['/', '/login', '/register']) {
          // A page that never answers fails the test, it does not hang it.
          const answer = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
          assert.equal(answer.status, 200, `${baseUrl}${path}`);
          assert.match(await answer.text(), /みらい損保/);
          pages += 1;
        }
      }
      await pause(100);
    }
    const deliveredMs = Date.now() - started;
    // Every process has run its start-up runs (the jobs rows say so) before we look for repeats.
    for (const run of [...workers, ...serving.map((s) => s.run)]) await untilReady(run, () => logLines(run).some((l) => l.msg === 'worker started'), 'its worker started');
    await pause(3000);

    const perRecipient = new Map<string, number>();
    for (const mail of catcher.messages) perRecipient.set(mail.to, (perRecipient.get(mail.to) ?? 0) + 1);
    const twice = [...perRecipient].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], 'no mail twice');
    assert.equal(catcher.messages.length, expected);
    for (let i = 0; i < POLICIES; i += 1) assert.ok(catcher.messages.some((m) => m.to === holderAddress(i) && m.subject === REMINDER_SUBJECT), `reminder to ${holderAddress(i)}`);

    const { db } = database;
    const reminders = await db.selectFrom('renewal_reminders').select(['policy_number', 'offset_days']).execute();
    assert.equal(reminders.length, POLICIES);
    assert.equal(new Set(reminders.map((r) => r.policy_number)).size, POLICIES);
    assert.ok(reminders.every((r) => r.offset_days === 60));
    const outbox = await db.selectFrom('outbox').select('status').execute();
    assert.ok(outbox.length === expected && outbox.every((o) => o.status === 'sent'), 'every outbox row sent');

    // The purge: its deleted counts, summed over every process's log, are the rows that were there.
    const purged = runs.flatMap(logLines).filter((l) => l.msg === 'purged expired rows');
    const throttlesDeleted = purged.reduce((sum, l) => sum + Number((l.deleted as Record<string, number>).throttles), 0);
    assert.equal(throttlesDeleted, OLD_THROTTLES);
    assert.equal((await db.selectFrom('throttles').select('key').where('key', 'like', 'old:%').execute()).length, 0);

    const jobs = await db.selectFrom('jobs').select(['name', 'runs', 'failures', 'leased_by']).orderBy('name').execute();
    assert.ok(jobs.every((j) => j.failures === 0), JSON.stringify(jobs));
    const reminderRuns = jobs.find((j) => j.name === 'reminders')?.runs ?? 0;
    assert.ok(reminderRuns >= 1 && reminderRuns <= 4, `reminders ran ${reminderRuns} times: once per process start at most`);
    ctx.diagnostic(`4 processes: ${expected} mails delivered ${deliveredMs} ms after the start, none twice; ${pages} pages answered 200; reminders job ran ${reminderRuns}×, purge deleted ${throttlesDeleted} throttle rows in ${purged.length} run(s)`);
  });
});
