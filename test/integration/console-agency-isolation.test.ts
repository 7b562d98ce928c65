import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/crypto.js';
import type { RenewalApplicationTable } from '../../src/platform/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { addressRequest } from '../support/processing.js';
import { codeAt, staffLogin } from '../support/staff.js';
import { WebClient, textOf } from '../support/web-client.js';
import { deskSearch } from '../support/desk-search.js';

// Tenant isolation, tested: an agency's staff member asks for every console URL that takes an id
// with another agency's policy numbers, customer ids and news ids (and the agency's own customer
// for the actions an agency may not take) and gets 404; no list, search, CSV or count has another
// agency's rows. Every console route with a parameter must have a row in ID_ROUTES: a new route
// without one fails the test until its cases are added.

const BASE = new Date('2026-11-25T01:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Tenant-2026';

interface Ids {
  otherCustomer: string;
  sharedCustomer: string;
  ownCustomer: string;
  otherNews: string;
  otherStaff: string;
  otherChangeRequest: string;
}

type Probe = { method: 'GET' | 'POST'; path: string; body?: Record<string, string> };

/** Each console route with a parameter (method and pattern) and the requests that must answer 404. */
const ID_ROUTES: Record<string, (ids: Ids) => Probe[]> = {
  'GET /console/customers/:id': (ids) => [
    { method: 'GET', path: `/console/customers/${ids.otherCustomer}` },
    { method: 'GET', path: '/console/customers/policy-O000000002' },
    { method: 'GET', path: '/console/customers/policy-O000000001' },
  ],
  ...Object.fromEntries(
    ['unlock', 'sessions/end', 'suspend', 'resume', 'temporary-password'].map((action) => [
      `POST /console/customers/:id/${action}`,
      (ids: Ids) => [ids.otherCustomer, ids.sharedCustomer, ids.ownCustomer].map((id) => ({ method: 'POST' as const, path: `/console/customers/${id}/${action}`, body: { reason: '確認', delivery: 'screen' } })),
    ]),
  ),
  'GET /console/customers/:id/temporary-password': (ids) => [ids.otherCustomer, ids.sharedCustomer, ids.ownCustomer].map((id) => ({ method: 'GET', path: `/console/customers/${id}/temporary-password` })),
  'POST /console/customers/:id/mail/:mailId/resend': (ids) => [ids.otherCustomer, ids.ownCustomer].map((id) => ({ method: 'POST', path: `/console/customers/${id}/mail/${newId()}/resend`, body: { reason: '確認' } })),
  'GET /console/staff/:id': (ids) => [{ method: 'GET', path: `/console/staff/${ids.otherStaff}` }],
  ...Object.fromEntries(
    ['disable', 'enable', 'mfa-reset', 'role', 'setup-link'].map((action) => [`POST /console/staff/:id/${action}`, (ids: Ids) => [{ method: 'POST' as const, path: `/console/staff/${ids.otherStaff}/${action}`, body: { reason: '確認', role: 'agency', agency: 'D0001' } }]]),
  ),
  // Admin-only: an agency gets 404 whatever the id (a real one would be the admin's data too).
  'GET /console/webhooks/:id': () => [{ method: 'GET', path: `/console/webhooks/msg_${newId()}` }],
  'POST /console/webhooks/:id/resend': () => [{ method: 'POST', path: `/console/webhooks/msg_${newId()}/resend`, body: { reason: '確認' } }],
  'POST /console/api-clients/:clientId/revoke': () => [{ method: 'POST', path: '/console/api-clients/kzc_AAAAAAAAAAAAAAAA/revoke', body: { reason: '確認' } }],
  // 変更受付 and 継続申込: another agency's request and application, and ones that do not exist.
  'GET /console/change-requests/:id': (ids) => [ids.otherChangeRequest, newId()].map((id) => ({ method: 'GET', path: `/console/change-requests/${id}` })),
  'POST /console/change-requests/:id/outcome': (ids) => [ids.otherChangeRequest, newId()].map((id) => ({ method: 'POST', path: `/console/change-requests/${id}/outcome`, body: { outcome: 'done', note: '' } })),
  'GET /console/renewal-applications/:receptionNumber': () => ['R20261120-O000000001', 'R20261120-X000000000'].map((n) => ({ method: 'GET', path: `/console/renewal-applications/${n}` })),
  'GET /console/renewal-applications/:receptionNumber/application.pdf': () => ['R20261120-O000000001', 'R20261120-X000000000'].map((n) => ({ method: 'GET', path: `/console/renewal-applications/${n}/application.pdf` })),
  'POST /console/renewal-applications/:receptionNumber/acknowledgement': () => [{ method: 'POST', path: '/console/renewal-applications/R20261120-O000000001/acknowledgement' }],
  'GET /console/news/:id': (ids) => [{ method: 'GET', path: `/console/news/${ids.otherNews}` }],
  'POST /console/news/:id': (ids) => [{ method: 'POST', path: `/console/news/${ids.otherNews}`, body: { title: '書き換え', published_on: '2026-12-01', body: '書き換え' } }],
  ...Object.fromEntries(['publish', 'unpublish', 'delete'].map((action) => [`POST /console/news/:id/${action}`, (ids: Ids) => [{ method: 'POST' as const, path: `/console/news/${ids.otherNews}/${action}` }]])),
};

/** The pages whose agency comes in the query or the form: naming another agency is 404 too. */
const AGENCY_PARAM_PROBES: Probe[] = [
  { method: 'GET', path: '/console/expiries?agency=D0002' },
  { method: 'GET', path: '/console/expiries.csv?agency=D0002' },
  { method: 'GET', path: '/console/news?agency=D0002' },
  { method: 'GET', path: '/console/news/new?agency=D0002' },
  { method: 'POST', path: '/console/news', body: { agency: 'D0002', title: '割り込み', published_on: '2026-12-01', body: '割り込み' } },
];

/** Every route of the app as `METHOD /path`, read from Fastify's route tree (HEAD aside). */
export function routeList(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)(?:[├└]── )?(\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4 + (line.includes('── ') ? 1 : 0);
    stack.length = depth;
    stack[depth] = match[2]!;
    const path = stack.join('');
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}

const application = (policy: string, customer: string): RenewalApplicationTable => ({
  id: newId(),
  reception_number: `R20261120-${policy}`,
  policy_number: policy,
  customer_id: customer,
  current_end_date: '2026-12-20',
  new_start_date: '2026-12-20',
  new_end_date: '2027-12-20',
  plan: 'same',
  coverage: '{}',
  next_grade: 15,
  next_accident_coefficient_years: 0,
  annual_premium: 50000,
  monthly_premium: null,
  total_payable: 50000,
  payment_method: 'bank',
  payment_method_changed: 0,
  payment_frequency: 'annual',
  quote_breakdown: '[]',
  confirmations: '[]',
  created_at: BASE.toISOString(),
});

for (const kind of databaseKinds()) {
  describe(`tenant isolation of the agencies' console on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    const ids: Ids = { otherCustomer: '', sharedCustomer: '', ownCustomer: '', otherNews: '', otherStaff: '', otherChangeRequest: '' };

    async function agencyStaff(): Promise<WebClient> {
      clock.advance(30_000);
      const client = new WebClient(t.baseUrl);
      const answer = await staffLogin(client, 'agency.one', PASSWORD, codeAt(SECRET, clock.now()));
      assert.equal(answer.status, 303, textOf(answer.html));
      return client;
    }

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      const db = t.deps.db;
      const other = { agency_code: 'D0002', end_date: '2026-12-20', start_date: '2025-12-20' };
      // D0002's customers: 青木 由美 (registered), 大野 光 (no account), and 三住 太郎 who holds a policy of each agency.
      await insertPolicy(db, { ...other, policy_number: 'O000000001', holder_family_name: '青木', holder_given_name: '由美', holder_family_kana: 'アオキ', holder_given_kana: 'ユミ', email: 'yumi@example.com', phone: '090-2222-3333' });
      await insertPolicy(db, { ...other, policy_number: 'O000000002', holder_family_name: '大野', holder_given_name: '光', holder_family_kana: 'オオノ', holder_given_kana: 'ヒカル', email: 'hikaru@example.com', phone: '090-4444-5555' });
      await insertPolicy(db, { ...other, policy_number: 'O000000003', vehicle_model: 'フィット' });
      await insertPolicy(db, { policy_number: 'P000000001', holder_family_name: '佐藤', holder_given_name: '健', holder_family_kana: 'サトウ', holder_given_kana: 'ケン', end_date: '2026-12-20', start_date: '2025-12-20' });
      await insertPolicy(db, { policy_number: 'P000000002', end_date: '2026-12-21', start_date: '2025-12-21' });
      await db.updateTable('agencies').set({ name: 'あおば保険事務所' }).where('code', '=', 'D0002').execute();
      ids.otherCustomer = (await insertCustomer(db, { userId: 'yumi@example.com', password: 'Yumi12345', familyName: '青木', givenName: '由美', familyKana: 'アオキ', givenKana: 'ユミ', policies: ['O000000001'] })).id;
      ids.sharedCustomer = (await insertCustomer(db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['O000000003', 'P000000002'] })).id;
      ids.ownCustomer = (await insertCustomer(db, { userId: 'ken@example.com', password: 'Ken12345', familyName: '佐藤', givenName: '健', familyKana: 'サトウ', givenKana: 'ケン', policies: ['P000000001'] })).id;
      await db.insertInto('renewal_applications').values([application('O000000003', ids.sharedCustomer), application('O000000001', ids.otherCustomer)]).execute();
      ids.otherChangeRequest = await addressRequest(db, ids.otherCustomer, BASE, '東京都港区芝公園4-2-8', ['O000000001']);
      ids.otherNews = newId();
      await db.insertInto('agency_news').values({ id: ids.otherNews, agency_code: 'D0002', published_on: '2026-11-20', title: 'あおばの移転', body: '移転します', published: 1, created_at: BASE.toISOString(), updated_at: null }).execute();
      await db.insertInto('agency_news').values({ id: newId(), agency_code: 'D0001', published_on: '2026-11-21', title: 'みらいの営業時間', body: '変わります', published: 0, created_at: BASE.toISOString(), updated_at: null }).execute();
      await upsertReadyStaff(db, t.deps.secret, clock.now(), [
        { login: 'agency.one', name: '代理 一子', role: 'agency', agencyCode: 'D0001', password: PASSWORD, totpSecret: SECRET },
        { login: 'agency.two', name: '代理 二子', role: 'agency', agencyCode: 'D0002', password: PASSWORD, totpSecret: SECRET },
      ]);
      ids.otherStaff = (await db.selectFrom('staff_accounts').select('id').where('login', '=', 'agency.two').executeTakeFirstOrThrow()).id;
    });
    after(async () => t.close());

    it('has a row for every console route with a parameter', () => {
      const routes = routeList(t.app.printRoutes({ commonPrefix: false }));
      assert.ok(routes.includes('GET /console/customers/:id') && routes.includes('POST /console/news/:id/delete'), 'the route tree was read');
      const withParams = routes.filter((r) => r.includes(' /console/') && r.includes('/:'));
      assert.deepEqual(withParams.filter((r) => !(r in ID_ROUTES)), [], 'add these routes to ID_ROUTES with another agency\'s ids');
      assert.deepEqual(Object.keys(ID_ROUTES).filter((r) => !withParams.includes(r)), [], 'ID_ROUTES names no route that is gone');
    });

    it("answers 404 to every id of another agency, and to every action, changing nothing", async () => {
      const agency = await agencyStaff();
      const probes = [...Object.values(ID_ROUTES).flatMap((cases) => cases(ids)), ...AGENCY_PARAM_PROBES];
      for (const probe of probes) {
        if (probe.method === 'POST') await agency.get('/console');
        const page = probe.method === 'GET' ? await agency.get(probe.path) : await agency.post(probe.path, probe.body ?? {});
        assert.equal(page.status, 404, `${probe.method} ${probe.path}`);
        assert.match(page.html, /ページが見つかりません/, `${probe.method} ${probe.path}`);
      }
      const news = await t.deps.db.selectFrom('agency_news').selectAll().where('agency_code', '=', 'D0002').execute();
      assert.deepEqual(news.map((n) => [n.title, n.published]), [['あおばの移転', 1]]);
      const staff = await t.deps.db.selectFrom('staff_accounts').select(['enabled', 'role']).where('id', '=', ids.otherStaff).executeTakeFirstOrThrow();
      assert.deepEqual(staff, { enabled: 1, role: 'agency' });
      const suspended = await t.deps.db.selectFrom('customers').select('id').where('suspended_at', 'is not', null).execute();
      const request = await t.deps.db.selectFrom('change_requests').select(['status', 'processed_at']).where('id', '=', ids.otherChangeRequest).executeTakeFirstOrThrow();
      assert.deepEqual(request, { status: 'pending', processed_at: null });
      const acknowledged = await t.deps.db.selectFrom('renewal_applications').select('reception_number').where('acknowledged_at', 'is not', null).execute();
      assert.deepEqual(acknowledged, []);
      assert.deepEqual(suspended, []);
      const viewed = await t.deps.db.selectFrom('audit_events').select('kind').where('kind', '=', 'console_customer_viewed').execute();
      assert.deepEqual(viewed, [], 'no customer of another agency was shown');
    });

    it("finds only people holding the agency's policies, and shows only its part of a shared customer", async () => {
      const agency = await agencyStaff();
      const search = (by: string, q: string) => deskSearch(agency, by, q);
      for (const [by, q] of [['name', '青木'], ['name', 'オオノ'], ['policy', 'O000000001'], ['policy', 'O000000002'], ['email', 'yumi@example.com'], ['email', 'hikaru@example.com'], ['phone', '090-2222-3333'], ['phone', '090-4444-5555']]) {
        const page = await search(by!, q!);
        assert.equal(page.status, 200);
        assert.match(textOf(page.html), /該当するお客さまは見つかりませんでした/, `${by} ${q}`);
      }
      const shared = await search('policy', 'O000000003');
      assert.match(textOf(shared.html), /該当するお客さまは見つかりませんでした/, "another agency's policy number finds nobody, even a shared customer");
      const byName = await search('name', 'ミツスミ');
      assert.match(textOf(byName.html), /三住 太郎 ミツスミ タロウ 1975年01月01日 登録済 1件 詳細/, 'the shared customer counts only the agency\'s policy');
      const details = await agency.get(`/console/customers/${ids.sharedCustomer}`);
      assert.equal(details.status, 200);
      const text = textOf(details.html);
      assert.match(text, /P000000002/);
      assert.doesNotMatch(text, /O000000003|R20261120|あおば|フィット/, "no policy, application or agency of the other agency");
      assert.doesNotMatch(text, /サポート操作|送信したメール|ログイン中のセッション|アカウントの履歴|変更のお申出/, 'no support actions or account internals');
      assert.doesNotMatch(details.html, /action="\/console\/customers\/[^"]+\/(unlock|suspend|resume|sessions\/end)"/);
      const own = await agency.get(`/console/customers/${ids.ownCustomer}`);
      assert.match(textOf(own.html), /P000000001/);
    });

    it("lists, counts and exports only the agency's own policies and news", async () => {
      const agency = await agencyStaff();
      for (const path of ['/console/expiries', '/console/expiries?month=2026-12', '/console/expiries?status=applied', '/console/expiries.csv', '/console/expiries.csv?month=2026-12']) {
        const page = await agency.get(path);
        assert.equal(page.status, 200, path);
        assert.doesNotMatch(page.html, /O00000000|青木|大野|あおば/, path);
      }
      const list = await agency.get('/console/expiries?month=2026-12');
      assert.match(textOf(list.html), /すべて 2件 未登録 0件 未手続 2件 手続中 0件 申込済 0件/, 'the counts are the agency\'s');
      const csv = (await agency.get('/console/expiries.csv?month=2026-12')).html.trim().split('\r\n');
      assert.deepEqual(csv.slice(1).map((line) => line.split(',')[0]), ['P000000001', 'P000000002']);
      const news = await agency.get('/console/news');
      assert.match(textOf(news.html), /みらいの営業時間/);
      assert.doesNotMatch(textOf(news.html), /あおばの移転/);
    });
  });
}
