import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { WebClient, textOf, withoutReturnPath } from '../support/web-client.js';
import { renewalUrl } from '../support/policy-urls.js';

// Wednesday 2026-11-25 10:00 in Japan: "today" for the renewal windows is 2026-11-25.
const BASE = new Date('2026-11-25T01:00:00Z');
const TABS = ['/mypage', '/mypage/policies', '/mypage/changes', '/mypage/renewals', '/mypage/other'];

async function loggedIn(t: TestApp, userId: string, password: string): Promise<WebClient> {
  const client = new WebClient(t.baseUrl);
  await client.get('/login');
  const answer = await client.post('/login', { userId, password });
  assert.equal(answer.status, 303);
  return client;
}

/** The table rows of the renewals tab, by policy number. */
function renewalRows(html: string): Map<string, string> {
  const body = /<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? '';
  const rows = body.split('<tr>').slice(1);
  return new Map(rows.map((row) => [/<td data-label="証券番号">([^<]*)<\/td>/.exec(row)?.[1] ?? '?', row]));
}

for (const kind of databaseKinds()) {
  describe(`home (mypage) on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      const { db } = t.deps;
      const now = BASE.toISOString();
      await db.insertInto('agencies').values({ code: 'D0002', name: 'あおば保険事務所', created_at: now, updated_at: now }).execute();
      await insertPolicy(db, { last_procedure_at: '2026-11-20T05:30:00.000Z' });
      await insertPolicy(db, { policy_number: 'C123456790', start_date: '2026-03-01', end_date: '2027-03-01', vehicle_model: 'N-BOX', payment_method: 'card', annual_premium: 61200, grade: 7 });
      // Boundaries against today (2026-11-25): 満期日 today, last day, first day, a day before the window.
      await insertPolicy(db, { policy_number: 'C900000001', start_date: '2025-11-25', end_date: '2026-11-25' });
      await insertPolicy(db, { policy_number: 'C900000002', start_date: '2025-11-26', end_date: '2026-11-26' });
      await insertPolicy(db, { policy_number: 'C900000003', start_date: '2026-01-25', end_date: '2027-01-25' });
      await insertPolicy(db, { policy_number: 'C900000004', start_date: '2026-01-26', end_date: '2027-01-26' });
      await insertPolicy(db, { policy_number: 'C223344556', agency_code: 'D0002', holder_family_name: '青木', holder_given_name: '由美', end_date: '2026-12-10', vehicle_model: 'フィット' });
      await insertPolicy(db, { policy_number: 'C334455667', holder_family_name: '中村', holder_given_name: '健', vehicle_model: 'ハイエース' });
      await insertCustomer(db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789', 'C123456790', 'C900000001', 'C900000002', 'C900000003', 'C900000004'] });
      await insertCustomer(db, { userId: 'yumi@example.com', password: 'Yumi12345', familyName: '青木', givenName: '由美', policies: ['C223344556'] });
      await insertCustomer(db, { userId: 'new@example.com', password: 'New123456', familyName: '新井', givenName: '花子' });
    });
    after(async () => t.close());
    beforeEach(() => clock.set(BASE));

    it('greets the customer by name with 前回ログイン日時, then shows the first login’s time on the next visit', async () => {
      const first = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const home = await first.get('/mypage');
      assert.equal(home.status, 200);
      assert.equal(home.headers.get('cache-control'), 'no-store');
      assert.match(home.html, /<h1>三住 太郎 様<\/h1>/);
      assert.match(textOf(home.html), /前回ログイン日時 初めてのログインです/);
      clock.advance(3 * 3_600_000 + 5 * 60_000);
      const second = await loggedIn(t, 'abc@example.com', 'Abc12345');
      assert.match(textOf((await second.get('/mypage')).html), /前回ログイン日時 2026年11月25日 10時00分/);
    });

    it('shows the five tabs on every home page, marking the current one', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const labels = ['ホーム', '契約内容の確認', '各種変更の手続き', '契約の継続手続', 'その他の手続'];
      for (const [i, url] of TABS.entries()) {
        const page = await client.get(url);
        assert.equal(page.status, 200, url);
        assert.equal(page.headers.get('cache-control'), 'no-store', url);
        for (const [j, label] of labels.entries()) {
          const current = i === j ? ' aria-current="page"' : '';
          assert.ok(page.html.includes(`<a href="${TABS[j]}"${current}>${label}</a>`), `${url}: ${label}`);
        }
      }
    });

    it('lists the customer’s own policies on ホーム with 満期日 and points to 契約の継続手続', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const text = textOf((await client.get('/mypage')).html);
      assert.match(text, /お客さまWebサービスへようこそ。/);
      assert.match(text, /継続手続の受付期間中のご契約が3件あります。/);
      assert.match(text, /自動車保険（プリウス） 証券番号 C123456789 満期日 2026年12月27日 継続手続受付中/);
      assert.match(text, /自動車保険（N-BOX） 証券番号 C123456790 満期日 2027年3月1日/);
      assert.doesNotMatch(text, /C223344556|C334455667|フィット|ハイエース/);
    });

    it('契約の継続手続 lists only own policies, with the button only inside the window', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const page = await client.get('/mypage/renewals');
      const text = textOf(page.html);
      assert.match(text, /継続手続を行うご契約の「継続手続」ボタンを押してください。手続画面へ進みます。/);
      assert.match(text, /契約中の保険が表示されていない方 ＋ 契約中の保険を追加する/);
      assert.match(page.html, /<a href="\/mypage\/policies\/add">＋ 契約中の保険を追加する<\/a>/);
      assert.match(page.html, /<th scope="col">証券番号<\/th><th scope="col">始期日<\/th><th scope="col">満期日<\/th><th scope="col">取扱代理店<\/th><th scope="col">最終手続日時<\/th>/);
      const rows = renewalRows(page.html);
      assert.deepEqual([...rows.keys()].sort(), ['C123456789', 'C123456790', 'C900000001', 'C900000002', 'C900000003', 'C900000004']);
      assert.equal(
        textOf(rows.get('C123456789')!),
        'C123456789 2025年12月27日 2026年12月27日 みらい保険サービス有限会社 2026年11月20日 14時30分 継続手続',
      );
      assert.match(rows.get('C123456790')!, /<td data-label="最終手続日時">-<\/td>/);
      const button = (n: string) => rows.get(n)!.includes(`<a class="button primary" href="${renewalUrl(t, n)}">継続手続</a>`);
      assert.deepEqual(
        ['C123456789', 'C900000002', 'C900000003', 'C123456790', 'C900000001', 'C900000004'].map(button),
        [true, true, true, false, false, false],
      );
      assert.match(textOf(rows.get('C900000004')!), /2026年11月26日から受付/);
      assert.match(textOf(rows.get('C900000001')!), /受付期間外/);
      assert.doesNotMatch(page.html, /C223344556|C334455667/);
    });

    it('moves the button with the Japan date: the window opens at midnight in Japan, not UTC', async () => {
      clock.set(new Date('2026-11-25T14:59:59Z')); // 23:59:59 on the 25th in Japan
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      assert.doesNotMatch(renewalRows((await client.get('/mypage/renewals')).html).get('C900000004')!, /継続手続<\/a>/);
      clock.set(new Date('2026-11-25T15:00:00Z')); // 0:00 on the 26th in Japan
      assert.match(renewalRows((await client.get('/mypage/renewals')).html).get('C900000004')!, /継続手続<\/a>/);
      assert.doesNotMatch(renewalRows((await client.get('/mypage/renewals')).html).get('C900000002')!, /継続手続<\/a>/, '満期日 itself is outside');
    });

    it('another customer sees only their own policy', async () => {
      const client = await loggedIn(t, 'yumi@example.com', 'Yumi12345');
      const page = await client.get('/mypage/renewals');
      assert.match(page.html, /<h1>青木 由美 様<\/h1>/);
      assert.deepEqual([...renewalRows(page.html).keys()], ['C223344556']);
      assert.match(textOf(page.html), /あおば保険事務所/);
      for (const url of TABS) assert.doesNotMatch((await client.get(url)).html, /C123456789|プリウス|C334455667/, url);
    });

    it('契約内容の確認 shows each own policy’s main details', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const page = await client.get('/mypage/policies');
      const section = /<section class="policy-card" aria-label="証券番号 C123456789">(.*?)<\/section>/s.exec(page.html)?.[1] ?? '';
      assert.equal(
        textOf(section),
        '自動車保険 証券番号 C123456789 継続手続済（2026年11月20日） 保険期間 2025年12月27日～2026年12月27日 車名 プリウス 登録番号 品川 300 さ 12-34 ノンフリート等級 14等級 年間保険料 58,200円 払込方法 口座振替 取扱代理店 みらい保険サービス有限会社 契約内容の詳細',
      );
      assert.match(textOf(page.html), /車名 N-BOX .* ノンフリート等級 7等級 年間保険料 61,200円 払込方法 クレジットカード払/);
      assert.doesNotMatch(page.html, /C223344556|フィット/);
    });

    it('各種変更の手続き and その他の手続 say how, with the customer’s agencies and the desk', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      for (const url of ['/mypage/changes', '/mypage/other']) {
        const page = await client.get(url);
        const text = textOf(page.html);
        assert.match(text, /ご契約の取扱代理店またはみらい損保 インターネットデスク（0120-000-000、受付時間は下記のとおり）で承ります。/, url);
        assert.match(page.html, /<a href="\/agency\/D0001">みらい保険サービス有限会社<\/a>/, url);
        assert.doesNotMatch(page.html, /あおば保険事務所/, url);
      }
      assert.match(textOf((await client.get('/mypage/changes')).html), /ご住所・お電話番号の変更/);
      assert.match(textOf((await client.get('/mypage/other')).html), /事故・故障のご連絡/);
    });

    it('a customer without linked policies is told so and how to add one', async () => {
      const client = await loggedIn(t, 'new@example.com', 'New123456');
      for (const url of ['/mypage', '/mypage/renewals', '/mypage/policies']) {
        const text = textOf((await client.get(url)).html);
        assert.match(text, /現在、お客さまWebサービスに表示できるご契約はありません。/, url);
        assert.match(text, /契約中の保険が表示されていない方/, url);
      }
    });

    it('/renewal/<reference> opens 自動車保険の継続手続 (STEP 1) for an own policy inside its window', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const page = await client.get(renewalUrl(t, 'C123456789'));
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const text = textOf(page.html);
      assert.match(page.html, /<h1>自動車保険の継続手続<\/h1>/);
      assert.match(text, /証券番号 C123456789 .* STEP 1 ご契約内容の確認/);
      assert.match(text, /車名 プリウス .* 年間保険料 58,200円 払込方法 口座振替 取扱代理店 みらい保険サービス有限会社/);
    });

    it('/renewal/<reference> explains when an own policy is outside its window', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const before = await client.get(renewalUrl(t, 'C123456790'));
      assert.equal(before.status, 200);
      assert.match(textOf(before.html), /まだ受付期間前です。受付期間は2027年1月1日から2027年2月28日までです。/);
      assert.doesNotMatch(before.html, /お手続きは取扱代理店または/);
      const ended = await client.get(renewalUrl(t, 'C900000001'));
      assert.match(textOf(ended.html), /継続手続の受付期間（満期日 2026年11月25日 の前日まで）を過ぎています。/);
    });

    it('/renewal/<reference> answers someone else’s policy exactly like one that does not exist', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const others = await client.get(renewalUrl(t, 'C223344556'));
      const unlinked = await client.get(renewalUrl(t, 'C334455667'));
      const missing = await client.get('/renewal/C000000000');
      assert.equal(others.status, 404);
      assert.equal(unlinked.status, 404);
      assert.equal(missing.status, 404);
      assert.equal(withoutReturnPath(others.html), withoutReturnPath(missing.html));
      assert.equal(withoutReturnPath(unlinked.html), withoutReturnPath(missing.html));
      assert.match(textOf(missing.html), /ご契約が見つかりません/);
      assert.doesNotMatch(others.html, /青木|フィット|あおば/);
      for (const odd of ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', `C${'9'.repeat(500)}`, "'%20OR%20'1'='1", '%E2%80%AE%0D%0A']) {
        const page = await client.get(`/renewal/${odd}`);
        assert.equal(page.status, 404, odd);
        assert.doesNotMatch(page.html, /<script>alert/);
      }
    });

    it('every personal page leads to login without a session, and back afterwards', async () => {
      const client = new WebClient(t.baseUrl);
      const renewal = renewalUrl(t, 'C123456789');
      for (const url of [...TABS, renewal]) {
        const page = await client.get(url);
        assert.equal(page.status, 303, url);
        assert.equal(page.location, `/login?next=${encodeURIComponent(url)}`, url);
        assert.doesNotMatch(page.html, /三住|C123456789<\/td>/, url);
      }
      await client.get(`/login?next=${encodeURIComponent(renewal)}`);
      const back = await client.post('/login', { userId: 'abc@example.com', password: 'Abc12345', next: renewal });
      assert.equal(back.location, renewal);
      assert.equal((await client.get(back.location!)).status, 200);
    });
  });
}
