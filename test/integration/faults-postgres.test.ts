import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/platform/crypto.js';
import { createDb, migrateToLatest, type Db } from '../../src/platform/db/database.js';
import { insertCustomer } from '../support/customers.js';
import { insertPolicy } from '../support/factories.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { MailCatcher } from '../support/mail-catcher.js';
import { startServe, stopAll, type Served } from '../support/processes.js';
import { step1Fields } from '../support/registration.js';
import { WebClient, type WebPage } from '../support/web-client.js';

// Fault: PostgreSQL restarted (stopped, down a moment, started) under load, on a cluster of the
// test's own. Requests in flight fail with the Japanese error page, nothing is half-written, and
// the running service recovers by itself.

const LOOPS = 6;
const ACCOUNTS = 1000;
const account = (i: number) => `aoki${i}@example.com`;
const ERROR_TEXT = 'システムでエラーが発生しました。しばらくしてから、もう一度お試しください。';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tally {
  ok: number;
  failed: number;
  bad: string[];
}

/** A normal answer, or a clean failure: 500/503 with the Japanese error page and no stack trace. */
function judge(tally: Tally, page: WebPage, what: string, normal: number[]): void {
  if (normal.includes(page.status)) {
    tally.ok += 1;
    return;
  }
  tally.failed += 1;
  const clean = [500, 503].includes(page.status) && page.html.includes(ERROR_TEXT) && !/\bat [\w.<>]+ \(|Error:|node_modules|\.ts:\d/.test(page.html);
  if (!clean) tally.bad.push(`${what}: ${page.status} ${page.html.slice(0, 300)}`);
}

describe('fault: PostgreSQL restarted under load', () => {
  let cluster: PrivatePostgres | null = null;
  let catcher: MailCatcher;
  let db: Db;
  let serve: Served | null = null;
  /** Ends the load loops, should the test fail midway. */
  let endLoad = () => {};
  before(async () => {
    cluster = await startPrivatePostgres();
    catcher = await new MailCatcher().start();
    db = createDb(cluster.url, { onPoolError: () => undefined });
    await migrateToLatest(db);
    const template = await insertPolicy(db, { policy_number: 'L000000000' });
    await db.insertInto('policies').values(Array.from({ length: 400 }, (_, i) => ({ ...template, policy_number: `L${String(i + 1).padStart(9, '0')}` }))).execute();
    // An account per round: a login cut short by the outage keeps its counted attempt (counted before
    // the check, by design), and five of those would lock one shared account.
    const first = await insertCustomer(db, { userId: account(0), password: 'Mt4sQx9v', familyName: '青木' });
    await db.insertInto('customers').values(Array.from({ length: ACCOUNTS - 1 }, (_, i) => ({ ...first, id: newId(), user_id: account(i + 1) }))).execute();
  });
  after(async () => {
    endLoad();
    if (serve) await stopAll([serve.run]);
    await db?.destroy();
    await catcher?.stop();
    cluster?.destroy();
  });

  it('fails requests in flight cleanly, writes nothing by halves, and recovers without a restart', async (ctx) => {
    assert.ok(cluster);
    serve = await startServe({ DATABASE_URL: cluster.url, SMTP_URL: catcher.url, TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'warn' });
    const base = serve.baseUrl;
    const tally: Tally = { ok: 0, failed: 0, bad: [] };
    let seq = 0;
    let running = true;
    endLoad = () => (running = false);

    async function oneRound(): Promise<void> {
      const n = (seq += 1);
      const client = new WebClient(base, { 'x-forwarded-for': `203.0.${Math.floor(n / 250)}.${(n % 250) + 1}` });
      judge(tally, await client.get('/'), 'top', [200]);
      judge(tally, await client.get('/register'), 'register', [200]);
      if (client.csrf) {
        const step1 = await client.post('/register', step1Fields({ email: `load${n}@example.com`, policy_number: `L${String(n % 400).padStart(9, '0')}` }));
        judge(tally, step1, 'step 1', [303]);
        if (step1.status === 303) {
          await client.get('/register/confirm');
          if (client.csrf) judge(tally, await client.post('/register/confirm', {}), 'step 2', [303]);
        }
      }
      const login = new WebClient(base, { 'x-forwarded-for': `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}` });
      const form = await login.get('/login');
      judge(tally, form, 'login page', [200]);
      if (form.status === 200) judge(tally, await login.post('/login', { userId: account(n), password: 'Mt4sQx9v' }), 'login', [303]);
    }
    const load = Promise.all(Array.from({ length: LOOPS }, async () => {
      while (running) {
        await oneRound().catch((error: unknown) => {
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
          tally.bad.push(`no answer (${cause}); serve ${serve?.run.child.exitCode === null ? 'running' : 'ended'}: ${serve?.run.stderr().slice(-500)}`);
        });
      }
    }));

    await pause(1500);
    const beforeFault = { ...tally };
    const stopped = Date.now();
    cluster.stop();
    await pause(1500);
    if (serve.run.child.exitCode !== null) assert.fail(`serve ended while the database was down:\n${serve.run.stderr().slice(-2000)}\n${serve.run.stdout().slice(-4000)}`);
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 503, 'not ready while the database is down');
    assert.equal(((await ready.json()) as { reason: string }).reason, 'database unreachable');
    cluster.start();
    const restarted = Date.now();
    let recoveredMs = -1;
    for (let i = 0; recoveredMs < 0; i += 1) {
      if ((await fetch(`${base}/readyz`)).status === 200) recoveredMs = Date.now() - restarted;
      else if (i > 200) assert.fail('/readyz did not come back within 20 s');
      else await pause(100);
    }
    // Requests already failing when /readyz answered finish first.
    await pause(300);
    const afterRecovery = { ...tally };
    await pause(1500);
    running = false;
    await load;

    assert.deepEqual(tally.bad, [], 'every failure a clean Japanese error page');
    assert.ok(beforeFault.failed === 0 && beforeFault.ok > 0, `before the fault all went well: ${JSON.stringify(beforeFault)}`);
    assert.ok(tally.failed > 0, 'some requests met the stopped database');
    assert.ok(tally.ok - afterRecovery.ok > 0, 'requests answer normally after the database is back');
    assert.equal(tally.failed, afterRecovery.failed, 'no failures once /readyz is back (and the requests of the outage ended)');
    const login = new WebClient(base);
    await login.get('/login');
    assert.ok(seq < ACCOUNTS - 1, `more rounds (${seq}) than accounts`);
    assert.equal((await login.post('/login', { userId: account(ACCOUNTS - 1), password: 'Mt4sQx9v' })).status, 303, 'a login after the fault');
    assert.equal((await login.get('/mypage')).status, 200);

    // Nothing by halves: every registration flow that reached 'mail_sent' has its token and its mail.
    const sent = await db.selectFrom('flows').select('id').where('kind', '=', 'registration').where('state', '=', 'mail_sent').execute();
    const tokens = await db.selectFrom('mail_tokens').select('flow_id').execute();
    const withToken = new Set(tokens.map((t) => t.flow_id));
    assert.ok(sent.length > 0);
    assert.deepEqual(sent.filter((f) => !withToken.has(f.id)), [], 'a sent flow without its mail token');
    assert.equal(tokens.length, sent.length, 'a mail token without its flow state');
    const mails = await db.selectFrom('outbox').select('id').where('subject', 'like', '%初回利用登録%').execute();
    assert.equal(mails.length, sent.length, 'one registration mail per sent flow');
    assert.equal(serve.run.child.exitCode, null, 'serve was never restarted');
    ctx.diagnostic(`${LOOPS} clients; database down ${restarted - stopped} ms; /readyz back ${recoveredMs} ms after the start; ${tally.ok} normal answers, ${tally.failed} clean failures (500/503 error page); ${sent.length} registrations reached the mail, each with its token and mail`);
  });
});
