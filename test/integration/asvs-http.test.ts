import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { WebClient } from '../support/web-client.js';

// ASVS 5.0 V1.5.2, V3.3.1, V3.3.3, V3.4.1–V3.4.4, V4.1.1, V4.2.1: the HTTP controls, proven
// against the real server. Each assertion fails if its control (a helmet option, the cookie
// prefix, Fastify's parser defaults, Node's strict HTTP parser) is switched off.

const ONE_YEAR = 365 * 24 * 3600;
const USER = { userId: 'taro@example.com', password: 'Kz7pWq2x' };
/** Answers of every kind: pages of both sites, a static file, JSON, the router's own 400 and 404, a CSRF refusal. */
const ANSWERS: Array<[string, RequestInit?]> = [
  ['/login'],
  ['/console/login'],
  ['/static/style.css'],
  ['/healthz'],
  ['/%zz'],
  ['/no-such-page'],
  ['/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'userId=a&password=b' }],
];

const polluted = () => (({}) as Record<string, unknown>).polluted;

/** The directive's sources, e.g. ["'self'"] for script-src. */
function directive(csp: string, name: string): string[] | undefined {
  const found = csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return found?.slice(1);
}

/** Sends raw bytes and returns the first status line the server answers. */
function rawStatusLine(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.write(request);
    setTimeout(() => socket.end(), 500);
  });
}

