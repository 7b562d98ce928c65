import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/platform/crypto.js';
import { call, checkContract, newClient, problemOf, samplePolicy, seen, tokenFor, type Answer } from '../support/api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { ShiftedClock } from '../support/shifted-clock.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const form = (fields: Record<string, string>) => ({ raw: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

function assertProblem(answer: Answer, status: number, detail?: RegExp): void {
  assert.equal(answer.status, status, answer.text);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = problemOf(answer);
  assert.equal(body.status, status);
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.type, 'string');
  if (detail) assert.match(body.detail, detail);
}

const fieldsOf = (answer: Answer) => (problemOf(answer).errors ?? []).map((e) => e.field).sort();

for (const kind of databaseKinds()) {
  describe(`integration API on ${kind}`, () => {
    let t: TestApp;
    const clock = new ShiftedClock();
    let client: { clientId: string; clientSecret: string };
    let token: string;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      client = await newClient(t);
      token = await tokenFor(t, client);
    });
    after(() => t.close());

    it('issues a bearer token for HTTP Basic, the form body and JSON; refuses a wrong secret with invalid_client', async () => {
      const byBasic = await call(t, 'POST', '/v1/oauth/token', { ...form({ grant_type: 'client_credentials' }), headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.clientId, client.clientSecret) } });
      assert.equal(byBasic.status, 200, byBasic.text);
      assert.equal(byBasic.headers.get('cache-control'), 'no-store');
      const issued = byBasic.body as { access_token: string; token_type: string; expires_in: number };
      assert.equal(issued.token_type, 'Bearer');
      assert.equal(issued.expires_in, 3600);
      assert.match(issued.access_token, /^[A-Za-z0-9_-]{43}$/);
      const byJson = await call(t, 'POST', '/v1/oauth/token', { body: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret } });
      assert.equal(byJson.status, 200, byJson.text);
      const stored = await t.deps.db.selectFrom('api_tokens').select('token_hash').execute();
      assert.ok(stored.every((row) => row.token_hash !== issued.access_token), 'only a hash is stored');

      const wrong = await call(t, 'POST', '/v1/oauth/token', form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'nope' }));
      assert.equal(wrong.status, 401);
      assert.deepEqual((wrong.body as { error: string }).error, 'invalid_client');
      assert.match(wrong.headers.get('www-authenticate') ?? '', /^Basic /);
      const grant = await call(t, 'POST', '/v1/oauth/token', form({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret }));
      assert.equal(grant.status, 400);
      assert.equal((grant.body as { error: string }).error, 'unsupported_grant_type');
      const noGrant = await call(t, 'POST', '/v1/oauth/token', form({ client_id: client.clientId, client_secret: client.clientSecret }));
      assert.equal((noGrant.body as { error: string }).error, 'invalid_request');
      const both = await call(t, 'POST', '/v1/oauth/token', { ...form({ grant_type: 'client_credentials', client_secret: client.clientSecret }), headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.clientId, client.clientSecret) } });
      assert.equal((both.body as { error: string }).error, 'invalid_request');
      const broken = await call(t, 'POST', '/v1/oauth/token', { raw: '{"grant_type":' });
      assert.deepEqual([broken.status, (broken.body as { error: string }).error], [400, 'invalid_request']);
      const huge = await call(t, 'POST', '/v1/oauth/token', form({ grant_type: 'client_credentials', client_id: 'x'.repeat(10_000), client_secret: 'y' }));
      assert.deepEqual([huge.status, (huge.body as { error: string }).error], [413, 'invalid_request']);
      const xml = await call(t, 'POST', '/v1/oauth/token', { raw: '<x/>', headers: { 'content-type': 'application/xml' } });
      assert.deepEqual([xml.status, (xml.body as { error: string }).error], [415, 'invalid_request']);
    });

    it('counts wrong secrets per client_id before checking them: of 15 at once, at most 10 are checked', async () => {
      const target = await newClient(t);
      const answers = await Promise.all(Array.from({ length: 15 }, () => call(t, 'POST', '/v1/oauth/token', form({ grant_type: 'client_credentials', client_id: target.clientId, client_secret: 'guess' }))));
      const statuses = answers.map((a) => a.status);
      assert.equal(statuses.filter((s) => s === 401).length, 10, String(statuses));
      assert.equal(statuses.filter((s) => s === 429).length, 5);
      const locked = answers.find((a) => a.status === 429)!;
      assert.equal((locked.body as { error: string }).error, 'too_many_attempts');
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      const right = await call(t, 'POST', '/v1/oauth/token', form({ grant_type: 'client_credentials', client_id: target.clientId, client_secret: target.clientSecret }));
      assert.equal(right.status, 429, 'locked even for the right secret until the lock ends');
    });

    it('creates a policy with PUT (201), updates it (200) and reads it back with status and has_web_account', async () => {
      const created = await call(t, 'PUT', '/v1/policies/A100000001', { token, body: samplePolicy('A100000001') });
      assert.equal(created.status, 201, created.text);
      const policy = created.body as Record<string, unknown>;
      assert.equal(policy.status, 'in_force');
      assert.equal(policy.has_web_account, false);
      assert.deepEqual(policy.riders, ['lawyer', 'road_assistance']);
      assert.equal(policy.personal_injury, 30000000);
      assert.equal(policy.grade, 14);

      const updated = await call(t, 'PUT', '/v1/policies/a100000001', { token, body: samplePolicy('A100000001', { grade: 15, status: 'cancelled', riders: [] }) });
      assert.equal(updated.status, 200, updated.text);
      await t.deps.db.updateTable('policies').set({ customer_id: await customer(t) }).where('policy_number', '=', 'A100000001').execute();
      const read = await call(t, 'GET', '/v1/policies/A100000001', { token });
      assert.equal(read.status, 200);
      const back = read.body as Record<string, unknown>;
      assert.equal(back.grade, 15);
      assert.equal(back.status, 'cancelled');
      assert.equal(back.riders, null);
      assert.equal(back.has_web_account, true);
      assert.equal(back.agency_name, 'みらい保険サービス有限会社');

      const withoutNumber = samplePolicy('X');
      delete withoutNumber.policy_number;
      assert.equal((await call(t, 'PUT', '/v1/policies/A100000002', { token, body: withoutNumber })).status, 201, 'the number may come from the path only');
      assertProblem(await call(t, 'GET', '/v1/policies/Z999', { token }), 404);

      const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', 'in', ['api_policy_created', 'api_policy_updated']).where('subject_id', '=', 'A100000001').orderBy('at').execute();
      assert.deepEqual(audit.map((a) => [a.kind, a.actor_kind]), [['api_policy_created', 'api_client'], ['api_policy_updated', 'api_client']]);
      assert.deepEqual(JSON.parse(audit[1]!.detail).changed, ['grade', 'riders', 'status']);
      const calls = await t.deps.db.selectFrom('audit_events').select(['actor_kind', 'detail']).where('kind', '=', 'api_request').execute();
      assert.ok(calls.some((c) => c.actor_kind === 'api_client' && JSON.parse(c.detail).route === '/api/v1/policies/:policy_number'));
    });

    it('stores the good items of a batch and rejects the bad ones, one result each', async () => {
      const answer = await call(t, 'POST', '/v1/policies/batch', {
        token,
        body: { policies: [samplePolicy('B1'), samplePolicy('B2', { holder_family_kana: 'みつすみ?', grade: 30 }), samplePolicy('B3'), samplePolicy('B1'), 'not an object'] },
      });
      assert.equal(answer.status, 200, answer.text);
      const { results } = answer.body as { results: Array<{ policy_number: string | null; result: string; errors?: Array<{ field: string; message: string }> }> };
      assert.deepEqual(results.map((r) => [r.policy_number, r.result]), [['B1', 'created'], ['B2', 'rejected'], ['B3', 'created'], ['B1', 'rejected'], [null, 'rejected']]);
      assert.deepEqual(results[1]!.errors, [
        { field: 'holder_family_kana', message: '"みつすみ?" must be full-width katakana' },
        { field: 'grade', message: '"30" must be a whole number from 1 to 20' },
      ]);
      assert.match(results[3]!.errors![0]!.message, /already appears at policies\[0\]/);
      assertProblem(await call(t, 'GET', '/v1/policies/B2', { token }), 404);
      assert.equal((await call(t, 'GET', '/v1/policies/B3', { token })).status, 200);
    });

    it('answers bad input with the right problem document, listing every field error, never a 5xx', async () => {
      assertProblem(await call(t, 'PUT', '/v1/policies/C1', { token, raw: '{"policy_number": ' }), 400, /not valid JSON/);
      assertProblem(await call(t, 'PUT', '/v1/policies/C1', { token, raw: 'a=b', headers: { 'content-type': 'text/plain' } }), 415);
      const wrong = await call(t, 'PUT', '/v1/policies/C1', { token, body: samplePolicy('C1', { grade: '14', riders: 'lawyer', holder_given_kana: 'たろう!', colour: 'red', end_date: '2024-01-01', holder_family_name: undefined }) });
      assertProblem(wrong, 422);
      // As in the CSV, the rules across fields (end_date after start_date) wait until every field is right.
      assert.deepEqual(fieldsOf(wrong), ['colour', 'grade', 'holder_family_name', 'holder_given_kana', 'riders']);
      const dates = await call(t, 'PUT', '/v1/policies/C1', { token, body: samplePolicy('C1', { end_date: '2024-01-01' }) });
      assert.deepEqual(problemOf(dates).errors, [{ field: 'end_date', message: 'must be after start_date' }]);
      assert.ok(problemOf(wrong).errors!.some((e) => e.field === 'colour' && e.message === 'is not a known field'));
      const mismatch = await call(t, 'PUT', '/v1/policies/C1', { token, body: samplePolicy('C2') });
      assertProblem(mismatch, 422);
      assert.deepEqual(fieldsOf(mismatch), ['policy_number']);
      assertProblem(await call(t, 'PUT', '/v1/policies/C1', { token, body: [1, 2] }), 422);
      assertProblem(await call(t, 'PUT', '/v1/policies/C1', { token, raw: JSON.stringify(samplePolicy('C1', { address: 'x'.repeat(70_000) })) }), 413);
      assertProblem(await call(t, 'POST', '/v1/policies/batch', { token, raw: JSON.stringify({ policies: [samplePolicy('H1', { address: 'x'.repeat(2_100_000) })] }) }), 413);
      const tooMany = await call(t, 'POST', '/v1/policies/batch', { token, body: { policies: Array.from({ length: 1001 }, () => ({})) } });
      assertProblem(tooMany, 422);
      assert.deepEqual(fieldsOf(tooMany), ['policies']);
      const unknown = await call(t, 'POST', '/v1/policies/batch', { token, body: { policies: [], extra: 1 } });
      assert.deepEqual(fieldsOf(unknown), ['extra', 'policies']);
      assertProblem(await call(t, 'GET', '/v1/nothing-here', { token }), 404);
      assertProblem(await call(t, 'GET', '/v1/policies/%E0%A4%A', { token }), 400);
      assertProblem(await call(t, 'DELETE', '/v1/policies/A100000001', { token }), 404);
    });

    it('refuses missing, malformed, unknown, expired and revoked tokens (401) and a token without the scope (403)', async () => {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer' }, { authorization: 'Basic abc' }, { authorization: 'Bearer not-a-token' }]) {
        const answer = await call(t, 'GET', '/v1/policies/A100000001', { headers });
        assertProblem(answer, 401);
        assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer .*error="invalid_token"/);
      }
      const anonymous = await t.deps.db.selectFrom('audit_events').select('id').where('kind', '=', 'api_request').where('actor_id', 'is', null).execute();
      assert.equal(anonymous.length, 0, 'calls without a valid token write no audit row');
      const reader = await newClient(t, 'policies:read');
      const readToken = await tokenFor(t, reader);
      assert.equal((await call(t, 'GET', '/v1/policies/A100000001', { token: readToken })).status, 200);
      const refused = await call(t, 'PUT', '/v1/policies/A100000001', { token: readToken, body: samplePolicy('A100000001') });
      assertProblem(refused, 403, /policies:write/);
      assert.match(refused.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
      assertProblem(await call(t, 'POST', '/v1/policies/batch', { token: readToken, body: { policies: [samplePolicy('D1')] } }), 403);

      const shortLived = await tokenFor(t, reader);
      clock.advance(3601_000);
      assertProblem(await call(t, 'GET', '/v1/policies/A100000001', { token: shortLived }), 401, /expired/);
      const fresh = await tokenFor(t, reader);
      assert.equal((await call(t, 'GET', '/v1/policies/A100000001', { token: fresh })).status, 200);
      const { revokeApiClient } = await import('../../src/features/api-clients/service.js');
      assert.equal(await revokeApiClient(t.deps.db, clock.now(), reader.clientId, { kind: 'system', id: 'test' }, 'test'), 'revoked');
      assertProblem(await call(t, 'GET', '/v1/policies/A100000001', { token: fresh }), 401);
      const again = await call(t, 'POST', '/v1/oauth/token', form({ grant_type: 'client_credentials', client_id: reader.clientId, client_secret: reader.clientSecret }));
      assert.equal(again.status, 401);
    });

    it('replays the answer for the same Idempotency-Key and body, refuses another body, runs one of concurrent requests', async () => {
      token = await tokenFor(t, client);
      const body = { policies: [samplePolicy('I1')] };
      const headers = { 'idempotency-key': 'key-1' };
      const first = await call(t, 'POST', '/v1/policies/batch', { token, body, headers });
      const second = await call(t, 'POST', '/v1/policies/batch', { token, body, headers });
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.deepEqual(second.body, first.body);
      assert.deepEqual((second.body as { results: Array<{ result: string }> }).results.map((r) => r.result), ['created']);
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
      assertProblem(await call(t, 'POST', '/v1/policies/batch', { token, body: { policies: [samplePolicy('I2')] }, headers }), 422, /another request body/);

      const racing = { policies: [samplePolicy('I3')] };
      const answers = await Promise.all(Array.from({ length: 6 }, () => call(t, 'POST', '/v1/policies/batch', { token, body: racing, headers: { 'idempotency-key': 'key-race' } })));
      const created = await t.deps.db.selectFrom('audit_events').select('id').where('kind', '=', 'api_policy_created').where('subject_id', '=', 'I3').execute();
      assert.equal(created.length, 1, 'the batch ran once');
      for (const answer of answers) assert.ok(answer.status === 200 || answer.status === 409, String(answer.status));
      assert.equal(answers.filter((a) => a.status === 200 && a.headers.get('idempotent-replayed') !== 'true').length, 1);
    });

    it('serves the OpenAPI 3.1 document and the reference page with its own CSP, leaving the customer site’s strict', async () => {
      const doc = await fetch(`${t.baseUrl}/api/v1/openapi.json`);
      assert.equal(doc.status, 200);
      const document = (await doc.json()) as { openapi: string; components: { securitySchemes: { oauth2: { flows: { clientCredentials: { tokenUrl: string } } } } } };
      assert.equal(document.openapi, '3.1.0');
      assert.equal(document.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl, '/api/v1/oauth/token');
      const page = await fetch(`${t.baseUrl}/api/docs/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /swagger-ui-bundle\.js/);
      assert.match(page.headers.get('content-security-policy') ?? '', /style-src 'self' 'unsafe-inline'/);
      const asset = await fetch(`${t.baseUrl}/api/docs/static/swagger-ui-bundle.js`);
      assert.equal(asset.status, 200, 'the assets come from the package, not a CDN');
      assert.ok((await asset.arrayBuffer()).byteLength > 100_000);
      const home = await fetch(`${t.baseUrl}/`);
      await home.text();
      assert.doesNotMatch(home.headers.get('content-security-policy') ?? '', /unsafe-inline/);
    });

    it('CONTRACT: every answer above matches the OpenAPI document, and every operation of the token and policies was exercised', async () => {
      const document = await (await fetch(`${t.baseUrl}/api/v1/openapi.json`)).json();
      checkContract(document as Parameters<typeof checkContract>[0], seen.splice(0), ['oauth', 'policies']);
    });
  });

  describe(`integration API rate limit, inside a maintenance window, on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind, env: { API_RATE_LIMIT_PER_MINUTE: '3', MAINTENANCE_WINDOWS: '* 00:00-24:00' } });
    });
    after(() => t.close());

    it('answers 429 with Retry-After once a client has used its calls for the minute, per client; no maintenance window', async () => {
      assert.equal((await fetch(`${t.baseUrl}/login`).then(async (r) => [r.status, await r.text()]))[0], 503, 'the customer site is closed');
      const token = await tokenFor(t, await newClient(t));
      const statuses: number[] = [];
      let last: Answer | undefined;
      for (let i = 0; i < 4; i += 1) {
        last = await call(t, 'GET', '/v1/policies/NONE', { token });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 429]);
      assertProblem(last!, 429);
      assert.ok(Number(last!.headers.get('retry-after')) > 0);
      const other = await tokenFor(t, await newClient(t));
      assert.equal((await call(t, 'GET', '/v1/policies/NONE', { token: other })).status, 404, 'another client has its own count');
      seen.splice(0);
    });
  });
}

async function customer(t: TestApp): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  await t.deps.db
    .insertInto('customers')
    .values({ id, user_id: `${id}@example.com`, password_hash: 'x', family_name: '三住', given_name: '太郎', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-01', last_login_at: null, previous_login_at: null, created_at: at, updated_at: at })
    .execute();
  return id;
}
