import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_SCOPES } from '../../src/features/api-clients/scopes.js';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { call, newClient, problemOf, tokenFor, type Answer } from '../support/api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { addressRequest } from '../support/processing.js';
import { staffBrowser } from '../support/staff.js';
import { textOf, type WebClient } from '../support/web-client.js';

// ASVS 5.0 V1.2.3, V3.4.2, V10.1.1, V10.3.1, V10.3.2, V10.4.4, V10.4.9–V10.4.11, V13.4.5, V15.3.1:
// the integration API's controls (OAuth 2.0 client credentials, opaque tokens, scopes), proven
// against the real server. Each test says how it fails when its control is switched off.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Asvs-Api-2026';
const METRICS_TOKEN = 'metrics-token-0123456789';
/** Text a customer could type that would break JSON built by concatenation. */
const HOSTILE = 'A"}],"status":"done","x":"\\ \n\t\u2028</script><script>alert(1)</script>';

type Form = { raw: string; headers: Record<string, string> };
const form = (fields: Record<string, string>, headers: Record<string, string> = {}): Form => ({ raw: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const oauthErrorOf = (answer: Answer) => (answer.body as { error?: string }).error;
function corsHeaders(headers: Headers): string[] {
  const names: string[] = [];
  headers.forEach((_value, name) => void (name.startsWith('access-control-') && names.push(name)));
  return names;
}

interface DocumentOperation {
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }>;
}
interface ApiDocument {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, DocumentOperation>>;
}

/** The document's operations, e.g. `get /v1/policies/{policy_number}`, with the scope each needs (null: none). */
const operationsOf = (document: ApiDocument) =>
  Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, scope: op.security?.[0]?.oauth2?.[0] ?? null })));

