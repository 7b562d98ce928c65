import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { freePort, startCli, until, type CliRun } from '../support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';
import { WebClient } from '../support/web-client.js';

// ASVS 5.0 V16.2.1–V16.2.5, V16.3.4, V16.4.1, V13.4.2: a failure inside a request (here a table renamed under
// the running service) is logged with its error and answered with the generic page, no stack, no SQL.

interface LogLine {
  level: number;
  time: number;
  msg: string;
  err?: { message?: string; stack?: string };
  reqId?: string;
}

const logLines = (run: CliRun): LogLine[] =>
  run
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

/** Nothing of the failure's insides: no stack frame, no driver, no SQL, no table name. */
function assertGeneric(html: string, title: RegExp): void {
  assert.match(html, title);
  assert.doesNotMatch(html, /\bat .+:\d+:\d+|SqliteError|error:|relation|no such table|select |agencies|staff_accounts|node_modules/i);
}

for (const kind of databaseKinds()) {
  describe(`a forced 500 under keizoku serve on ${kind}`, () => {
    let database: TestDatabase;
    let run: CliRun;
    let base: string;
    before(async () => {
      database = await createTestDatabase(kind);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      run = startCli(['serve'], { DATABASE_URL: database.url, HOST: '127.0.0.1', PORT: String(port), MAINTENANCE_WINDOWS: 'none', JOBS: 'off', LOG_LEVEL: 'info' });
      await until(run, async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200, 'serving');
      await sql`alter table agencies rename to agencies_gone`.execute(database.db);
      await sql`alter table staff_accounts rename to staff_accounts_gone`.execute(database.db);
    });
    after(async () => {
      run.child.kill('SIGTERM');
      await run.exited;
      await database.drop();
    });

    it('the customer site answers the generic page with a 500 and logs the error with its stack at level error', async () => {
      const answer = await fetch(`${base}/`);
      assert.equal(answer.status, 500);
      assert.equal(answer.headers.get('content-type'), 'text/html; charset=utf-8');
      assertGeneric(await answer.text(), /ただいま処理を完了できません/);
      await until(run, () => logLines(run).some((l) => l.msg === 'request failed'), 'the failure logged');
      const line = logLines(run).find((l) => l.msg === 'request failed');
      assert.equal(line?.level, 50);
      assert.match(line?.err?.message ?? '', /agencies/);
      assert.match(line?.err?.stack ?? '', /\n\s+at /);
      assert.ok(line?.reqId, 'the line names its request');
      assert.ok(Math.abs((line?.time ?? 0) - Date.now()) < 60_000, 'time in epoch milliseconds (UTC)');
    });

    it('16.4.1/16.2.5: a forged log line in the URL stays inside one JSON line; tokens and passwords are never logged', async () => {
      const before = run.stdout().split('\n').length;
      await fetch(`${base}/x%0d%0a%7B%22level%22%3A60%2C%22msg%22%3A%22forged%22%7D`);
      await fetch(`${base}/register/verify?token=Tok3nThatMustNotBeLogged`);
      const client = new WebClient(base);
      await client.get('/login');
      await client.post('/login', { userId: 'taro@example.com', password: 'Passw0rdNotInTheLog' });
      await until(run, () => run.stdout().includes('"url":"/login"') && run.stdout().includes('/register/verify'), 'the requests logged');
      const lines = run.stdout().split('\n').slice(before - 1).filter((l) => l.trim() !== '');
      for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), line);
      assert.ok(!logLines(run).some((l) => l.msg === 'forged' || l.level === 60), 'no forged line');
      assert.doesNotMatch(run.stdout(), /Tok3nThatMustNotBeLogged|Passw0rdNotInTheLog|keizoku_csrf=/);
    });

    it('the console answers its own generic page with a 500 and logs it', async () => {
      const client = new WebClient(base);
      await client.get('/console/login');
      const answer = await client.post('/console/login', { login: 'admin', password: 'x'.repeat(12) });
      assert.equal(answer.status, 500);
      assertGeneric(answer.html, /処理を完了できませんでした/);
      await until(run, () => logLines(run).some((l) => l.msg === 'console request failed' && /staff_accounts/.test(l.err?.message ?? '')), 'the failure logged');
    });
  });
}