for (const kind of databaseKinds()) {
  describe(`ASVS HTTP controls under an https BASE_URL on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind, env: { BASE_URL: 'https://keizoku.example.jp' } });
      await insertCustomer(t.deps.db, USER);
    });
    after(async () => t.close());

    it('3.3.1/3.3.3: every cookie is __Host- prefixed, Secure, HttpOnly, Path=/ and has no Domain, the session cookie too', async () => {
      const client = new WebClient(t.baseUrl);
      const form = await client.get('/login');
      const login = await client.post('/login', USER);
      assert.equal(login.status, 303, 'logged in');
      const cookies = [...form.headers.getSetCookie(), ...login.headers.getSetCookie()];
      const names = cookies.map((c) => c.split('=')[0]);
      assert.ok(names.includes('__Host-keizoku_csrf'), names.join());
      assert.ok(names.includes('__Host-keizoku_session'), names.join());
      for (const cookie of cookies) {
        assert.match(cookie, /^__Host-/, cookie);
        assert.match(cookie, /; Secure(;|$)/, cookie);
        assert.match(cookie, /; HttpOnly(;|$)/, cookie);
        assert.match(cookie, /; Path=\/(;|$)/, cookie);
        assert.doesNotMatch(cookie, /Domain=/i, cookie);
        // 14.3.3: nothing but random or sealed tokens in the browser: no ID, no name, no JSON.
        assert.match(cookie, /^[\w-]+=[A-Za-z0-9_-]{43,}(;|$)/, cookie);
        assert.ok(!cookie.includes('taro') && !cookie.includes('%40'), cookie);
      }
    });

    it('3.4.1: HSTS of at least a year with includeSubDomains on pages, static files, JSON and the router’s own error answers', async () => {
      for (const [path, init] of ANSWERS) {
        const answer = await fetch(`${t.baseUrl}${path}`, { redirect: 'manual', ...init });
        const hsts = answer.headers.get('strict-transport-security') ?? '';
        const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
        assert.ok(maxAge >= ONE_YEAR, `${init?.method ?? 'GET'} ${path} (${answer.status}): "${hsts}"`);
        assert.match(hsts, /includeSubDomains/, path);
      }
    });

    it('3.4.3/3.4.4/4.1.1: CSP object-src and base-uri none, script-src self only, no framing; nosniff; HTML in UTF-8', async () => {
      for (const [path, init] of ANSWERS) {
        const answer = await fetch(`${t.baseUrl}${path}`, { redirect: 'manual', ...init });
        const csp = answer.headers.get('content-security-policy') ?? '';
        const label = `${init?.method ?? 'GET'} ${path} (${answer.status})`;
        assert.deepEqual(directive(csp, 'default-src'), ["'self'"], `${label}: ${csp}`);
        assert.deepEqual(directive(csp, 'object-src'), ["'none'"], label);
        assert.deepEqual(directive(csp, 'base-uri'), ["'none'"], label);
        assert.deepEqual(directive(csp, 'script-src'), ["'self'"], label);
        assert.deepEqual(directive(csp, 'script-src-attr'), ["'none'"], label);
        assert.deepEqual(directive(csp, 'frame-ancestors'), ["'none'"], label);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, label);
        assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', label);
        const type = answer.headers.get('content-type') ?? '';
        if (!['/static/style.css', '/healthz'].includes(path)) assert.equal(type, 'text/html; charset=utf-8', label);
        else assert.match(type, /; charset=utf-8$/, label);
      }
    });
  });
}

describe('ASVS HTTP controls that need no database', () => {
  let t: TestApp;
  let plain: TestApp;
  before(async () => {
    t = await startTestApp({ env: { BASE_URL: 'https://keizoku.example.jp' } });
    plain = await startTestApp();
  });
  after(async () => {
    await t.close();
    await plain.close();
  });

  it('3.3.3/3.4.1: under an http BASE_URL (development) the same cookies carry no prefix and no HSTS is sent', async () => {
    const answer = await fetch(`${plain.baseUrl}/login`);
    assert.equal(answer.headers.get('strict-transport-security'), null);
    assert.match(answer.headers.getSetCookie()[0] ?? '', /^keizoku_csrf=/);
  });

  it('3.4.2: no CORS headers for a foreign Origin, on a GET and on a preflight OPTIONS', async () => {
    const origin = 'https://attacker.example';
    for (const path of ['/login', '/console/login', '/healthz', '/static/style.css']) {
      const get = await fetch(`${t.baseUrl}${path}`, { headers: { origin } });
      const preflight = await fetch(`${t.baseUrl}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      for (const [label, answer] of [['GET', get], ['OPTIONS', preflight]] as const) {
        const cors: string[] = [];
        answer.headers.forEach((_value, name) => void (name.startsWith('access-control-') && cors.push(name)));
        assert.deepEqual(cors, [], `${label} ${path}: ${cors.join()}`);
      }
      assert.ok(preflight.status >= 400, `OPTIONS ${path} is not allowed (${preflight.status})`);
    }
  });

  it('1.5.2: JSON bodies with __proto__ or constructor.prototype are refused with a 400 and Object.prototype stays clean', async () => {
    const bodies = ['{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"a":{"__proto__":{"polluted":"yes"}}}'];
    for (const body of bodies) {
      for (const path of ['/login', '/console/login', '/healthz']) {
        const answer = await fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        assert.equal(answer.status, 400, `${path} ${body}`);
        assert.equal(polluted(), undefined, `${path} ${body}`);
      }
    }
    const form = await fetch(`${t.baseUrl}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '__proto__[polluted]=yes&constructor[prototype][polluted]=yes&__proto__.polluted=yes' });
    assert.ok(form.status >= 400 && form.status < 500, `form: ${form.status}`);
    assert.equal(polluted(), undefined, 'form body');
  });

  it('5.3.2/13.4.3/13.4.4: static paths cannot climb out of public/, no directory is listed, TRACE is not answered', async () => {
    const port = Number(new URL(t.baseUrl).port);
    for (const path of ['/static/..%2f..%2fpackage.json', '/static/%2e%2e/%2e%2e/package.json', '/static/....//package.json']) {
      const answer = await fetch(`${t.baseUrl}${path}`);
      assert.ok([403, 404].includes(answer.status), `${path}: ${answer.status}`);
      assert.doesNotMatch(await answer.text(), /"name": "keizoku"/, path);
    }
    assert.match(await rawStatusLine(port, 'GET /static/../../package.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 40[34] /);
    for (const path of ['/static/', '/static']) {
      const listing = await fetch(`${t.baseUrl}${path}`);
      assert.equal(listing.status, 404, path);
      const page = await listing.text();
      assert.match(page, /ページが見つかりません/, path);
      assert.doesNotMatch(page, /Index of|<a href="[^"]*\.(css|png)"/, path);
    }
    assert.match(await rawStatusLine(port, 'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 (404|405)/);
  });

  it('4.2.1: a request with both Transfer-Encoding and Content-Length, or two Content-Lengths, is refused (raw socket)', async () => {
    const port = Number(new URL(t.baseUrl).port);
    const smuggled = 'GET /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n';
    const both = `POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${5 + smuggled.length}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`;
    assert.equal(await rawStatusLine(port, both), 'HTTP/1.1 400 Bad Request');
    const twoLengths = 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 40\r\n\r\na=b';
    assert.equal(await rawStatusLine(port, twoLengths), 'HTTP/1.1 400 Bad Request');
    const valid = 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
    assert.equal(await rawStatusLine(port, valid), 'HTTP/1.1 200 OK', 'the same socket path answers a valid request');
  });
});