for (const kind of databaseKinds()) {
  describe(`ASVS integration API controls on ${kind}`, () => {
    const clock = new ManualClock(new Date('2026-11-25T01:00:00Z'));
    const log: string[] = [];
    let t: TestApp;
    let document: ApiDocument;
    let customerId = '';
    let passwordHash = '';

    const consoleAs = (login: string): Promise<WebClient> => staffBrowser(t, clock, login, PASSWORD, SECRET);
    const tokenRows = async (clientId: string) =>
      (await t.deps.db.selectFrom('api_tokens').innerJoin('api_clients', 'api_clients.id', 'api_tokens.client_id').select('api_tokens.token_hash').where('api_clients.client_id', '=', clientId).execute()).map((row) => row.token_hash);

    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { METRICS_TOKEN, API_RATE_LIMIT_PER_MINUTE: '100000' }, log: { write: (line) => void log.push(line), level: 'info' } });
      const db = t.deps.db;
      await insertPolicy(db);
      const customer = await insertCustomer(db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789'] });
      [customerId, passwordHash] = [customer.id, customer.password_hash];
      await addressRequest(db, customerId, new Date('2026-11-25T00:30:00Z'), HOSTILE);
      const ready = (login: string, role: 'admin' | 'desk') => ({ login, name: `職員 ${login}`, role, agencyCode: null, password: PASSWORD, totpSecret: SECRET });
      await upsertReadyStaff(db, t.deps.secret, clock.now(), [ready('admin.one', 'admin'), ready('desk.one', 'desk')]);
      document = (await (await fetch(`${t.baseUrl}/api/v1/openapi.json`)).json()) as ApiDocument;
    });
    after(() => t.close());

    // Fails if an item were written by string concatenation (`{"address":"${value}"…}`): the body
    // would not parse, or would parse with the customer's "status":"done" in it.
    it('1.2.3: text a customer typed with quotes, a backslash, line breaks and </script> comes out of the feed as the same JSON string, never as structure', async () => {
      const token = await tokenFor(t, await newClient(t, 'change-requests:read'));
      const answer = await call(t, 'GET', '/v1/change-requests', { token });
      assert.equal(answer.status, 200, answer.text);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
      const [item] = (answer.body as { items: Array<{ status: string; requested: { address: string }; customer: Record<string, unknown> }> }).items;
      assert.equal(item!.requested.address, HOSTILE);
      assert.equal(item!.status, 'pending');
      assert.equal('x' in item!, false);
      assert.ok(answer.text.includes('A\\"}],\\"status\\":\\"done\\"'), 'the quotes are escaped in the body');
      assert.doesNotMatch(answer.text, /\n/, 'no raw line break in the body');
    });

    // Fails if @fastify/cors (or a hand-set Access-Control-Allow-Origin) were added to the API.
    it('3.4.2: the API answers no CORS headers to a foreign Origin, on a GET and on a preflight OPTIONS', async () => {
      const token = await tokenFor(t, await newClient(t, 'policies:read'));
      const origin = 'https://attacker.example';
      for (const path of ['/api/v1/policies/C123456789', '/api/v1/oauth/token', '/api/v1/openapi.json', '/api/docs/']) {
        const get = await fetch(`${t.baseUrl}${path}`, { headers: { origin, authorization: `Bearer ${token}` } });
        await get.arrayBuffer();
        const preflight = await fetch(`${t.baseUrl}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' } });
        await preflight.arrayBuffer();
        assert.deepEqual(corsHeaders(get.headers), [], `GET ${path}`);
        assert.deepEqual(corsHeaders(preflight.headers), [], `OPTIONS ${path}`);
        assert.ok(preflight.status >= 400, `OPTIONS ${path} is not allowed (${preflight.status})`);
      }
    });

    // Fails if the bearer hook read an access_token query or body parameter (RFC 6750 §2.2, §2.3),
    // if the log kept the query string, or if the audit recorded the URL with it.
    it('10.1.1: an access token is taken only from the Authorization header, never from the URL or a body, and is never written to the log or the audit log', async () => {
      const token = await tokenFor(t, await newClient(t, 'policies:read,policies:write'));
      const inQuery = await call(t, 'GET', `/v1/policies/C123456789?access_token=${token}`);
      assert.equal(inQuery.status, 401, inQuery.text);
      const inBody = await call(t, 'PUT', '/v1/policies/C123456789', form({ access_token: token }));
      assert.equal(inBody.status, 401, inBody.text);
      const both = await call(t, 'GET', `/v1/policies/C123456789?access_token=${token}`, { token });
      assert.equal(both.status, 200, 'the header is what counts');
      const audit = await t.deps.db.selectFrom('audit_events').select('detail').execute();
      assert.ok(audit.length > 0);
      assert.equal(audit.filter((row) => row.detail.includes(token)).length, 0, 'the audit log never holds the token');
      assert.ok(log.some((line) => line.includes('/api/v1/policies/C123456789')), 'the calls are logged');
      assert.equal(log.filter((line) => line.includes(token)).length, 0, 'the log never holds the token');
      // The reference page cannot send requests, so nobody types a client secret into a browser.
      const initializer = await (await fetch(`${t.baseUrl}/api/docs/static/swagger-initializer.js`)).text();
      assert.match(initializer, /"supportedSubmitMethods":\[\]/, 'no "Try it out" on /api/docs');
    });

    // Fails if the bearer hook accepted any other secret of the service (a session id, the metrics
    // token) or looked the token up by its stored value instead of its hash.
    it('10.3.1: only access tokens this API issued are accepted: not a stored token hash, a staff session id or the /metrics token', async () => {
      const client = await newClient(t, 'policies:read');
      const token = await tokenFor(t, client);
      const [hash] = await tokenRows(client.clientId);
      const staffSession = (await consoleAs('desk.one')).cookies.get('keizoku_staff');
      assert.ok(hash && staffSession);
      for (const other of [hash, staffSession, METRICS_TOKEN]) {
        const answer = await call(t, 'GET', '/v1/policies/C123456789', { token: other });
        assert.equal(answer.status, 401, answer.text);
        assert.match(answer.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
      }
      assert.equal((await call(t, 'GET', '/v1/policies/C123456789', { token })).status, 200);
    });

    // Fails if a route lost its config.scope (it would answer without a token) or named another
    // scope than its document says, or if the hook stopped comparing the client's scopes.
    it('10.3.2: every operation in the OpenAPI document but the token endpoint answers 401 without a token and 403 to a client holding every scope but its own', async () => {
      const operations = operationsOf(document);
      assert.deepEqual(operations.filter((op) => op.scope === null).map((op) => `${op.method} ${op.path}`), ['POST /v1/oauth/token']);
      assert.ok(operations.length >= 8, `${operations.length} operations`);
      for (const op of operations.filter((o) => o.scope !== null)) {
        const path = op.path.replace(/\{[^}]+\}/g, 'X1');
        const anonymous = await call(t, op.method, path);
        assert.equal(anonymous.status, 401, `${op.method} ${path} without a token`);
        const others = API_SCOPES.filter((scope) => scope !== op.scope);
        const token = await tokenFor(t, await newClient(t, others.join(',')));
        const refused = await call(t, op.method, path, { token });
        assert.equal(refused.status, 403, `${op.method} ${path} without ${op.scope}`);
        assert.match(problemOf(refused).detail, new RegExp(op.scope!));
        assert.match(refused.headers.get('www-authenticate') ?? '', new RegExp(`error="insufficient_scope", scope="${op.scope}"`));
      }
    });

    // Fails if the token endpoint accepted another grant_type, or issued a refresh_token.
    it('10.4.4/10.4.5: the token endpoint grants client_credentials only: password, authorization_code, refresh_token, jwt-bearer and device_code are refused; there is no authorization endpoint and no refresh token', async () => {
      const client = await newClient(t, 'policies:read');
      const grants = ['password', 'authorization_code', 'refresh_token', 'implicit', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:ietf:params:oauth:grant-type:device_code'];
      for (const grant of grants) {
        const answer = await call(t, 'POST', '/v1/oauth/token', form({ grant_type: grant, client_id: client.clientId, client_secret: client.clientSecret, code: 'x', refresh_token: 'x', username: 'x', password: 'x' }));
        assert.deepEqual([answer.status, oauthErrorOf(answer)], [400, 'unsupported_grant_type'], grant);
      }
      for (const path of ['/v1/oauth/authorize', '/v1/oauth/device_authorization', '/v1/oauth/revoke', '/v1/oauth/register']) {
        assert.equal((await call(t, 'GET', `${path}?response_type=token&client_id=${client.clientId}`)).status, 404, path);
        assert.equal((await call(t, 'POST', path, form({ client_id: client.clientId }))).status, 404, path);
      }
      const issued = await call(t, 'POST', '/v1/oauth/token', form({ grant_type: 'client_credentials' }, { authorization: basic(client.clientId, client.clientSecret) }));
      assert.equal(issued.status, 200, issued.text);
      assert.deepEqual(Object.keys(issued.body as object).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    });

    // Fails if the console's revoke left the client's tokens working (revokeApiClient not called,
    // or the bearer lookup not joined with revoked_at), or if a desk clerk could revoke.
    it('10.4.9: an administrator revokes a client in the console and its live token answers 401 at the next call; a desk clerk cannot', async () => {
      const client = await newClient(t, 'policies:read');
      const token = await tokenFor(t, client);
      const action = `/console/api-clients/${client.clientId}/revoke`;
      const desk = await consoleAs('desk.one');
      await desk.get('/console'); // a page's CSRF token, so the refusal is the role's, not the CSRF check's
      assert.equal((await desk.post(action, { reason: '試し' })).status, 404, 'admins only');
      assert.equal((await call(t, 'GET', '/v1/policies/C123456789', { token })).status, 200, 'still live after the clerk tried');

      const admin = await consoleAs('admin.one');
      await admin.get('/console/api-clients');
      const done = await admin.post(action, { reason: '鍵の漏えい' });
      assert.equal(done.status, 303, textOf(done.html));
      const refused = await call(t, 'GET', '/v1/policies/C123456789', { token });
      assert.equal(refused.status, 401, refused.text);
      assert.deepEqual(await tokenRows(client.clientId), [], 'its tokens are deleted');
      const again = await call(t, 'POST', '/v1/oauth/token', form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }));
      assert.deepEqual([again.status, oauthErrorOf(again)], [401, 'invalid_client'], 'and it gets no new one');
    });

    // Fails if issueToken skipped the secret check (or compared it to another client's hash).
    it('10.4.10: a token needs the client’s own secret: none, the client_id alone, an unknown client_id, another client’s secret, an empty or a wrong Basic password get 401 invalid_client and no token', async () => {
      const client = await newClient(t, 'policies:read');
      const other = await newClient(t, 'policies:read');
      const grant = { grant_type: 'client_credentials' };
      const attempts: Array<[string, Form]> = [
        ['nothing', form(grant)],
        ['client_id alone', form({ ...grant, client_id: client.clientId })],
        ['unknown client_id', form({ ...grant, client_id: 'kzc_nobody', client_secret: client.clientSecret })],
        ['another client’s secret', form({ ...grant, client_id: client.clientId, client_secret: other.clientSecret })],
        ['an empty secret', form({ ...grant, client_id: client.clientId, client_secret: '' })],
        ['a wrong Basic password', form(grant, { authorization: basic(client.clientId, `${client.clientSecret}x`) })],
      ];
      for (const [label, request] of attempts) {
        const answer = await call(t, 'POST', '/v1/oauth/token', request);
        assert.deepEqual([answer.status, oauthErrorOf(answer)], [401, 'invalid_client'], label);
        assert.equal('access_token' in (answer.body as object), false, label);
      }
      assert.deepEqual(await tokenRows(client.clientId), [], 'no token was stored');
    });

    // Fails if a token got every scope, or the scopes the request asked for, instead of its client's.
    it('10.4.11: a client’s token carries only the scopes it was created with; asking for more in the token request does not widen it', async () => {
      const client = await newClient(t, 'applications:read');
      const answer = await call(t, 'POST', '/v1/oauth/token', form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: API_SCOPES.join(' ') }));
      assert.equal(answer.status, 200, answer.text);
      const issued = answer.body as { access_token: string; scope: string };
      assert.equal(issued.scope, 'applications:read');
      assert.equal((await call(t, 'GET', '/v1/renewal-applications', { token: issued.access_token })).status, 200);
      for (const [method, path] of [['GET', '/v1/policies/C123456789'], ['PUT', '/v1/policies/C123456789'], ['GET', '/v1/change-requests']] as const) {
        assert.equal((await call(t, method, path, { token: issued.access_token })).status, 403, `${method} ${path}`);
      }
    });

    // Fails if @fastify/swagger were registered on the root app (the document would list the
    // console, the customer site and /metrics) or the document route itself were not hidden.
    it('13.4.5: the API reference (/api/docs, /api/v1/openapi.json) is public on purpose and describes only the /v1 operations, nothing of the console, the customer site or /metrics', async () => {
      const page = await fetch(`${t.baseUrl}/api/docs/`);
      assert.equal(page.status, 200, 'public: docs/api.md names it the reference page');
      await page.arrayBuffer();
      assert.deepEqual(document.servers, [{ url: '/api' }]);
      const paths = Object.keys(document.paths);
      assert.deepEqual(paths.filter((path) => !path.startsWith('/v1/')), []);
      assert.deepEqual(paths.filter((path) => /console|metrics|login|openapi|docs|healthz|readyz/.test(path)), []);
      const metrics = await fetch(`${t.baseUrl}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      await metrics.arrayBuffer();
      assert.equal(metrics.status, 404, '/metrics stays closed to other hosts');
    });

    // Fails if GET answered the policies row (its response schema and outputOf are what keep
    // customer_id, last_procedure_at, created_at and updated_at out), or a feed the customers row.
    it('15.3.1: a policy read back carries only its documented fields, not the customer’s id or the row’s internal columns; a feed’s customer carries only what the insurer needs', async () => {
      const token = await tokenFor(t, await newClient(t, 'policies:read,change-requests:read'));
      await t.deps.db.updateTable('policies').set({ last_procedure_at: '2026-11-20T00:00:00.000Z' }).where('policy_number', '=', 'C123456789').execute();
      const answer = await call(t, 'GET', '/v1/policies/C123456789', { token });
      assert.equal(answer.status, 200, answer.text);
      const documented = document.paths['/v1/policies/{policy_number}']!.get!.responses['200']!.content!['application/json']!.schema.properties!;
      assert.deepEqual(Object.keys(answer.body as object).sort(), Object.keys(documented).sort());
      for (const internal of ['customer_id', 'last_procedure_at', 'created_at', 'updated_at']) assert.equal(internal in (answer.body as object), false, internal);
      assert.equal(answer.text.includes(customerId), false, 'the customer’s id is not in the policy');
      assert.equal((answer.body as { has_web_account: boolean }).has_web_account, true);

      const feed = await call(t, 'GET', '/v1/change-requests', { token });
      const [item] = (feed.body as { items: Array<{ customer: Record<string, unknown> }> }).items;
      assert.deepEqual(Object.keys(item!.customer).sort(), ['birth_date', 'customer_id', 'email', 'family_kana', 'family_name', 'given_kana', 'given_name']);
      assert.equal(feed.text.includes(passwordHash), false, 'no password hash');
      assert.doesNotMatch(feed.text, /password|user_id|suspended_at|locale/);
    });
  });
}
