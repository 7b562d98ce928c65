import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { WebClient } from '../support/web-client.js';

// ASVS 5.0 V16.3.3: attempts to get past input validation are logged as security events (warn,
// `input_rejected`, the reason and the path, never the value), while the answer stays what it was.

type LogLine = Record<string, unknown>;

/** A raw request (the URL sent as written, not normalised by fetch), answering its status. */
function raw(baseUrl: string, method: string, path: string, body?: string, type = 'application/x-www-form-urlencoded'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers: body === undefined ? {} : { 'content-type': type, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

for (const kind of databaseKinds()) {
  describe(`input validation bypass attempts in the log on ${kind}`, () => {
    let t: TestApp;
    const log: string[] = [];
    const events = (): LogLine[] => log.map((line) => JSON.parse(line) as LogLine).filter((line) => line.event === 'input_rejected');
    before(async () => {
      t = await startTestApp({ db: kind, log: { write: (line) => void log.push(line) } });
    });
    after(async () => t.close());

    const lastEvent = () => {
      const all = events();
      return all[all.length - 1];
    };

    it('a NUL byte in a form field: the login answers as for a wrong ID, and one warn line says why', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      const page = await client.post('/login', { userId: 'taro\u0000@example.com', password: 'Secr3t\u0000pass' });
      assert.notEqual(page.status, 500);
      const event = lastEvent();
      assert.deepEqual({ level: event?.level, reason: event?.reason, method: event?.method, path: event?.path }, { level: 40, reason: 'nul_byte', method: 'POST', path: '/login' });
      assert.doesNotMatch(log.join('\n'), /taro|Secr3t/, 'the values are not logged');
    });

    it('a query that is not UTF-8, an unpaired surrogate in JSON, a body over the limit, an unaccepted type and bad %-encoding are each logged with their reason', async () => {
      const cases: Array<[string, () => Promise<number>, number, string]> = [
        ['bad_url_encoding', () => raw(t.baseUrl, 'GET', '/login?next=%ED%A0%80'), 200, '/login'],
        ['bad_unicode', () => raw(t.baseUrl, 'POST', '/api/v1/oauth/token', '{"grant_type":"\\ud800"}', 'application/json'), 400, '/api/v1/oauth/token'],
        ['body_too_large', () => raw(t.baseUrl, 'POST', '/login', `userId=${'x'.repeat(70_000)}`), 413, '/login'],
        ['unsupported_media_type', () => raw(t.baseUrl, 'POST', '/login', '<x/>', 'application/xml'), 415, '/login'],
        ['malformed_body', () => raw(t.baseUrl, 'POST', '/api/v1/oauth/token', '{"grant_type":', 'application/json'), 400, '/api/v1/oauth/token'],
        ['bad_url_encoding', () => raw(t.baseUrl, 'GET', '/mypage/%E3%81'), 400, '/mypage/%E3%81'],
      ];
      for (const [reason, send, status, path] of cases) {
        const before = events().length;
        assert.equal(await send(), status, reason);
        const added = events().slice(before);
        assert.deepEqual(added.map((e) => [e.level, e.reason, e.path]), [[40, reason, path]], reason);
      }
    });

    it('ordinary input writes no such line', async () => {
      const before = events().length;
      const client = new WebClient(t.baseUrl);
      await client.get('/login?next=%2Fmypage');
      await client.post('/login', { userId: 'taro@example.com', password: 'ただのパスワード1' });
      assert.equal(events().length, before);
    });
  });
}
