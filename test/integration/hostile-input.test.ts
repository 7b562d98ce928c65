import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { buildApp, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { customerSite } from '../../src/sites/customer.js';
import type { AppDeps } from '../../src/platform/deps.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { expectStatus, mailPath, nextMail, requestRegistration, tokenOf } from '../support/registration.js';
import { WebClient } from '../support/web-client.js';

// "No input may cause a 500": every GET and POST route the feature plugins register, walked
// with what a browser never sends, anonymously, logged in, and from inside each flow's steps.

interface Route {
  method: 'GET' | 'POST';
  url: string;
}

/** The routes as the route files declare them (the customer site, registered into a bare Fastify). */
async function collectRoutes(deps: AppDeps): Promise<Route[]> {
  const routes: Route[] = [];
  const collector = Fastify();
  collector.addHook('onRoute', (route) => {
    for (const method of [route.method].flat().map(String)) if (method === 'GET' || method === 'POST') routes.push({ method, url: route.url });
  });
  await collector.register(customerSite, { deps });
  await collector.ready();
  await collector.close();
  return routes;
}

const SCRIPT = '<script>alert(1)</script>';
/** Values a form field may carry (all short enough to pass the body limit when every field has one). */
const HOSTILE = ['\u0000', 'a\u0000b', '\r\nBcc: x@example.com', 'x'.repeat(1500), 'あ'.repeat(150), SCRIPT, "' OR 1=1 --", '__proto__', '😀', 'ｶﾞ', ' ', '-1', '1e999'];
/** Raw query and path text, including percent-encoding that is not UTF-8. */
const RAW = ['%FF', '%ED%A0%80', '%E3%81', '%', '%zz', '%00', '%0d%0a', '..%2F..%2F', encodeURIComponent(SCRIPT), 'x'.repeat(3000)];
const FIELDS = [
  ...['family_name', 'given_name', 'family_kana', 'given_kana', 'birth_date', 'email', 'keyword', 'policy_number', 'agree'],
  ...['userId', 'password', 'next', 'token', 'user_id', 'user_id_confirm', 'password_confirm'],
];
const RAW_BODIES = [
  'a=%FF%FE',
  'family_name=%E3%81&email=%C0%AF&userId=%ED%A0%80',
  '__proto__[polluted]=1&constructor[prototype][polluted]=1',
  '__proto__=1&toString=1&hasOwnProperty=1',
  'userId=a&userId=b&password=1&password=2',
  '=&&==&%=%',
  `family_name=${'%E3%81%82'.repeat(3000)}`,
  'x'.repeat(40_000),
];
const OTHER_BODIES = (csrf: string): Array<[string, string]> => [
  ['application/json', JSON.stringify({ _csrf: csrf, userId: { $ne: '' }, password: ['x'], family_name: 1, agree: true })],
  ['application/json', `{"_csrf":"${csrf}","__proto__":{"polluted":1}}`],
  ['application/json', 'null'],
  ['application/json', '"text"'],
  ['application/json', '{"broken":'],
  ['text/plain', 'userId=a'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="userId"\r\n\r\na\r\n--x--'],
  ['application/x-www-form-urlencoded; charset=shift_jis', 'family_name=%8EO%8FZ'],
  ['application/xml', '<a/>'],
];

const fill = (value: string | string[]): Record<string, string | string[]> => Object.fromEntries(FIELDS.map((name) => [name, value]));
const withParams = (url: string, value: string) => url.replace(/:[A-Za-z]+/g, value);
const pathsOf = (route: Route) => (route.url.includes(':') ? [...HOSTILE.map((h) => withParams(route.url, encodeURIComponent(h))), ...RAW.map((r) => withParams(route.url, r))] : [route.url]);

interface Answer {
  status: number;
  location: string | null;
  type: string;
  html: string;
}

/** Routes that answer the passkey script's fetch() in JSON, not a person (decision 0022). */
const JSON_ROUTES = new Set(['/webauthn/options']);

/** What every answer must be: below 500, a Japanese page or a redirect on this site, the script never echoed raw. */
function assertSafe(label: string, answer: Answer, path = ''): void {
  assert.ok(answer.status < 500, `${label}: ${answer.status}`);
  assert.doesNotMatch(answer.html, /アクセスが集中しています/, `${label}: answered by the rate limiter, not the route`);
  assert.ok(!answer.html.includes(SCRIPT), `${label}: script echoed unescaped`);
  if (JSON_ROUTES.has(path) && answer.type.startsWith('application/json')) {
    assert.doesNotThrow(() => JSON.parse(answer.html), `${label}: JSON that does not parse`);
    return;
  }
  if (answer.status >= 300 && answer.status < 400) {
    assert.match(answer.location ?? '', /^\/(?![/\\])/, `${label}: redirect off the site to ${answer.location}`);
    return;
  }
  assert.match(answer.type, /^text\/html/, `${label}: ${answer.type}`);
  assert.match(answer.html, /<html lang="ja">/, `${label}: not a Japanese page`);
  assert.match(answer.html, /[\u3040-\u30ff\u4e00-\u9fff]/, `${label}: no Japanese text`);
}

let sent = 0;
/** Each request from its own address (TRUST_PROXY): the rate limits must not answer in the handlers' place. */
const nextAddress = () => {
  sent++;
  return `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`;
};

async function send(baseUrl: string, client: WebClient, method: string, path: string, body?: { type: string; text: string }): Promise<Answer> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: { cookie, 'x-forwarded-for': nextAddress(), ...(body ? { 'content-type': body.type } : {}) },
    ...(body ? { body: body.text } : {}),
  });
  return { status: response.status, location: response.headers.get('location'), type: response.headers.get('content-type') ?? '', html: await response.text() };
}

