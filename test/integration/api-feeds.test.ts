import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { call, checkContract, newClient, problemOf, seen, tokenFor, type Answer } from '../support/api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { loggedIn } from '../support/integration.js';
import { addressRequest, applicationRow, insertApplicationRow, insertConcurrently } from '../support/processing.js';
import { codeAt, staffLogin } from '../support/staff.js';
import { WebClient, textOf } from '../support/web-client.js';

// The core system takes in renewal applications and change requests through the API: the cursor
// feeds (paged while others are being created), the acknowledgements and their idempotency, what
// the customer and the console then show, scopes and bad input; every answer against the document.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Feeds-2026';
const APPLICATION = 'R20261125-FEED0001';

interface Page<T> {
  items: T[];
  next_cursor: string;
}
type Item = Record<string, unknown>;

function assertProblem(answer: Answer, status: number, fields?: string[]): void {
  assert.equal(answer.status, status, answer.text);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(problemOf(answer).status, status);
  if (fields) assert.deepEqual((problemOf(answer).errors ?? []).map((e) => e.field).sort(), fields.sort(), answer.text);
}

for (const kind of databaseKinds()) {
  describe(`the API's feeds and acknowledgements on ${kind}`, () => {
    let t: TestApp;
    let token = '';
    let customerId = '';
    const requests = { first: '', second: '' };
    const ack = (reception: string, headers: Record<string, string> = {}) => call(t, 'POST', `/v1/renewal-applications/${reception}/acknowledgement`, { token, headers });
    const outcome = (id: string, body: unknown, headers: Record<string, string> = {}) => call(t, 'POST', `/v1/change-requests/${id}/acknowledgement`, { token, body, headers });
    const audits = (name: string) => t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', name).orderBy('at').orderBy('id').execute();

    before(async () => {
      t = await startTestApp({ db: kind, env: { API_RATE_LIMIT_PER_MINUTE: '100000' } });
      const db = t.deps.db;
      await insertPolicy(db);
      customerId = (await insertCustomer(db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789'] })).id;
      await insertApplicationRow(db, applicationRow('C123456789', customerId, { reception_number: APPLICATION }));
      requests.first = await addressRequest(db, customerId, new Date('2026-11-25T01:00:00Z'));
      requests.second = await addressRequest(db, customerId, new Date('2026-11-25T02:00:00Z'), '東京都港区芝公園9-9-9');
      await upsertReadyStaff(db, t.deps.secret, new Date(), [{ login: 'desk.one', name: '窓口 一子', role: 'desk', agencyCode: null, password: PASSWORD, totpSecret: SECRET }]);
      token = await tokenFor(t, await newClient(t, 'applications:read,change-requests:read'));
    });
    after(() => t.close());

    it('gives an application with everything the insurer needs to issue the renewal', async () => {
      const answer = await call(t, 'GET', '/v1/renewal-applications?limit=1', { token });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      const [item] = (answer.body as Page<Item>).items;
      assert.deepEqual(item, {
        reception_number: APPLICATION,
        policy_number: 'C123456789',
        product: 'auto',
        customer: { customer_id: customerId, family_name: '三住', given_name: '太郎', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-01', email: 'abc@example.com' },
        holder_family_name: '三住',
        holder_given_name: '太郎',
        agency_code: 'D0001',
        agency_name: 'みらい保険サービス有限会社',
        vehicle_model: item!.vehicle_model,
        vehicle_registration: item!.vehicle_registration,
        vehicle_class: 'private_car',
        current_end_date: '2026-12-27',
        start_date: '2026-12-27',
        end_date: '2027-12-27',
        plan: 'recommended',
        coverage: { age_condition: '35', driver_scope: 'family', use_purpose: 'leisure', bodily_injury: 'unlimited', property_damage: 'unlimited', personal_injury: '30000000', vehicle_coverage: 'general', vehicle_amount: 2000000, vehicle_deductible: '5-10', riders: ['lawyer', 'road_assistance'] },
        grade: 15,
        accident_coefficient_years: 0,
        annual_premium: 58200,
        monthly_premium: 5090,
        total_payable: 61080,
        premium_breakdown: [
          { label: '基本保険料', kind: 'base', value: 90000 },
          { label: 'ノンフリート等級 15等級', kind: 'factor', value: 0.5, note: '無事故' },
        ],
        payment_method: 'card',
        payment_method_changed: true,
        payment_frequency: 'monthly',
        confirmations: [
          { key: 'confirm_coverage', text: '補償内容を確認しました。', at: '2026-11-25T01:05:00.000Z' },
          { key: 'confirm_matters', text: '重要事項説明書を確認しました。', at: '2026-11-25T01:06:00.000Z' },
        ],
        created_at: '2026-11-25T01:07:00.000Z',
        acknowledged: false,
        acknowledged_at: null,
        acknowledged_by: null,
      });
      assert.equal(typeof item!.vehicle_model, 'string', 'the vehicle as the policy has it');
    });

    it('gives a change request with what was asked, what is on file, and the customer', async () => {
      const answer = await call(t, 'GET', '/v1/change-requests', { token });
      assert.equal(answer.status, 200, answer.text);
      const { items } = answer.body as Page<Item>;
      assert.deepEqual(items.map((i) => i.id), [requests.first, requests.second], 'oldest first');
      assert.deepEqual({ ...items[0], on_file: null, created_at: null }, {
        id: requests.first,
        kind: 'address',
        status: 'pending',
        requested: { postal_code: '105-0011', address: '東京都港区芝公園4-2-8', phone: '090-1234-5678' },
        on_file: null,
        policy_numbers: ['C123456789'],
        agencies: [{ agency_code: 'D0001', agency_name: 'みらい保険サービス有限会社' }],
        customer: { customer_id: customerId, family_name: '三住', given_name: '太郎', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-01', email: 'abc@example.com' },
        note: null,
        processed_at: null,
        processed_by: null,
        created_at: null,
      });
      assert.deepEqual(items[0]!.on_file, { postal_code: '100-0005', address: '東京都千代田区丸の内1-1-1', phone: '03-1234-5678' });
      assert.equal(items[0]!.created_at, '2026-11-25T01:00:00.000Z');
    });

    it('gives a reader paging with limit 4 each of 50 applications exactly once while they are being created', async () => {
      const start = (await call(t, 'GET', '/v1/renewal-applications', { token })).body as Page<Item>;
      let inserting = true;
      // One application per policy and term: each its own 満期日.
      const endDate = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      const insert = async (trx: typeof t.deps.db, n: number) => assert.ok(await insertApplicationRow(trx, applicationRow('C123456789', customerId, { current_end_date: endDate(n), reception_number: `R-HTTP-${String(n).padStart(2, '0')}` })));
      const writers = insertConcurrently(t.deps.db, 50, 6, insert).finally(() => {
        inserting = false;
      });
      const read: string[] = [];
      let readWhileInserting = 0;
      let cursor = start.next_cursor;
      for (;;) {
        const finished = !inserting;
        const answer = await call(t, 'GET', `/v1/renewal-applications?after=${cursor}&limit=4`, { token });
        assert.equal(answer.status, 200, answer.text);
        const page = answer.body as Page<Item>;
        assert.ok(page.items.length <= 4);
        read.push(...page.items.map((i) => String(i.reception_number)));
        if (!finished) readWhileInserting += page.items.length;
        cursor = page.next_cursor;
        if (page.items.length === 0 && finished) break;
        if (page.items.length === 0) await sleep(3);
      }
      await writers;
      assert.ok(readWhileInserting > 0, `paged while they were being created (${readWhileInserting} then)`);
      assert.equal(read.length, 50, 'every application read');
      assert.equal(new Set(read).size, 50, 'none read twice');
      const inFeedOrder = await t.deps.db.selectFrom('renewal_applications').select('reception_number').where('reception_number', 'like', 'R-HTTP-%').orderBy('feed_position').execute();
      assert.deepEqual(read, inFeedOrder.map((r) => r.reception_number), 'in the order the feed gives them');
      const after = await call(t, 'GET', `/v1/renewal-applications?after=${cursor}`, { token });
      assert.deepEqual(after.body, { items: [], next_cursor: cursor }, 'at the end: no items, the same cursor to poll with');
    });

    it('marks an application 取込済 once: again 200 with the same item, one audit event by the client; the console shows it', async () => {
      const first = await ack(APPLICATION);
      assert.equal(first.status, 200, first.text);
      const item = first.body as Item;
      assert.equal(item.acknowledged, true);
      assert.equal((item.acknowledged_by as { kind: string }).kind, 'api_client');
      const again = await ack(APPLICATION);
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, first.body);
      const events = await audits('renewal_application_acknowledged');
      assert.deepEqual(events.map((e) => [e.subject_id, e.actor_kind, e.customer_id]), [[APPLICATION, 'api_client', customerId]]);
      assertProblem(await ack('R20990101-NOPE0001'), 404);
      const feed = (await call(t, 'GET', '/v1/renewal-applications?limit=1', { token })).body as Page<Item>;
      assert.equal(feed.items[0]!.acknowledged, true, 'the feed says so too');

      const desk = new WebClient(t.baseUrl);
      assert.equal((await staffLogin(desk, 'desk.one', PASSWORD, codeAt(SECRET, new Date()))).status, 303);
      const detail = textOf((await desk.get(`/console/renewal-applications/${APPLICATION}`)).html);
      assert.match(detail, /取込状態 取込済（.*連携システム/);
    });

    it('records a change request’s outcome: the same again is 200, another is 409; the customer reads the outcome and note', async () => {
      assertProblem(await outcome(requests.first, { outcome: 'rejected' }), 422, ['note']);
      assertProblem(await outcome(requests.first, { outcome: 'rejected', note: '   ' }), 422, ['note']);
      assertProblem(await outcome(requests.first, { outcome: 'rejected', note: 'あ'.repeat(401) }), 422, ['note']);
      assertProblem(await outcome(requests.first, { outcome: 'maybe', extra: 1 }), 422, ['outcome', 'extra']);
      assertProblem(await outcome(requests.first, { outcome: 'done', note: 'a\u0007b' }), 422, ['note']);
      assert.equal((await audits('change_request_processed')).length, 0, 'nothing recorded by a refused call');

      const note = '番地が確認できませんでした。\n代理店にご連絡ください。';
      const rejected = await outcome(requests.first, { outcome: 'rejected', note });
      assert.equal(rejected.status, 200, rejected.text);
      assert.deepEqual([(rejected.body as Item).status, (rejected.body as Item).note], ['rejected', note]);
      const same = await outcome(requests.first, { outcome: 'rejected', note: 'another wording' });
      assert.equal(same.status, 200);
      assert.deepEqual(same.body, rejected.body, 'the first outcome and note stand');
      const other = await outcome(requests.first, { outcome: 'done' });
      assertProblem(other, 409);
      assert.match(problemOf(other).detail, /already rejected/);

      const done = await outcome(requests.second, { outcome: 'done', note: '新しいご住所で承りました。' });
      assert.equal(done.status, 200, done.text);
      assertProblem(await outcome('00000000-0000-4000-8000-000000000000', { outcome: 'done' }), 404);
      const events = await audits('change_request_processed');
      assert.deepEqual(events.map((e) => [e.subject_id, e.actor_kind]), [[requests.first, 'api_client'], [requests.second, 'api_client']]);

      const customer = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const changes = textOf((await customer.get('/mypage/changes')).html);
      assert.match(changes, /手続き完了 .* 東京都港区芝公園9-9-9 電話番号 090-1234-5678 保険会社からのご連絡：新しいご住所で承りました。/);
      assert.match(changes, /差戻し .* 東京都港区芝公園4-2-8 電話番号 090-1234-5678 保険会社からのご連絡：番地が確認できませんでした。 代理店にご連絡ください。/);
    });

    it('replays an acknowledgement’s answer for the same Idempotency-Key', async () => {
      const id = await addressRequest(t.deps.db, customerId, new Date('2026-11-25T03:00:00Z'), '東京都港区芝公園7-7-7');
      const headers = { 'idempotency-key': 'outcome-1' };
      const first = await outcome(id, { outcome: 'done' }, headers);
      const second = await outcome(id, { outcome: 'done' }, headers);
      assert.equal(first.status, 200);
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(second.body, first.body);
      assertProblem(await outcome(id, { outcome: 'rejected', note: 'x' }, headers), 422);
      const replayedAck = await ack(APPLICATION, { 'idempotency-key': 'ack-1' });
      assert.equal((await ack(APPLICATION, { 'idempotency-key': 'ack-1' })).headers.get('idempotent-replayed'), 'true');
      assert.equal(replayedAck.status, 200);
    });

    it('refuses a client without the scope (403) and a bad cursor, limit or parameter (422 naming it)', async () => {
      const policiesOnly = await tokenFor(t, await newClient(t, 'policies:read'));
      const appsOnly = await tokenFor(t, await newClient(t, 'applications:read'));
      assertProblem(await call(t, 'GET', '/v1/renewal-applications', { token: policiesOnly }), 403);
      assertProblem(await call(t, 'POST', `/v1/renewal-applications/${APPLICATION}/acknowledgement`, { token: policiesOnly }), 403);
      assertProblem(await call(t, 'GET', '/v1/change-requests', { token: appsOnly }), 403);
      assertProblem(await call(t, 'POST', `/v1/change-requests/${requests.first}/acknowledgement`, { token: appsOnly, body: { outcome: 'done' } }), 403);
      assertProblem(await call(t, 'GET', '/v1/change-requests'), 401);

      assertProblem(await call(t, 'GET', '/v1/renewal-applications?after=MTIz', { token }), 422, ['after']);
      assertProblem(await call(t, 'GET', '/v1/change-requests?after=not%20a%20cursor', { token }), 422, ['after']);
      assertProblem(await call(t, 'GET', `/v1/change-requests?after=${'x'.repeat(65)}`, { token }), 422, ['after']);
      for (const limit of ['0', '501', 'abc', '1.5', '-1']) assertProblem(await call(t, 'GET', `/v1/renewal-applications?limit=${limit}`, { token }), 422, ['limit']);
      assertProblem(await call(t, 'GET', '/v1/renewal-applications?limit=10&limit=20', { token }), 422, ['limit']);
      assertProblem(await call(t, 'GET', '/v1/renewal-applications?since=2026-01-01', { token }), 422, ['since']);
      const full = await call(t, 'GET', '/v1/renewal-applications?limit=500', { token });
      assert.equal((full.body as Page<Item>).items.length, 51, 'limit 500 is allowed');
      assertProblem(await call(t, 'POST', `/v1/change-requests/${requests.first}/acknowledgement`, { token, raw: '{"outcome":' }), 400);
      assertProblem(await call(t, 'POST', `/v1/change-requests/${requests.first}/acknowledgement`, { token, raw: 'done', headers: { 'content-type': 'text/plain' } }), 415);
      assertProblem(await call(t, 'POST', `/v1/renewal-applications/${'R'.repeat(41)}/acknowledgement`, { token }), 422, ['reception_number']);
    });

    it('CONTRACT: every answer above matches the OpenAPI document, and every operation of the feeds was exercised', async () => {
      const document = await (await fetch(`${t.baseUrl}/api/v1/openapi.json`)).json();
      checkContract(document as Parameters<typeof checkContract>[0], seen.splice(0), ['feeds']);
    });
  });
}
