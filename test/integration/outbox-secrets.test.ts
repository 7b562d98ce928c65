import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { recoveryMail } from '../../src/features/recovery/mail.js';
import { registrationMail } from '../../src/features/registration/mail.js';
import { emailChangeConfirmMail } from '../../src/features/settings/mail.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { randomToken } from '../../src/platform/crypto.js';
import { secretSlot } from '../../src/platform/mail/secrets.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { createTestDatabase, databaseKinds, type DbKind } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { loggedIn } from '../support/integration.js';
import type { CaughtMail } from '../support/mail-catcher.js';
import { completeAtLink, expectStatus, isLoginNotice, mailPath, step1Fields, tokenOf } from '../support/registration.js';
import { WebClient } from '../support/web-client.js';

const PASSWORD = 'Mt4sQx9v';

/** A port nothing listens on yet: SMTP is down until the relay opens it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** SMTP coming back: the port starts forwarding to the test's mail catcher. */
async function relay(port: number, to: number): Promise<{ server: Server; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const upstream = connect(to, '127.0.0.1');
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    server,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Everything the database holds, as one string: the SQLite file and its WAL, or every row of every PostgreSQL table as JSON. */
async function databaseContents(t: TestApp, kind: DbKind): Promise<string> {
  if (kind === 'sqlite') {
    const files = [t.database.url, `${t.database.url}-wal`].filter((file) => existsSync(file));
    return Buffer.concat(files.map((file) => readFileSync(file))).toString('latin1');
  }
  const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.deps.db);
  const rows: string[] = [];
  for (const { name } of tables.rows) {
    const dump = await sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(name)} t`.execute(t.deps.db);
    rows.push(...dump.rows.map((r) => r.row));
  }
  assert.ok(tables.rows.some((r) => r.name === 'outbox') && tables.rows.some((r) => r.name === 'mail_tokens'));
  return rows.join('\n');
}

async function waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Closes the app, then waits until PostgreSQL has no session left on the test database:
 * pg-pool's end() resolves before its sockets close, and the drop's WITH (FORCE) would
 * otherwise end one of them, which the pool reports as an uncaught error.
 */
async function close(t: TestApp, kind: DbKind): Promise<void> {
  await t.app.close();
  await t.mail.stop();
  await t.database.db.destroy();
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = new URL(t.database.url).pathname.slice(1);
    const sessions = async () => (await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name])).rows[0]?.n;
    await waitUntil('the test database has no sessions', async () => (await sessions()) === '0');
    await admin.end();
  }
  await t.database.drop();
}

const keywordOn = (html: string): string => /<dd class="keyword">([^<]*)</.exec(html)?.[1] ?? '';

for (const kind of databaseKinds()) {
  describe(`one-time links while SMTP is down, on ${kind}`, () => {
    const clock = new ManualClock(new Date('2026-11-25T01:00:00Z'));
    let t: TestApp;
    let smtpPort: number;
    let sentAt: Date;
    let recoveryKeyword = '';
    const mails = new Map<string, CaughtMail>();
    let duringOutage = '';

    before(async () => {
      smtpPort = await closedPort();
      t = await startTestApp({ db: kind, clock, env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
      await insertPolicy(t.deps.db);
      await insertPolicy(t.deps.db, { policy_number: 'C700000001' });
      await insertPolicy(t.deps.db, { policy_number: 'C700000002' });
      await insertCustomer(t.deps.db, { userId: 'hanako@example.com', password: PASSWORD, policies: ['C700000001'] });
      await insertCustomer(t.deps.db, { userId: 'ichiro@example.com', password: PASSWORD, policies: ['C700000002'] });
      sentAt = clock.now();
    });
    after(async () => close(t, kind));

    it('queues the registration, recovery and e-mail change mails, and the first delivery fails', async () => {
      const registering = new WebClient(t.baseUrl);
      await registering.get('/register');
      expectStatus(await registering.post('/register', step1Fields()), 303, 'POST /register');
      await registering.get('/register/confirm');
      expectStatus(await registering.post('/register/confirm', {}), 303, 'POST /register/confirm');

      const recovering = new WebClient(t.baseUrl);
      await recovering.get('/recovery');
      expectStatus(await recovering.post('/recovery', { email: 'hanako@example.com', birth_date: '1975-01-01' }), 303, 'POST /recovery');
      recoveryKeyword = keywordOn((await recovering.get('/recovery/sent')).html);
      assert.ok(recoveryKeyword);

      const changing = await loggedIn(t, 'ichiro@example.com', PASSWORD);
      await changing.get('/mypage/changes/email');
      const fields = { new_email: 'ichiro.new@example.com', new_email_confirm: 'ichiro.new@example.com', current_password: PASSWORD };
      expectStatus(await changing.post('/mypage/changes/email', fields), 303, 'POST /mypage/changes/email');

      // ichiro's login from this new client queues a ログインのお知らせ too: not one of the three links.
      const outbox = () => t.deps.db.selectFrom('outbox').select(['to_address', 'status', 'attempts', 'last_error']).where('subject', 'not like', '%ログインのお知らせ').execute();
      await waitUntil('all three mails failed once', async () => {
        const rows = await outbox();
        return rows.length === 3 && rows.every((r) => r.status === 'queued' && r.attempts >= 1 && r.last_error !== null);
      });
      duringOutage = await databaseContents(t, kind);
    });

    it('delivers each mail once, as the builders write it, when SMTP is back', async () => {
      const up = await relay(smtpPort, t.mail.port);
      try {
        clock.advance(60_000);
        t.dispatcher.kick();
        for (const to of ['taro@example.com', 'hanako@example.com', 'ichiro.new@example.com']) mails.set(to, await t.mail.waitFor(to));
        await waitUntil('the outbox shows them sent', async () => (await t.deps.db.selectFrom('outbox').select('status').where('status', '!=', 'sent').execute()).length === 0);
        clock.advance(30 * 60_000);
        await t.dispatcher.drain();
      } finally {
        await up.close();
      }
      assert.equal(t.mail.messages.filter((m) => !isLoginNotice(m)).length, 3, 'each mail once');

      const { baseUrl, brand, verificationTtlMs: ttlMs } = t.deps.config;
      const link = (to: string) => `${baseUrl}${mailPath(mails.get(to)!)}`;
      const expected = [
        registrationMail({ brand, to: 'taro@example.com', url: link('taro@example.com'), sentAt, ttlMs }),
        recoveryMail({ brand, to: 'hanako@example.com', url: link('hanako@example.com'), sentAt, ttlMs }),
        emailChangeConfirmMail({ brand, to: 'ichiro.new@example.com', url: link('ichiro.new@example.com'), sentAt, ttlMs }),
      ];
      for (const mail of expected) {
        const received = mails.get(mail.to)!;
        assert.equal(received.subject, mail.subject);
        assert.equal(received.text, mail.text, `the text of the mail to ${mail.to}`);
        assert.match(tokenOf(mailPath(received)), /^[A-Za-z0-9_-]{43}$/);
      }
    });

    it('the raw tokens are nowhere in the database, neither while the mail waited nor after it went out', async () => {
      const afterDelivery = await databaseContents(t, kind);
      for (const [to, mail] of mails) {
        const token = tokenOf(mailPath(mail));
        assert.ok(!duringOutage.includes(token), `the token mailed to ${to} was stored while SMTP was down`);
        assert.ok(!afterDelivery.includes(token), `the token mailed to ${to} is stored after delivery`);
      }
      const texts = await t.deps.db.selectFrom('outbox').select('text_body').execute();
      assert.ok(texts.every((r) => !/token=[A-Za-z0-9_-]/.test(r.text_body)));
    });

    it('the delivered links work', async () => {
      const registering = new WebClient(t.baseUrl);
      await completeAtLink(registering, '/register', mailPath(mails.get('taro@example.com')!), { keyword: 'Abc123', userId: 'taro@example.com', password: PASSWORD });
      assert.equal((await registering.get('/mypage')).status, 200);

      const recovering = new WebClient(t.baseUrl);
      const recoveryPath = mailPath(mails.get('hanako@example.com')!);
      expectStatus(await recovering.get(recoveryPath), 200, 'GET recovery link');
      expectStatus(await recovering.post('/recovery/verify', { token: tokenOf(recoveryPath), keyword: recoveryKeyword }), 303, 'POST recovery keyword');

      const changing = await loggedIn(t, 'ichiro@example.com', PASSWORD);
      const changePath = mailPath(mails.get('ichiro.new@example.com')!);
      const look = expectStatus(await changing.get(changePath), 200, 'GET e-mail change link');
      assert.match(look.html, /変更する<\/button>/);
      expectStatus(await changing.post('/mypage/changes/email/confirm', { token: tokenOf(changePath) }), 303, 'POST e-mail change');
    });
  });
}

describe('the dev mailbox', () => {
  it('holds the delivered mail with its link; the outbox keeps no token', async () => {
    const database = await createTestDatabase('sqlite');
    const built = await buildApp({ config: loadConfig({ DATABASE_URL: database.url, MAINTENANCE_WINDOWS: 'none' }), db: database.db });
    try {
      const { db, mail, clock } = built.deps;
      const token = randomToken();
      const text = `http://localhost:3000/register/verify?token=${secretSlot('token')}\n`;
      await mail.enqueue(db, { to: 'dev@example.com', subject: 'リンク', text, secrets: { token } }, clock.now());
      await built.dispatcher.drain();
      const delivered = await db.selectFrom('dev_mailbox').select('text_body').where('to_address', '=', 'dev@example.com').executeTakeFirstOrThrow();
      assert.equal(delivered.text_body, `http://localhost:3000/register/verify?token=${token}\n`);
      const kept = await db.selectFrom('outbox').selectAll().where('to_address', '=', 'dev@example.com').executeTakeFirstOrThrow();
      assert.equal(kept.status, 'sent');
      assert.ok(!JSON.stringify(kept).includes(token));
    } finally {
      await built.app.close();
      await database.drop();
    }
  });
});
