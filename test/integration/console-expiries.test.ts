import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/crypto.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { codeAt, staffLogin } from '../support/staff.js';
import { WebClient, textOf } from '../support/web-client.js';
import { BASE, YOUNG, loggedIn, place, revisionOf, seedRenewal, walkToReview } from './renewal-support.js';

// 満期管理 on both dialects: every status worked out from the real renewal flow and application,
// the counts, the filters, the reminders of this term only, the CSV's bytes and the audit.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Agency-2026';

const rowsOf = (html: string): string[] => [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => textOf(m[1]!)).filter((r) => !r.startsWith('証券番号'));
const countsOf = (html: string): string => textOf(/<nav aria-label="状況ごとの件数" class="status-counts">(.*?)<\/nav>/s.exec(html)?.[1] ?? '');

/** The response's bytes as sent (Response#text would drop the BOM). */
async function download(client: WebClient, path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${client.baseUrl}${path}`, { redirect: 'manual', headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

for (const kind of databaseKinds()) {
  describe(`満期管理 on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    const staffIds = new Map<string, string>();

    async function staff(login: string): Promise<WebClient> {
      clock.advance(30_000);
      const client = new WebClient(t.baseUrl);
      const answer = await staffLogin(client, login, PASSWORD, codeAt(SECRET, clock.now()));
      assert.equal(answer.status, 303, textOf(answer.html));
      return client;
    }

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      const db = t.deps.db;
      await seedRenewal(t.deps);
      await insertPolicy(db, { policy_number: 'C700000001', holder_family_name: '北村', holder_given_name: '葵', end_date: '2026-11-10', start_date: '2025-11-10' });
      await insertPolicy(db, { policy_number: 'C700000002', holder_family_name: '南', holder_given_name: '大地', end_date: '2026-12-05', start_date: '2025-12-05', status: 'cancelled' });
      await db.updateTable('policies').set({ last_procedure_at: '2026-11-20T06:30:00.000Z' }).where('policy_number', '=', 'C334455667').execute();
      const customer = (await db.selectFrom('policies').select('customer_id').where('policy_number', '=', 'C123456789').executeTakeFirstOrThrow()).customer_id!;
      const reminder = (end_date: string, offset_days: number, sent_at: string) => ({ id: newId(), policy_number: 'C123456789', end_date, offset_days, customer_id: customer, sent_at, outbox_id: null });
      await db.insertInto('renewal_reminders').values([reminder('2026-12-27', 60, '2026-10-28T00:05:00.000Z'), reminder('2026-12-27', 30, '2026-11-24T23:30:00.000Z'), reminder('2025-12-27', 7, '2025-12-20T00:00:00.000Z')]).execute();
      await upsertReadyStaff(db, t.deps.secret, clock.now(), [
        { login: 'agency.one', name: '代理 一子', role: 'agency', agencyCode: 'D0001', password: PASSWORD, totpSecret: SECRET },
        { login: 'desk.one', name: '窓口 二郎', role: 'desk', agencyCode: null, password: PASSWORD, totpSecret: SECRET },
      ]);
      for (const row of await db.selectFrom('staff_accounts').select(['id', 'login']).execute()) staffIds.set(row.login, row.id);
      // 三住 太郎 is half-way through C123456789's renewal; 若井 翔 applied for C555000001.
      await walkToReview(await loggedIn(t));
      const young = await loggedIn(t, YOUNG);
      await walkToReview(young, { policy: 'C555000001' });
      const review = await young.get(place('/review', 'C555000001'));
      assert.equal((await young.post(place('/review', 'C555000001'), { revision: revisionOf(review) })).status, 303);
    });
    after(async () => t.close());

    it("lists this month's and next month's terms of the agency with their status, 最終手続日時 and this term's reminders", async () => {
      const agency = await staff('agency.one');
      const page = await agency.get('/console/expiries');
      assert.equal(page.status, 200, textOf(page.html));
      assert.match(textOf(page.html), /みらい保険サービス有限会社（D0001） 2026年11月・2026年12月満期のご契約/);
      assert.deepEqual(rowsOf(page.html), [
        'C700000001 北村 葵 2026年11月10日 満期経過 - -',
        'C900000001 三住 太郎 2026年11月25日 未手続 - -',
        'C700000002 南 大地 2026年12月5日 解約 - -',
        'C555000001 若井 翔 2026年12月20日 申込済 2026年11月25日 10時00分 -',
        'C900000002 三住 太郎 2026年12月20日 未手続 - -',
        'C123456789 三住 太郎 2026年12月27日 手続中 - 60日前（2026年10月28日）、30日前（2026年11月25日）',
        'C334455667 中村 健 2026年12月27日 未登録 2026年11月20日 15時30分 -',
      ]);
      assert.equal(countsOf(page.html), 'すべて 7件 未登録 1件 未手続 2件 手続中 1件 申込済 1件 満期経過 1件 解約 1件');
      assert.doesNotMatch(page.html, /C223344556|青木/, "another agency's policy is not listed");
      const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'console_expiries_viewed').orderBy('at', 'desc').executeTakeFirstOrThrow();
      assert.equal(audit.actor_id, staffIds.get('agency.one'));
      assert.deepEqual([audit.subject_kind, audit.subject_id], ['agency', 'D0001']);
      assert.deepEqual(JSON.parse(audit.detail), { from: '2026-11-01', until: '2027-01-01', status: null, shown: 7 });
    });

    it('filters by status with the counts of the whole month, and shows a chosen month', async () => {
      const agency = await staff('agency.one');
      const open = await agency.get('/console/expiries?status=not_started');
      assert.deepEqual(rowsOf(open.html), ['C900000001 三住 太郎 2026年11月25日 未手続 - -', 'C900000002 三住 太郎 2026年12月20日 未手続 - -']);
      assert.equal(countsOf(open.html), 'すべて 7件 未登録 1件 未手続 2件 手続中 1件 申込済 1件 満期経過 1件 解約 1件');
      assert.match(open.html, /href="\/console\/expiries.csv\?status=not_started"/);
      const march = await agency.get('/console/expiries?month=2027-03');
      assert.deepEqual(rowsOf(march.html), ['C123456790 三住 太郎 2027年3月1日 未手続 - -']);
      assert.equal(countsOf(march.html), 'すべて 1件 未登録 0件 未手続 1件 手続中 0件 申込済 0件 満期経過 0件 解約 0件');
      const none = await agency.get('/console/expiries?month=2027-03&status=applied');
      assert.match(textOf(none.html), /「申込済」のご契約はありません。/);
    });

    it('says what is wrong with a month or status next to its field, and answers 404 for another agency', async () => {
      const agency = await staff('agency.one');
      const bad = await agency.get('/console/expiries?month=2026-13&status=done');
      assert.equal(bad.status, 400);
      assert.match(textOf(bad.html), /満期月を一覧から選択してください。/);
      assert.match(bad.html, /id="f-status-error"[^>]*>状況を一覧から選択してください。/);
      for (const path of ['/console/expiries?agency=D0002', '/console/expiries.csv?agency=D0002', '/console/expiries?agency=NOPE']) {
        assert.equal((await agency.get(path)).status, 404, path);
      }
      assert.equal((await agency.get('/console/expiries?agency=D0001')).status, 200, 'its own code may be named');
    });

    it('downloads the same columns as a CSV Excel opens: BOM, CRLF, Japanese header, a file name with agency and month', async () => {
      const agency = await staff('agency.one');
      const csv = await download(agency, '/console/expiries.csv?month=2026-12');
      assert.equal(csv.status, 200);
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(csv.headers.get('content-disposition'), `attachment; filename="_____D0001_2026-12.csv"; filename*=UTF-8''${encodeURIComponent('満期管理_D0001_2026-12.csv')}`);
      assert.equal(csv.headers.get('cache-control'), 'no-store');
      assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(
        csv.bytes.subarray(3).toString('utf8'),
        [
          '証券番号,契約者,満期日,状況,最終手続日時,満期案内',
          'C700000002,南 大地,2026-12-05,解約,,',
          'C555000001,若井 翔,2026-12-20,申込済,2026-11-25 10:00,',
          'C900000002,三住 太郎,2026-12-20,未手続,,',
          'C123456789,三住 太郎,2026-12-27,手続中,,60日前（2026-10-28）、30日前（2026-11-25）',
          'C334455667,中村 健,2026-12-27,未登録,2026-11-20 15:30,',
          '',
        ].join('\r\n'),
      );
      const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'console_expiries_exported').executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.detail), { from: '2026-12-01', until: '2027-01-01', status: null, rows: 5 });
      const filtered = await download(agency, '/console/expiries.csv?status=unregistered');
      assert.equal(filtered.bytes.subarray(3).toString('utf8'), '証券番号,契約者,満期日,状況,最終手続日時,満期案内\r\nC334455667,中村 健,2026-12-27,未登録,2026-11-20 15:30,\r\n');
      assert.match(filtered.headers.get('content-disposition') ?? '', /%E6%BA%80%E6%9C%9F%E7%AE%A1%E7%90%86_D0001_2026-11_2026-12\.csv$/);
    });

    it('lets the desk choose an agency, and names one that does not exist next to the field', async () => {
      const desk = await staff('desk.one');
      const first = await desk.get('/console/expiries');
      assert.equal(first.status, 200);
      assert.match(textOf(first.html), /（D0001）/);
      const other = await desk.get('/console/expiries?agency=D0002');
      assert.deepEqual(rowsOf(other.html), ['C223344556 青木 由美 2026年12月10日 未手続 - -']);
      assert.match(other.html, /href="\/console\/expiries.csv\?agency=D0002"/);
      const unknown = await desk.get('/console/expiries?agency=D9999');
      assert.equal(unknown.status, 400);
      assert.match(unknown.html, /id="f-agency-error"[^>]*>代理店を一覧から選択してください。/);
    });
  });
}