async function walkGets(baseUrl: string, routes: Route[], client: WebClient, who: string): Promise<number> {
  let count = 0;
  const queries = [...HOSTILE.map((h) => `next=${encodeURIComponent(h)}&token=${encodeURIComponent(h)}&token=2`), ...RAW.map((r) => `next=${r}&token=${r}&${r}=${r}`)];
  for (const route of routes.filter((r) => r.method === 'GET')) {
    const paths = pathsOf(route);
    for (const path of paths) {
      // Odd queries on each route; on a route with a parameter, its odd values carry one odd query each.
      for (const query of paths.length === 1 ? ['', ...queries] : ['', queries[count % queries.length] ?? '']) {
        assertSafe(`${who} GET ${path.slice(0, 60)}?${query.slice(0, 40)}`, await send(baseUrl, client, 'GET', query ? `${path}?${query}` : path));
        count++;
      }
    }
  }
  return count;
}

async function walkPosts(baseUrl: string, routes: Route[], client: WebClient, who: string): Promise<number> {
  let count = 0;
  let pastCsrf = 0;
  const post = async (label: string, path: string, type: string, text: string) => {
    const answer = await send(baseUrl, client, 'POST', path, { type, text });
    assertSafe(`${who} POST ${path.slice(0, 60)} ${label}`, answer, path);
    if (answer.status !== 403) pastCsrf++;
    count++;
  };
  const form = (fields: Record<string, string | string[]>, csrf: string | null = client.csrf) => {
    const body = new URLSearchParams();
    if (csrf !== null) body.append('_csrf', csrf);
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return body.toString();
  };
  // Logging out ends the session the other routes are walked with: last.
  const posts = routes.filter((r) => r.method === 'POST').sort((a, b) => Number(a.url === '/logout') - Number(b.url === '/logout'));
  const urlencoded = 'application/x-www-form-urlencoded';
  const bodies: Array<[string, string, () => string]> = [
    ...HOSTILE.flatMap((value): Array<[string, string, () => string]> => [
      [`fields ${JSON.stringify(value).slice(0, 20)}`, urlencoded, () => form(fill(value))],
      [`arrays ${JSON.stringify(value).slice(0, 20)}`, urlencoded, () => form(fill([value, value]))],
    ]),
    ['no fields', urlencoded, () => form({})],
    ['no CSRF token', urlencoded, () => form(fill('a'), null)],
    ['CSRF token twice', urlencoded, () => form({ _csrf: [client.csrf ?? '', 'x'] }, null)],
    ...RAW_BODIES.map((raw): [string, string, () => string] => [`raw ${raw.slice(0, 30)}`, urlencoded, () => `_csrf=${client.csrf ?? ''}&${raw}`]),
    ...OTHER_BODIES(client.csrf ?? '').map(([type, text]): [string, string, () => string] => [`${type} ${text.slice(0, 30)}`, type, () => text]),
  ];
  for (const route of posts) {
    const paths = pathsOf(route);
    for (const [i, path] of paths.entries()) {
      // Every odd body on each route; on a route with a parameter, its odd values carry two odd bodies each.
      const chosen = paths.length === 1 ? bodies : [bodies[(2 * i) % bodies.length], bodies[(2 * i + 1) % bodies.length]];
      for (const body of chosen) if (body) await post(body[0], path, body[1], body[2]());
    }
  }
  assert.ok(pastCsrf > count / 2, `${who}: only ${pastCsrf} of ${count} posts got past the CSRF check to their route`);
  return count;
}

const RIGHT = { userId: 'taro@example.com', password: 'Kz7pWq2x' };

