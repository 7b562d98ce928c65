import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { freePort } from '../support/cli.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { MailCatcher } from '../support/mail-catcher.js';
import { expectStatus, mailPath, step1Fields } from '../support/registration.js';
import { WebClient, textOf } from '../support/web-client.js';

// Fault: the SMTP server is down while 100 people sign up, then comes back. Each sign-up must
// answer as usual (the mail waits in the outbox), and once SMTP is back every mail arrives once.

const SIGN_UPS = 100;
const SUBJECT = '【みらい損保】初回利用登録に関するご案内';
const address = (i: number) => `signup${i}@example.com`;
const policyNumber = (i: number) => `S${String(i).padStart(9, '0')}`;

/** Runs `work` for 0..n-1, `width` at a time. */
async function inParallel(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await work(next++);
  }));
}

/** An SMTP port that accepts connections and closes them at once (a crashing server). */
async function slammingDoor(port: number): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return server;
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

for (const kind of databaseKinds()) {
  describe(`fault: SMTP down during ${SIGN_UPS} sign-ups, on ${kind}`, () => {
    const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
    let t: TestApp;
    let smtpPort = 0;
    let catcher: MailCatcher | null = null;
    before(async () => {
      smtpPort = await freePort();
      // Each sign-up from its own address behind the proxy, as customers are: the per-IP mail cap (50 a day) is not what this tests.
      t = await startTestApp({ db: kind, clock, env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, TRUST_PROXY: '127.0.0.1' } });
      const template = await insertPolicy(t.deps.db, { policy_number: policyNumber(0) });
      const others = Array.from({ length: SIGN_UPS - 1 }, (_, i) => ({ ...template, policy_number: policyNumber(i + 1) }));
      await t.deps.db.insertInto('policies').values(others).execute();
    });
    after(async () => {
      await t.close();
      await catcher?.stop();
    });

    /** Steps 1–3 as a customer: returns the page of step 3. */
    async function signUp(i: number): Promise<string> {
      const client = new WebClient(t.baseUrl, { 'x-forwarded-for': `198.51.${Math.floor(i / 200)}.${(i % 200) + 1}` });
      await client.get('/register');
      expectStatus(await client.post('/register', step1Fields({ email: address(i), policy_number: policyNumber(i), keyword: `Key${i}abc` })), 303, `sign-up ${i}: step 1`);
      await client.get('/register/confirm');
      expectStatus(await client.post('/register/confirm', {}), 303, `sign-up ${i}: step 2`);
      return textOf(expectStatus(await client.get('/register/sent'), 200, `sign-up ${i}: step 3`).html);
    }

    const outboxByStatus = async () =>
      Object.fromEntries((await t.deps.db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute()).map((r) => [r.status, Number(r.n)]));

    /** Waits until every queued mail has had a failed attempt (the dispatcher tried, SMTP refused). */
    async function untilEachTried(minAttempts: number): Promise<void> {
      for (let i = 0; ; i += 1) {
        const rows = await t.deps.db.selectFrom('outbox').select(['status', 'attempts', 'last_error']).execute();
        if (rows.length === SIGN_UPS && rows.every((r) => r.status === 'queued' && r.attempts >= minAttempts && r.last_error)) return;
        if (i > 300) assert.fail(`not every mail tried ${minAttempts} times: ${JSON.stringify(await outboxByStatus())}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    it('the sign-ups answer as usual while SMTP is down; once it is back every mail arrives exactly once', async (ctx) => {
      const started = Date.now();
      const pages: string[] = [];
      // The first half with nothing listening on the SMTP port (connection refused) …
      await inParallel(SIGN_UPS / 2, 8, async (i) => void (pages[i] = await signUp(i)));
      // … the second half against a server that closes every connection at once.
      const door = await slammingDoor(smtpPort);
      try {
        await inParallel(SIGN_UPS / 2, 8, async (i) => void (pages[i + SIGN_UPS / 2] = await signUp(i + SIGN_UPS / 2)));
        const signUpsMs = Date.now() - started;
        pages.forEach((page, i) => {
          assert.match(page, new RegExp(`ご入力いただいたメールアドレス（${address(i)}）宛てに、初回利用登録のご案内メールを送信しました。`), `sign-up ${i}`);
          assert.match(page, new RegExp(`キーワード Key${i}abc`), `sign-up ${i}`);
        });
        await untilEachTried(1);
        // The retries while it is still down fail too (5 s later by the service's clock).
        clock.advance(10_000);
        await untilEachTried(2);
        ctx.diagnostic(`${SIGN_UPS} sign-ups while SMTP was down: ${signUpsMs} ms; every mail queued and tried twice`);
      } finally {
        await closeServer(door);
      }
      const mails = await t.deps.db.selectFrom('outbox').select(['last_error']).execute();
      assert.ok(mails.every((m) => m.last_error && m.last_error.length > 0), 'each row says why it failed');
      assert.equal(catcher, null, 'nothing listened to deliver to');

      // SMTP back on the same port; the next retries (by now due) deliver.
      catcher = await new MailCatcher().start(smtpPort);
      const back = Date.now();
      clock.advance(60_000);
      for (let i = 0; catcher.messages.length < SIGN_UPS; i += 1) {
        if (i > 600) assert.fail(`only ${catcher.messages.length} of ${SIGN_UPS} mails within 60 s: ${JSON.stringify(await outboxByStatus())}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const deliveredMs = Date.now() - back;
      // Later retries' times pass too: nothing is sent again.
      clock.advance(3_600_000);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.deepEqual(await outboxByStatus(), { sent: SIGN_UPS });

      const perRecipient = new Map<string, number>();
      for (const mail of catcher.messages) perRecipient.set(mail.to, (perRecipient.get(mail.to) ?? 0) + 1);
      for (let i = 0; i < SIGN_UPS; i += 1) assert.equal(perRecipient.get(address(i)), 1, `mails to ${address(i)}`);
      assert.equal(catcher.messages.length, SIGN_UPS, 'no mail to anyone else, none twice');
      assert.ok(catcher.messages.every((m) => m.subject === SUBJECT));

      // Each link carries its own token (sealed beside the row while SMTP was down) and opens the keyword step.
      const paths = catcher.messages.map(mailPath);
      assert.equal(new Set(paths).size, SIGN_UPS);
      await inParallel(SIGN_UPS, 8, async (i) => {
        assert.match(paths[i] ?? '', /^\/register\/verify\?token=[A-Za-z0-9_-]{43}$/);
        assert.equal((await new WebClient(t.baseUrl).get(paths[i] ?? '')).status, 200);
      });
      ctx.diagnostic(`SMTP back: ${SIGN_UPS} mails delivered in ${deliveredMs} ms, each once; whole test ${Date.now() - started} ms`);
    });
  });
}
