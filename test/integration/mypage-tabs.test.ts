import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { fieldError, loggedIn, summaryOf } from '../support/integration.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';
import { policyRef } from '../../src/features/policies/policy-ref.js';
import { policyUrl } from '../support/policy-urls.js';

// Wednesday 2026-11-25 10:00 in Japan.
const BASE = new Date('2026-11-25T01:00:00Z');
const MISMATCH = 'ご入力いただいた情報では、追加できるご契約を確認できませんでした。';

const mainOf = (page: WebPage) => /<main id="main">(.*?)<\/main>/s.exec(page.html)?.[1] ?? '';

for (const kind of databaseKinds()) {
  describe(`契約内容の確認 and 契約中の保険を追加する on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let taroId: string;

    const ownerOf = async (policyNumber: string) =>
      (await t.deps.db.selectFrom('policies').select('customer_id').where('policy_number', '=', policyNumber).executeTakeFirstOrThrow()).customer_id;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      const { db } = t.deps;
      const now = BASE.toISOString();
      await db.insertInto('agencies').values({ code: 'D0002', name: 'あおば保険事務所', created_at: now, updated_at: now }).execute();
      await insertPolicy(db);
      await insertPolicy(db, { policy_number: 'C123456790', start_date: '2026-03-01', end_date: '2027-03-01', vehicle_model: 'N-BOX', vehicle_class: 'kei_car', vehicle_coverage: 'limited', vehicle_amount: 1300000, vehicle_deductible: '10-10', riders: null, payment_method: 'card', annual_premium: 61200, grade: 7 });
      await insertPolicy(db, { policy_number: 'C900000001', start_date: '2025-11-20', end_date: '2026-11-20', vehicle_model: 'カローラ' });
      await insertPolicy(db, { policy_number: 'C900000002', start_date: '2025-12-20', end_date: '2026-12-20', last_procedure_at: '2026-11-20T05:30:00.000Z' });
      await insertPolicy(db, { policy_number: 'C900000003', start_date: '2025-12-21', end_date: '2026-12-21', last_procedure_at: '2025-11-20T05:30:00.000Z' });
      // Same kana and birth date as 三住 太郎, another person (三角 太郎): never linkable to his account.
      await insertPolicy(db, { policy_number: 'C666000001', holder_family_name: '三角', vehicle_model: 'ジムニー' });
      await insertPolicy(db, { policy_number: 'C223344556', agency_code: 'D0002', holder_family_name: '青木', holder_given_name: '由美', holder_family_kana: 'アオキ', holder_given_kana: 'ユミ', birth_date: '1990-06-30', vehicle_model: 'フィット' });
      await insertPolicy(db, { policy_number: 'C334455667', holder_family_name: '中村', holder_given_name: '健', holder_family_kana: 'ナカムラ', holder_given_kana: 'ケン', birth_date: '1968-09-09', vehicle_model: 'ハイエース' });
      // 三住 太郎's policy that another account (an older registration) already holds.
      await insertPolicy(db, { policy_number: 'C777000001', vehicle_model: 'アクア' });
      taroId = (await insertCustomer(db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789', 'C900000001', 'C900000002', 'C900000003'] })).id;
      await insertCustomer(db, { userId: 'yumi@example.com', password: 'Yumi12345', familyName: '青木', givenName: '由美', familyKana: 'アオキ', givenKana: 'ユミ', birthDate: '1990-06-30', policies: ['C223344556'] });
      await insertCustomer(db, { userId: 'taro.old@example.com', password: 'Old12345', policies: ['C777000001'] });
    });
    after(async () => t.close());
    beforeEach(async () => {
      clock.set(BASE);
      await t.deps.db.deleteFrom('throttles').execute();
    });

    it('shows a policy’s details: holder, address, car, coverages with 免責金額, riders, grade, premium, agency, status', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const tab = await client.get('/mypage/policies');
      assert.ok(tab.html.includes(`<a class="button" href="${policyUrl(t, 'C123456789')}">契約内容の詳細</a>`));
      const page = await client.get(policyUrl(t, 'C123456789'));
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const text = textOf(mainOf(page));
      for (const shown of [
        '自動車保険 証券番号 C123456789 契約中',
        '証券番号 C123456789 種目 自動車保険 保険期間 2025年12月27日～2026年12月27日 取扱代理店 みらい保険サービス有限会社',
        '契約者氏名 三住 太郎 契約者氏名カナ ミツスミ タロウ 住所 〒100-0005 東京都千代田区丸の内1-1-1 電話番号 03-1234-5678',
        '車名 プリウス 登録番号 品川 300 さ 12-34 用途車種 自家用普通乗用車',
        '対人賠償 無制限 対物賠償 無制限 人身傷害 3,000万円 車両保険 一般型 車両保険金額 220万円 免責金額 1回目 5万円・2回目以降 10万円 特約 弁護士費用特約、ロードアシスタンス特約',
        '運転者年齢条件 35歳以上 運転者限定 家族限定 使用目的 日常・レジャー',
        'ノンフリート等級 14等級 事故有係数適用期間 0年 年間保険料 58,200円 払込方法 口座振替',
      ]) {
        assert.ok(text.includes(shown), `missing: ${shown}\nin: ${text}`);
      }
    });

    it('names the status: 継続手続済 with the date in this term’s window, 満期日経過 after 満期日, else 契約中', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const tab = await client.get('/mypage/policies');
      const card = (n: string) => textOf(new RegExp(`<section class="policy-card" aria-label="証券番号 ${n}">(.*?)</section>`, 's').exec(tab.html)?.[1] ?? '');
      assert.match(card('C123456789'), /証券番号 C123456789 契約中/);
      assert.match(card('C900000001'), /証券番号 C900000001 満期日経過/);
      assert.match(card('C900000002'), /証券番号 C900000002 継続手続済（2026年11月20日）/);
      assert.match(card('C900000003'), /証券番号 C900000003 契約中/, 'a procedure of an earlier term does not count');
      assert.match(textOf((await client.get(policyUrl(t, 'C900000002'))).html), /継続手続済（2026年11月20日）/);
      assert.match(textOf((await client.get(policyUrl(t, 'C900000001'))).html), /満期日経過/);
    });

    it('answers someone else’s policy, an unlinked one and an unknown number with the same 404 page', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const missing = await client.get('/mypage/policies/C000000000');
      assert.equal(missing.status, 404);
      assert.match(textOf(missing.html), /ご契約が見つかりません/);
      const others = ['C223344556', 'C334455667', 'C777000001'].map((n) => policyUrl(t, n));
      const odd = ['C223344556', 'C334455667', 'C777000001', 'c123456789', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', `C${'9'.repeat(60)}`, "'%20OR%20'1'='1"].map((n) => `/mypage/policies/${n}`);
      for (const url of [...others, ...odd, `/mypage/policies/${'0'.repeat(32)}`]) {
        const page = await client.get(url);
        assert.equal(page.status, 404, url);
        assert.equal(mainOf(page), mainOf(missing), url);
      }
      assert.equal((await client.get(`/mypage/policies/C${'9'.repeat(300)}`)).status, 404, 'longer than the router takes: its own 404');
      assert.equal((await client.get('/mypage/policies/add/complete?policy=C223344556')).status, 404);
      assert.equal((await client.get(`/mypage/policies/add/complete?policy=${policyRef(t.deps.secret, 'C223344556')}`)).status, 404);
    });

    it('never shows one customer’s policies to another', async () => {
      const yumi = await loggedIn(t, 'yumi@example.com', 'Yumi12345');
      for (const url of ['/mypage', '/mypage/policies', '/mypage/renewals', '/mypage/changes', '/mypage/other', policyUrl(t, 'C223344556')]) {
        const page = await yumi.get(url);
        assert.equal(page.status, 200, url);
        assert.doesNotMatch(page.html, /C123456789|プリウス|三住|C777000001/, url);
      }
      assert.match(textOf((await yumi.get(policyUrl(t, 'C223344556'))).html), /フィット/);
      assert.equal((await yumi.get(policyUrl(t, 'C123456789'))).status, 404);
    });

    it('refuses bad entries on 契約中の保険を追加する with a message per field, keeping what was typed, linking nothing', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      const form = await client.get('/mypage/policies/add');
      assert.equal(form.status, 200);
      for (const label of ['証券番号', 'セイ', 'メイ', '生年月日']) assert.match(form.html, new RegExp(`<label for="f-[a-z_]+">${label}</label>`), label);
      const cases: Array<[Record<string, string | string[]>, Record<string, RegExp>]> = [
        [{}, { policy_number: /証券番号を入力してください。/, family_kana: /セイを入力してください。/, given_kana: /メイを入力してください。/, birth_date: /生年月日を入力してください。/ }],
        [{ policy_number: ['C123456790', 'C123456789'], family_kana: ['ミツスミ', 'ミツスミ'], given_kana: 'タロウ', birth_date: '1975-01-01' }, { policy_number: /証券番号を入力してください。/, family_kana: /セイを入力してください。/ }],
        [{ policy_number: 'C'.repeat(41), family_kana: 'ア'.repeat(31), given_kana: 'タロウ', birth_date: '1975-01-01' }, { policy_number: /30文字以内/, family_kana: /30文字以内/ }],
        [{ policy_number: '<script>x', family_kana: '三住', given_kana: "' OR '1'='1", birth_date: '2026-11-26' }, { policy_number: /半角英数字/, family_kana: /カタカナまたはひらがな/, given_kana: /カタカナまたはひらがな/, birth_date: /未来の日付/ }],
        [{ policy_number: 'C123456790\r\n', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-02-30' }, { birth_date: /正しく入力/ }],
      ];
      for (const [fields, expected] of cases) {
        const page = await client.post('/mypage/policies/add', fields);
        assert.equal(page.status, 400, JSON.stringify(fields));
        assert.match(summaryOf(page), /入力内容に誤りがあります/);
        for (const [name, message] of Object.entries(expected)) assert.match(fieldError(page, name), message, `${name} of ${JSON.stringify(fields)}`);
        assert.doesNotMatch(page.html, /<script>x/);
      }
      const typed = await client.post('/mypage/policies/add', { policy_number: '<b>C1</b>', family_kana: 'みつすみ', given_kana: '', birth_date: '1975-01-01' });
      assert.match(typed.html, /value="&lt;b>C1&lt;\/b>"|value="&lt;b&gt;C1&lt;\/b&gt;"/);
      assert.match(typed.html, /value="みつすみ"/);
      assert.equal(await ownerOf('C123456790'), null);
    });

    it('gives one message for a wrong number, someone else’s policy, a namesake’s and one another account holds', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      await client.get('/mypage/policies/add');
      const attempts: Array<Record<string, string>> = [
        { policy_number: 'C000000000', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-01' },
        { policy_number: 'C334455667', family_kana: 'ナカムラ', given_kana: 'ケン', birth_date: '1968-09-09' },
        { policy_number: 'C666000001', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-01' },
        { policy_number: 'C777000001', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-01' },
        { policy_number: 'C123456790', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-02' },
      ];
      const messages = new Set<string>();
      for (const fields of attempts) {
        const page = await client.post('/mypage/policies/add', fields);
        assert.equal(page.status, 400, fields.policy_number);
        messages.add(summaryOf(page));
        await t.deps.db.deleteFrom('throttles').execute();
      }
      assert.equal(messages.size, 1);
      assert.match([...messages][0] ?? '', new RegExp(MISMATCH));
      assert.equal(await ownerOf('C334455667'), null);
      assert.equal(await ownerOf('C666000001'), null);
      assert.notEqual(await ownerOf('C777000001'), taroId);
      const failures = await t.deps.db.selectFrom('audit_events').select('detail').where('kind', '=', 'policy_link_failed').where('customer_id', '=', taroId).execute();
      assert.deepEqual(failures.map((f) => JSON.parse(f.detail).reason).sort(), ['holder_mismatch', 'linked_elsewhere', 'other_person', 'other_person', 'unknown_number']);
    });

    it('adds the customer’s own policy (kana in hiragana, number in full width) and lists it; a second time says it is shown', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      await client.get('/mypage/policies/add');
      const answer = await client.post('/mypage/policies/add', { policy_number: 'ｃ１２３４５６７９０', family_kana: 'みつすみ', given_kana: 'ﾀﾛｳ', birth_date: '1975-01-01' });
      assert.equal(answer.status, 303);
      assert.equal(answer.location, `/mypage/policies/add/complete?policy=${policyRef(t.deps.secret, 'C123456790')}`, 'the reference, not the number');
      const done = await client.get(answer.location!);
      assert.equal(done.status, 200);
      assert.match(textOf(done.html), /ご契約を追加しました。 証券番号 C123456790 種目 自動車保険 保険期間 2026年3月1日～2027年3月1日 車名 N-BOX/);
      assert.equal(await ownerOf('C123456790'), taroId);
      assert.match(textOf((await client.get('/mypage/policies')).html), /証券番号 C123456790 契約中/);
      assert.match((await client.get('/mypage/renewals')).html, /C123456790/);
      const details = textOf((await client.get(policyUrl(t, 'C123456790'))).html);
      assert.match(details, /用途車種 自家用軽四輪乗用車/);
      assert.match(details, /車両保険 エコノミー型 車両保険金額 130万円 免責金額 1回目 10万円・2回目以降 10万円 特約 なし/);
      const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'policy_linked').executeTakeFirstOrThrow();
      assert.equal(audit.customer_id, taroId);
      assert.deepEqual(JSON.parse(audit.detail), { policyNumber: 'C123456790' });

      await client.get('/mypage/policies/add');
      const again = await client.post('/mypage/policies/add', { policy_number: 'C123456790', family_kana: 'ミツスミ', given_kana: 'タロウ', birth_date: '1975-01-01' });
      assert.equal(again.status, 400);
      assert.match(summaryOf(again), /このご契約は既に表示されています。/);
    });

    it('locks adding after five wrong entries, for the account, even with right ones then', async () => {
      const client = await loggedIn(t, 'yumi@example.com', 'Yumi12345');
      await client.get('/mypage/policies/add');
      for (let i = 0; i < 5; i += 1) {
        const page = await client.post('/mypage/policies/add', { policy_number: `C00000000${i}`, family_kana: 'アオキ', given_kana: 'ユミ', birth_date: '1990-06-30' });
        assert.equal(page.status, 400);
      }
      await insertPolicy(t.deps.db, { policy_number: 'C223344599', holder_family_name: '青木', holder_given_name: '由美', holder_family_kana: 'アオキ', holder_given_kana: 'ユミ', birth_date: '1990-06-30' });
      const locked = await client.post('/mypage/policies/add', { policy_number: 'C223344599', family_kana: 'アオキ', given_kana: 'ユミ', birth_date: '1990-06-30' });
      assert.equal(locked.status, 429);
      assert.match(summaryOf(locked), /入力誤りが続いたため、現在お手続きいただけません。/);
      assert.equal(await ownerOf('C223344599'), null);
      clock.advance(31 * 60_000);
      const later = await loggedIn(t, 'yumi@example.com', 'Yumi12345');
      await later.get('/mypage/policies/add');
      assert.equal((await later.post('/mypage/policies/add', { policy_number: 'C223344599', family_kana: 'アオキ', given_kana: 'ユミ', birth_date: '1990-06-30' })).status, 303);
    });

    it('links the add page from 契約内容の確認 and 契約の継続手続, and needs a session', async () => {
      const client = await loggedIn(t, 'abc@example.com', 'Abc12345');
      for (const url of ['/mypage/policies', '/mypage/renewals']) assert.match((await client.get(url)).html, /<a href="\/mypage\/policies\/add">＋ 契約中の保険を追加する<\/a>/, url);
      const anonymous = new WebClient(t.baseUrl);
      for (const url of ['/mypage/policies/add', '/mypage/policies/C123456789']) {
        const page = await anonymous.get(url);
        assert.equal(page.status, 303, url);
        assert.equal(page.location, `/login?next=${encodeURIComponent(url)}`);
      }
    });
  });
}