for (const kind of databaseKinds()) {
  describe(`hostile input on every route on ${kind}`, () => {
    let t: TestApp;
    let routes: Route[];
    before(async () => {
      t = await startTestApp({ db: kind, env: { TRUST_PROXY: 'true' } });
      await insertPolicy(t.deps.db);
      await insertPolicy(t.deps.db, { policy_number: 'C2', holder_given_name: '花子', holder_given_kana: 'ハナコ' });
      await insertCustomer(t.deps.db, { ...RIGHT, policies: ['C123456789'] });
      routes = await collectRoutes(t.deps);
    });
    after(async () => t.close());

    it('finds the routes of the guide’s screens in the route files', () => {
      const listed = new Set(routes.map((r) => `${r.method} ${r.url}`));
      for (const expected of ['GET /', 'GET /agency/:code', 'POST /login', 'POST /logout', 'GET /mypage', 'POST /register', 'POST /register/verify', 'POST /recovery/credentials/confirm']) {
        assert.ok(listed.has(expected), expected);
      }
    });

    it('anonymous: every route answers a Japanese page or a same-site redirect, never a 500', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      assert.ok((await walkGets(t.baseUrl, routes, client, 'anonymous')) > 100);
      assert.ok((await walkPosts(t.baseUrl, routes, client, 'anonymous')) > 100);
    });

    it('logged in: the same, with the personal pages reached', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      expectStatus(await client.post('/login', RIGHT), 303, 'login');
      assert.equal((await client.get('/mypage')).status, 200);
      await walkGets(t.baseUrl, routes, client, 'logged in');
      assert.equal((await client.get('/mypage')).status, 200, 'still logged in after the GETs');
      await walkPosts(t.baseUrl, routes, client, 'logged in');
    });

    it('inside the flows: step 1 at confirmation, and the ID/password steps after the keyword', async () => {
      const confirming = new WebClient(t.baseUrl);
      await confirming.get('/register');
      const start = { family_name: '三住', given_name: '花子', family_kana: 'ミツスミ', given_kana: 'ハナコ', birth_date: '1975-01-01', email: 'hanako@example.com', keyword: 'Abc123', policy_number: 'C2', agree: '1' };
      expectStatus(await confirming.post('/register', start), 303, 'POST /register');
      await walkPosts(t.baseUrl, routes.filter((r) => r.url.startsWith('/register')), confirming, 'registration confirming');

      const registering = new WebClient(t.baseUrl);
      const link = await requestRegistration(t, registering, { ...start, email: 'hanako2@example.com' });
      await registering.get(link);
      await walkPosts(t.baseUrl, routes.filter((r) => r.url === '/register/verify'), registering, 'registration link');
      expectStatus(await registering.post('/register/verify', { token: tokenOf(link), keyword: 'Abc123' }), 303, 'keyword');
      await registering.get('/register/credentials');
      await walkPosts(t.baseUrl, routes.filter((r) => r.url.startsWith('/register')), registering, 'registration verified');

      const recovering = new WebClient(t.baseUrl);
      await recovering.get('/recovery');
      const mail = nextMail(t, RIGHT.userId);
      expectStatus(await recovering.post('/recovery', { email: RIGHT.userId, birth_date: '1975-01-01' }), 303, 'POST /recovery');
      const keyword = /class="keyword">([^<]+)</.exec((await recovering.get('/recovery/sent')).html)?.[1] ?? '';
      const recoveryLink = mailPath(await mail());
      await recovering.get(recoveryLink);
      expectStatus(await recovering.post('/recovery/verify', { token: tokenOf(recoveryLink), keyword }), 303, 'recovery keyword');
      await recovering.get('/recovery/credentials');
      await walkPosts(t.baseUrl, routes.filter((r) => r.url.startsWith('/recovery')), recovering, 'recovery verified');
      assert.equal((await recovering.get('/recovery/credentials')).status, 200, 'no hostile post moved the flow on');
    });
  });

  describe(`hostile input on the dev mailbox on ${kind}`, () => {
    let database: TestDatabase;
    let built: BuiltApp;
    let baseUrl: string;
    before(async () => {
      database = await createTestDatabase(kind);
      built = await buildApp({ config: loadConfig({ DATABASE_URL: database.url, MAINTENANCE_WINDOWS: 'none', TRUST_PROXY: 'true' }), db: database.db });
      baseUrl = await built.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(async () => {
      await built.app.close();
      await database.drop();
    });

    it('answers every odd message id and query with a Japanese page, never a 500', async () => {
      const routes = (await collectRoutes(built.deps)).filter((r) => r.url.startsWith('/dev/'));
      assert.equal(routes.length, 2);
      const client = new WebClient(baseUrl);
      await client.get('/');
      assert.ok((await walkGets(baseUrl, routes, client, 'dev mailbox')) > 50);
    });
  });
}
