import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { ensureAppSecret } from '../../src/platform/db/settings.js';
import { enqueueMail } from '../../src/platform/mail/outbox.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { freePort, startCli, until, type CliRun } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { MailCatcher } from '../support/mail-catcher.js';

/** Longer than two of the delivery job's one-second polls: for checking that nothing is sent. */
const twoPolls = () => new Promise((resolve) => setTimeout(resolve, 2500));

describe('JOBS=off in the web process', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { JOBS: 'off' } });
  });
  after(async () => t.close());

  it('queues mail but neither delivers it nor touches the jobs table, kicked or not', async () => {
    const { db, mail, clock } = t.deps;
    await mail.enqueue(db, { to: 'waiting@example.com', subject: '待機', text: 'ワーカーを待ちます。' }, clock.now());
    mail.kick();
    await twoPolls();
    assert.equal(t.mail.messages.length, 0);
    assert.deepEqual(await db.selectFrom('outbox').select(['status', 'attempts']).execute(), [{ status: 'queued', attempts: 0 }]);
    assert.deepEqual(await db.selectFrom('jobs').selectAll().execute(), []);
  });
});

describe('keizoku serve with JOBS=off, then keizoku worker (SQLite)', () => {
  let database: TestDatabase;
  let catcher: MailCatcher;
  const runs: CliRun[] = [];
  before(async () => {
    catcher = await new MailCatcher().start();
    database = await createTestDatabase('sqlite');
  });
  afterEach(async () => {
    for (const run of runs.splice(0)) {
      if (run.child.exitCode === null) run.child.kill('SIGTERM');
      await run.exited;
    }
  });
  after(async () => {
    await catcher.stop();
    await database.drop();
  });

  it('sends no mail until a worker runs; the worker delivers it and stops cleanly on SIGTERM', async () => {
    const env = { DATABASE_URL: database.url, SMTP_URL: catcher.url, HOST: '127.0.0.1', MAINTENANCE_WINDOWS: 'none', JOBS: 'off', LOG_LEVEL: 'info' };
    const port = String(await freePort());
    const serve = startCli(['serve'], { ...env, PORT: port });
    runs.push(serve);
    await until(serve, async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200, 'serving');

    const { db } = database;
    await enqueueMail(db, { to: 'later@example.com', subject: 'ワーカーから', text: '本文です。' }, new Date(), await ensureAppSecret(db));
    await twoPolls();
    assert.equal(catcher.messages.length, 0, 'serve with JOBS=off sent mail');

    const worker = startCli(['worker'], env);
    runs.push(worker);
    const received = await catcher.waitFor('later@example.com');
    assert.equal(received.subject, 'ワーカーから');
    await until(worker, async () => (await db.selectFrom('outbox').select('status').executeTakeFirstOrThrow()).status === 'sent', 'the outbox row marked sent');
    // The run that delivered it records its end just after marking the row sent.
    const deliveryRow = () => db.selectFrom('jobs').selectAll().where('name', '=', 'mail-delivery').executeTakeFirst();
    await until(worker, async () => (await deliveryRow())?.last_finished_at != null, 'the delivery run recorded');
    const delivery = await deliveryRow();
    assert.ok(delivery && delivery.failures === 0 && delivery.leased_by === null, JSON.stringify(delivery));

    worker.child.kill('SIGTERM');
    assert.equal(await worker.exited, 0, worker.stderr());
    assert.match(worker.stdout(), /"msg":"worker started"/);
    assert.match(worker.stdout(), /"msg":"worker stopped"/);
    assert.equal(serve.child.exitCode, null, 'serve still running');
  });
});
