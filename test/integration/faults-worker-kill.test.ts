import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort, startCli, type CliRun } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { holderAddress, REMINDER_SUBJECT, seedDueReminders } from '../support/due-reminders.js';
import { MailCatcher } from '../support/mail-catcher.js';
import { logLines, stopAll, untilReady } from '../support/processes.js';

// Fault: `kill -9` of the worker running the 満期案内 batch, with a second worker running. Its
// lease (JOB_LEASE=5s here) expires, the other worker takes the job over, and every reminder is
// recorded and mailed exactly once. SMTP is down until the kill: the test judges the reminders'
// once-only, not SMTP's own window between the server's acceptance and the row marked sent.

const POLICIES = 800;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fault: kill -9 of a worker mid-batch of reminders', () => {
  let database: TestDatabase;
  let catcher: MailCatcher | null = null;
  const runs: CliRun[] = [];
  before(async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    database = await createTestDatabase('postgres');
    await seedDueReminders(database.db, POLICIES);
  });
  after(async () => {
    await stopAll(runs);
    await catcher?.stop();
    await database?.drop();
  });

  it('the other worker takes the job over once the lease expires; each reminder once', { skip: !process.env.TEST_DATABASE_URL && 'PostgreSQL only: set TEST_DATABASE_URL' }, async (ctx) => {
    const { db } = database;
    const smtpPort = await freePort();
    const env = { DATABASE_URL: database.url, SMTP_URL: `smtp://127.0.0.1:${smtpPort}/?pool=true`, RENEWAL_REMINDER_DAYS: '60,30,7', JOB_LEASE: '5s', LOG_LEVEL: 'info' };
    const workers = [startCli(['worker'], env), startCli(['worker'], env)];
    runs.push(...workers);

    const recorded = async () => Number((await db.selectFrom('renewal_reminders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    let victim: CliRun | undefined;
    let atKill = 0;
    for (const started = Date.now(); !victim; await pause(5)) {
      if (Date.now() - started > 30_000) assert.fail('the reminders job never ran');
      const job = await db.selectFrom('jobs').select('leased_by').where('name', '=', 'reminders').executeTakeFirst();
      const count = await recorded();
      if (count >= POLICIES) assert.fail(`the batch finished (${count}) before the kill: raise POLICIES`);
      const pid = Number(job?.leased_by?.split(':')[1]);
      if (count > 0 && pid) {
        victim = workers.find((w) => w.child.pid === pid);
        atKill = count;
      }
    }
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    assert.equal(await victim.exited, 'SIGKILL');
    const survivor = workers.find((w) => w !== victim);
    assert.ok(survivor);
    catcher = await new MailCatcher().start(smtpPort);

    await untilReady(survivor, async () => (await recorded()) === POLICIES, 'every reminder recorded', 30_000);
    const takenOverMs = Date.now() - killedAt;
    const job = await db.selectFrom('jobs').selectAll().where('name', '=', 'reminders').executeTakeFirstOrThrow();
    assert.match(job.last_started_at ?? '', /Z$/);
    assert.ok(Date.parse(job.last_started_at ?? '') >= killedAt - 1000, 'the run that finished began after the kill');
    assert.ok(takenOverMs >= 2000, `taken over only once the lease had expired (${takenOverMs} ms)`);

    await untilReady(survivor, () => (catcher?.messages.length ?? 0) >= POLICIES, `${POLICIES} mails at the catcher`, 40_000);
    const deliveredMs = Date.now() - killedAt;
    await pause(2500);
    const perRecipient = new Map<string, number>();
    for (const mail of catcher.messages) perRecipient.set(mail.to, (perRecipient.get(mail.to) ?? 0) + 1);
    assert.deepEqual([...perRecipient].filter(([, n]) => n !== 1), [], 'each holder mailed once');
    assert.equal(catcher.messages.length, POLICIES);
    for (let i = 0; i < POLICIES; i += 1) assert.equal(perRecipient.get(holderAddress(i)), 1, holderAddress(i));
    assert.ok(catcher.messages.every((m) => m.subject === REMINDER_SUBJECT));
    const rows = await db.selectFrom('renewal_reminders').select(['policy_number', 'offset_days', 'outbox_id']).execute();
    assert.equal(new Set(rows.map((r) => `${r.policy_number}/${r.offset_days}`)).size, POLICIES);
    assert.ok(rows.every((r) => r.offset_days === 60 && r.outbox_id));
    const outbox = await db.selectFrom('outbox').select('status').execute();
    assert.ok(outbox.length === POLICIES && outbox.every((o) => o.status === 'sent'), 'every outbox row sent');
    assert.ok(!logLines(survivor).some((l) => l.msg === 'job failed'), 'the survivor had no failed run');
    ctx.diagnostic(`${POLICIES} reminders; worker killed after ${atKill} were recorded; the other finished the batch ${takenOverMs} ms after the kill (lease 5 s); all ${POLICIES} mails, each once, ${deliveredMs} ms after the kill`);
  });
});
