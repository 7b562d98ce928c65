import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { recordChangeRequestOutcome } from '../../src/features/policies/processing/change-requests.js';
import { acknowledgeRenewalApplication } from '../../src/features/policies/processing/renewal-applications.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { addressRequest, applicationRow, insertApplicationRow } from '../support/processing.js';
import { codeAt } from '../support/staff.js';
import { WebClient, textOf } from '../support/web-client.js';

// 変更受付 and 継続申込 on both dialects: the outcome rules (idempotent, a second outcome refused,
// nothing half-saved), what the customer then reads, the pages' audit, and the agency's scope:
// every id of another agency in every URL answers 404 and no list shows another agency's rows.

const BASE = new Date('2026-11-25T01:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Apps-2026';
const rowsOf = (html: string): string[] => [...html.matchAll(/<tbody>(.*?)<\/tbody>/gs)].flatMap((b) => [...b[1]!.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => textOf(m[1]!)));

for (const kind of databaseKinds()) {
  describe(`変更受付 and 継続申込 on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let ip = 0;
    const ids = { ownRequest: '', otherRequest: '', ownCustomer: '', otherCustomer: '', ownApplication: 'R20261125-OWN00001', otherApplication: 'R20261125-OTHER001' };

    async function staff(login: string): Promise<WebClient> {
      const client = new WebClient(t.baseUrl, { 'x-forwarded-for': `198.51.100.${++ip}` });
      await client.get('/console/login');
      assert.equal((await client.post('/console/login', { login, password: PASSWORD })).status, 303);
      await client.get('/console/login/code');
      clock.advance(30_000);
      assert.equal((await client.post('/console/login/code', { code: codeAt(SECRET, clock.now()) })).status, 303);
      return client;
    }
    const audits = (kindName: string) => t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', kindName).orderBy('at').orderBy('id').execute();
    const statusOf = async (id: string) => (await t.deps.db.selectFrom('change_requests').select(['status', 'note', 'processed_by_id']).where('id', '=', id).executeTakeFirstOrThrow());

    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { TRUST_PROXY: '127.0.0.1' } });
      const db = t.deps.db;
      const now = BASE.toISOString();
      await db.insertInto('agencies').values({ code: 'D0002', name: 'あおば保険事務所', created_at: now, updated_at: now }).execute();
      await insertPolicy(db);
      await insertPolicy(db, { policy_number: 'C223344556', agency_code: 'D0002', holder_family_name: '青木', holder_given_name: '由美', email: 'yumi@example.com', address: '大阪府大阪市北区梅田1-1', postal_code: '530-0001' });
      ids.ownCustomer = (await insertCustomer(db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789'] })).id;
      ids.otherCustomer = (await insertCustomer(db, { userId: 'yumi@example.com', password: 'Yumi12345', familyName: '青木', givenName: '由美', policies: ['C223344556'] })).id;
      ids.ownRequest = await addressRequest(db, ids.ownCustomer, BASE);
      ids.otherRequest = await addressRequest(db, ids.otherCustomer, new Date(BASE.getTime() + 60_000), '大阪府大阪市中央区1-2', ['C223344556']);
      await insertApplicationRow(db, applicationRow('C123456789', ids.ownCustomer, { reception_number: ids.ownApplication }));
      await insertApplicationRow(db, applicationRow('C223344556', ids.otherCustomer, { reception_number: ids.otherApplication, current_end_date: '2026-12-10', created_at: '2026-11-20T03:00:00.000Z' }));
      await upsertReadyStaff(db, t.deps.secret, clock.now(), [
        { login: 'desk.one', name: '窓口 一子', role: 'desk', agencyCode: null, password: PASSWORD, totpSecret: SECRET },
        { login: 'agency.one', name: '代理 三子', role: 'agency', agencyCode: 'D0001', password: PASSWORD, totpSecret: SECRET },
      ]);
    });
    after(() => t.close());

    it('lists pending requests for the desk, with before → after, and audits the view', async () => {
      const desk = await staff('desk.one');
      const list = await desk.get('/console/change-requests');
      assert.equal(list.status, 200);
      assert.match(textOf(list.html), /未処理 2件/);
      const rows = rowsOf(list.html);
      assert.equal(rows.length, 2);
      assert.match(rows[1]!, /三住 太郎 C123456789／みらい保険サービス有限会社 住所・電話番号の変更 〒100-0005 東京都千代田区丸の内1-1-1 電話 03-1234-5678 → 〒105-0011 東京都港区芝公園4-2-8 電話 090-1234-5678 未処理/);
      assert.equal((await audits('console_change_requests_listed')).length, 1);
      assert.equal((await desk.get('/console/change-requests?status=bogus')).status, 404);
    });

    it('refuses 差戻し without a note beside the field, and saves nothing', async () => {
      const desk = await staff('desk.one');
      await desk.get(`/console/change-requests/${ids.ownRequest}`);
      const refused = await desk.post(`/console/change-requests/${ids.ownRequest}/outcome`, { outcome: 'rejected', note: '  ' });
      assert.equal(refused.status, 400);
      assert.match(/id="f-note-error" role="alert">([^<]*)</.exec(refused.html)?.[1] ?? '', /差戻しの理由（お客さまへのご連絡）を入力してください/);
      assert.equal((await statusOf(ids.ownRequest)).status, 'pending');
      assert.equal((await audits('change_request_processed')).length, 0);
    });

    it('records 差戻し with its note once, keeps it when repeated, refuses 処理済 after it, and the customer reads it', async () => {
      const desk = await staff('desk.one');
      await desk.get(`/console/change-requests/${ids.ownRequest}`);
      const done = await desk.post(`/console/change-requests/${ids.ownRequest}/outcome`, { outcome: 'rejected', note: '番地が確認できませんでした。\nお手数ですが代理店にご連絡ください。' });
      assert.equal(done.status, 303);
      const page = await desk.get(done.location!);
      assert.match(textOf(page.html), /処理結果を記録しました/);
      assert.match(textOf(page.html), /結果 差戻し お客さまへのご連絡 番地が確認できませんでした。 お手数ですが代理店にご連絡ください。 処理した人 窓口 一子（desk\.one）/);
      const again = await recordChangeRequestOutcome(t.deps.db, ids.ownRequest, { outcome: 'rejected', note: 'another note', actor: { kind: 'api_client', id: 'core' }, now: clock.now() });
      assert.equal(again.kind, 'unchanged');
      const conflict = await recordChangeRequestOutcome(t.deps.db, ids.ownRequest, { outcome: 'done', note: null, actor: { kind: 'api_client', id: 'core' }, now: clock.now() });
      assert.equal(conflict.kind, 'conflict');
      assert.deepEqual(await statusOf(ids.ownRequest), { status: 'rejected', note: '番地が確認できませんでした。\nお手数ですが代理店にご連絡ください。', processed_by_id: (await t.deps.db.selectFrom('staff_accounts').select('id').where('login', '=', 'desk.one').executeTakeFirstOrThrow()).id });
      const events = await audits('change_request_processed');
      assert.equal(events.length, 1, 'one audit event: the repeat and the refusal change nothing');
      assert.deepEqual(JSON.parse(events[0]!.detail), { before: { status: 'pending', note: null }, after: { status: 'rejected', note: '番地が確認できませんでした。\nお手数ですが代理店にご連絡ください。' } });
      const viaForm = await desk.post(`/console/change-requests/${ids.ownRequest}/outcome`, { outcome: 'done', note: '' });
      assert.match(textOf((await desk.get(viaForm.location!)).html), /すでに別の処理結果で記録されています/);
      const customer = new WebClient(t.baseUrl);
      await customer.get('/login');
      await customer.post('/login', { userId: 'abc@example.com', password: 'Abc12345' });
      const changes = textOf((await customer.get('/mypage/changes')).html);
      assert.match(changes, /差戻し .* 〒105-0011 東京都港区芝公園4-2-8 電話番号 090-1234-5678 保険会社からのご連絡：番地が確認できませんでした。/);
    });

    it('records 処理済 through the API function and the customer sees 手続き完了', async () => {
      const result = await recordChangeRequestOutcome(t.deps.db, ids.otherRequest, { outcome: 'done', note: '', actor: { kind: 'api_client', id: 'core' }, now: clock.now() });
      assert.equal(result.kind, 'recorded');
      assert.equal(result.kind === 'recorded' && result.item.processed_by?.kind, 'api_client');
      const customer = new WebClient(t.baseUrl);
      await customer.get('/login');
      await customer.post('/login', { userId: 'yumi@example.com', password: 'Yumi12345' });
      assert.match(textOf((await customer.get('/mypage/changes')).html), /手続き完了 .* 大阪府大阪市中央区1-2/);
      assert.equal((await recordChangeRequestOutcome(t.deps.db, 'no-such-id', { outcome: 'done', note: '', actor: { kind: 'api_client', id: 'core' }, now: clock.now() })).kind, 'not_found');
    });

    it('shows a renewal application in full, audits the view and the PDF, and takes it in once', async () => {
      const desk = await staff('desk.one');
      const list = await desk.get('/console/renewal-applications?state=pending');
      assert.deepEqual(rowsOf(list.html).map((r) => r.split(' ')[0]), [ids.ownApplication, ids.otherApplication]);
      const detail = await desk.get(`/console/renewal-applications/${ids.ownApplication}`);
      const text = textOf(detail.html);
      for (const expected of ['受付番号 R20261125-OWN00001', '取込状態 未取込', '運転者年齢条件 35歳以上', '運転者限定 家族限定', '特約 弁護士費用特約、ロードアシスタンス特約', '年間保険料 58,200円', '払込方法 クレジットカード払（変更あり）', '払込回数 月払（12回）', '補償内容を確認しました。', 'ノンフリート等級 15等級']) {
        assert.ok(text.includes(expected), expected);
      }
      const pdf = await desk.get(`/console/renewal-applications/${ids.ownApplication}/application.pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.ok(pdf.html.startsWith('%PDF-'));
      assert.equal((await audits('console_renewal_application_viewed')).length, 1);
      assert.equal((await audits('console_renewal_application_pdf_downloaded')).length, 1);
      const ack = await desk.post(`/console/renewal-applications/${ids.ownApplication}/acknowledgement`, {});
      assert.equal(ack.status, 303);
      assert.match(textOf((await desk.get(ack.location!)).html), /取込済にしました。.*取込状態 取込済（.*窓口 一子（desk\.one））/s);
      assert.equal((await acknowledgeRenewalApplication(t.deps.db, ids.ownApplication, { kind: 'api_client', id: 'core' }, clock.now())).kind, 'already');
      assert.equal((await audits('renewal_application_acknowledged')).length, 1);
      assert.deepEqual(rowsOf((await desk.get('/console/renewal-applications?state=acknowledged')).html).map((r) => r.split(' ')[0]), [ids.ownApplication]);
      assert.deepEqual(rowsOf((await desk.get('/console/renewal-applications?from=2026-11-25&to=2026-11-25')).html).map((r) => r.split(' ')[0]), [ids.ownApplication], '申込日 in Japan time');
      assert.deepEqual(rowsOf((await desk.get('/console/renewal-applications?agency=D0002')).html).map((r) => r.split(' ')[0]), [ids.otherApplication]);
      const bad = await desk.get('/console/renewal-applications?from=2026-13-01');
      assert.equal(bad.status, 400);
      assert.match(/id="f-from-error" role="alert">([^<]*)</.exec(bad.html)?.[1] ?? '', /YYYY-MM-DD/);
    });

    it("keeps an agency to its own: another agency's ids answer 404 in every URL, lists never show them, no actions", async () => {
      const agency = await staff('agency.one');
      const requests = rowsOf((await agency.get('/console/change-requests?status=rejected')).html).concat(rowsOf((await agency.get('/console/change-requests?status=done')).html), rowsOf((await agency.get('/console/change-requests')).html));
      assert.equal(requests.length, 1);
      assert.ok(requests.every((r) => !r.includes('青木')));
      assert.deepEqual(rowsOf((await agency.get('/console/renewal-applications')).html).map((r) => r.split(' ')[0]), [ids.ownApplication]);
      assert.equal((await agency.get('/console/renewal-applications?agency=D0002')).status, 400, 'another agency is not a choice');
      for (const path of [`/console/change-requests/${ids.otherRequest}`, `/console/renewal-applications/${ids.otherApplication}`, `/console/renewal-applications/${ids.otherApplication}/application.pdf`, '/console/change-requests/missing', '/console/renewal-applications/R-MISSING']) {
        assert.equal((await agency.get(path)).status, 404, path);
      }
      assert.equal((await agency.get(`/console/change-requests/${ids.ownRequest}`)).status, 200);
      const own = await agency.get(`/console/renewal-applications/${ids.ownApplication}`);
      assert.equal(own.status, 200);
      assert.ok(!own.html.includes('/acknowledgement'), 'no 取込済 button for an agency');
      for (const path of [`/console/change-requests/${ids.otherRequest}/outcome`, `/console/change-requests/${ids.ownRequest}/outcome`, `/console/renewal-applications/${ids.otherApplication}/acknowledgement`]) {
        assert.equal((await agency.post(path, { outcome: 'done', note: '' })).status, 404, path);
      }
      assert.equal((await statusOf(ids.otherRequest)).status, 'done', 'unchanged by the agency');
      const home = textOf((await agency.get('/console')).html);
      assert.match(home, /変更受付/);
      assert.match(home, /継続申込/);
    });
  });
}
