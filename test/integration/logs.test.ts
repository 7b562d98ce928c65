import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort, startCli, type CliRun } from '../support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';
import { MailCatcher } from '../support/mail-catcher.js';
import { WebClient } from '../support/web-client.js';

type LogLine = Record<string, unknown> & { reqId?: string; msg?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TOKEN = 'hX3vQ9kLmN2pR7sT4uW8yZ1aB5cD6eF0gH2jK4lM6nP';
const USER_ID = 'hanako.yamada@example.com';
const PASSWORD = 'Secr3tPass';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const kind of databaseKinds()) {
  describe(`the JSON log of keizoku serve on ${kind}`, () => {
    let database: TestDatabase;
    let catcher: MailCatcher;
    let serve: CliRun;
    let baseUrl = '';
    before(async () => {
      catcher = await new MailCatcher().start();
      database = await createTestDatabase(kind);
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      serve = startCli(['serve'], { DATABASE_URL: database.url, SMTP_URL: catcher.url, HOST: '127.0.0.1', PORT: String(port), MAINTENANCE_WINDOWS: 'none', LOG_LEVEL: 'info' });
      for (let i = 0; (await fetch(`${baseUrl}/healthz`).catch(() => null))?.status !== 200; i += 1) {
        if (serve.child.exitCode !== null || i > 300) assert.fail(`serve did not start:\n${serve.stderr()}`);
        await pause(100);
      }
    });
    after(async () => {
      serve.child.kill('SIGTERM');
      await serve.exited;
      await catcher.stop();
      await database.drop();
    });

    const lines = (): LogLine[] => serve.stdout().trim().split('\n').map((line) => JSON.parse(line) as LogLine);
    /** The request's lines, once its "request completed" line is written. */
    async function linesOf(id: string): Promise<LogLine[]> {
      for (let i = 0; !lines().some((l) => l.reqId === id && l.msg === 'request completed'); i += 1) {
        if (i > 100) assert.fail(`no "request completed" line for ${id}:\n${serve.stdout()}`);
        await pause(20);
      }
      return lines().filter((l) => l.reqId === id);
    }

    it('keeps a well-formed X-Request-Id, returns it, and logs the URL without its token', async () => {
      const sent = 'edge-7f3a9c2e-0001';
      const answer = await fetch(`${baseUrl}/register/verify?token=${TOKEN}`, { headers: { 'x-request-id': sent } });
      assert.equal(answer.headers.get('x-request-id'), sent);
      const own = await linesOf(sent);
      assert.deepEqual(own.map((l) => l.msg), ['incoming request', 'request completed']);
      assert.deepEqual(own[0]?.req, { method: 'GET', url: '/register/verify', route: '/register/verify', remoteAddress: '127.0.0.1' });
      assert.deepEqual(own[1]?.res, { statusCode: answer.status });
      assert.doesNotMatch(serve.stdout(), new RegExp(TOKEN));
    });

    it('a login: every line carries the request id (a new one for a malformed X-Request-Id), none the user ID or password', async () => {
      const client = new WebClient(baseUrl, { 'x-request-id': `bad id ${USER_ID}` });
      await client.get('/login');
      const answer = await client.post('/login', { userId: USER_ID, password: PASSWORD });
      assert.equal(answer.status, 401);
      const id = answer.headers.get('x-request-id') ?? '';
      assert.match(id, UUID);
      assert.deepEqual((await linesOf(id)).map((l) => l.msg), ['incoming request', 'request completed']);

      const forged = new WebClient(baseUrl);
      await forged.get('/login');
      forged.csrf = 'forged';
      assert.equal((await forged.post('/login', { userId: USER_ID, password: PASSWORD }, { 'x-request-id': 'forged-form-000001' })).status, 403);
      assert.deepEqual((await linesOf('forged-form-000001')).map((l) => l.msg), ['incoming request', 'csrf check failed', 'request completed']);

      const requestLines = lines().filter((l) => l.req !== undefined || l.res !== undefined || l.reqId !== undefined);
      assert.ok(requestLines.length >= 8);
      assert.ok(requestLines.every((l) => typeof l.reqId === 'string' && l.reqId.length > 0), 'a request line without its id');
      assert.doesNotMatch(serve.stdout(), /hanako|example\.com|Secr3tPass/);
    });
  });
}
