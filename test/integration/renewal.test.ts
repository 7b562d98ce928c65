import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { textOf, withoutReturnPath, type WebClient } from '../support/web-client.js';
import { ALL_CONFIRMED, BASE, POLICY, USER, applicationCount, loggedIn, place, renewalFlows, revisionOf, seedRenewal, walkToReview, YUMI } from './renewal-support.js';

/** The text of a PDF as poppler's pdftotext reads it (a standard viewer's text layer). */
function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-pdf-'));
  try {
    const file = join(dir, 'a.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What poppler's pdfinfo says of a PDF (Pages, Tagged, …) as a map. */
function pdfInfo(bytes: Buffer): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-pdf-'));
  try {
    const file = join(dir, 'a.pdf');
    writeFileSync(file, bytes);
    const lines = execFileSync('pdfinfo', [file], { encoding: 'utf8' }).split('\n');
    return new Map(lines.map((line) => line.split(/:\s+/, 2) as [string, string]).filter(([key]) => key));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function download(client: WebClient, path: string): Promise<Response> {
  return fetch(`${client.baseUrl}${path}`, { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, redirect: 'manual' });
}

for (const kind of databaseKinds()) {
  describe(`renewal (継続手続) on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      await seedRenewal(t.deps);
    });
    after(async () => t.close());
    beforeEach(async () => {
      clock.set(BASE);
      const { db } = t.deps;
      await db.deleteFrom('renewal_applications').execute();
      await db.deleteFrom('flows').where('kind', '=', 'renewal').execute();
      await db.updateTable('policies').set({ last_procedure_at: null }).execute();
    });

    it('walks steps 1–7 with 前年同等: the application, 最終手続日時, the audit event, the mail and the PDF', async () => {
      const client = await loggedIn(t);
      const contract = await client.get(place(''));
      assert.equal(contract.status, 200);
      assert.equal(contract.headers.get('cache-control'), 'no-store');
      const text = textOf(contract.html);
      assert.match(contract.html, /<h1>自動車保険の継続手続<\/h1>/);
      assert.match(text, /STEP 1 ご契約内容の確認/);
      assert.match(text, /氏名 三住 太郎 様 ご住所 〒100-0005 東京都千代田区丸の内1-1-1/);
      assert.match(text, /車名 プリウス 登録番号 品川 300 さ 12-34 用途車種 自家用普通乗用車/);
      assert.match(text, /対人賠償 無制限 対物賠償 無制限 人身傷害 3,000万円 車両保険 一般型 220万円（免責金額 1回目 5万円・2回目以降 10万円） 特約 弁護士費用特約、ロードアシスタンス特約/);
      assert.match(text, /ノンフリート等級 14等級 事故有係数適用期間 0年 年間保険料 58,200円 払込方法 口座振替 取扱代理店 みらい保険サービス有限会社/);
      assert.doesNotMatch(contract.html, /type="radio"[^>]*checked/, 'no answer is pre-selected');

      await walkToReview(client);
      const review = await client.get(place('/review'));
      const reviewText = textOf(review.html);
      assert.match(reviewText, /STEP 6 お申込内容の確認/);
      assert.match(reviewText, /プラン 前年同等プラン 保険期間 2026年12月27日～2027年12月27日/);
      assert.match(reviewText, /年間保険料 54,850円 ノンフリート等級 15等級 事故有係数適用期間 0年/);
      assert.match(reviewText, /お支払方法 口座振替（現在のまま） お支払回数 年払（一括払）/);
      assert.equal((review.html.match(/>変更する<span class="visually-hidden">/g) ?? []).length, 5);

      const applied = await client.post(place('/review'), { revision: revisionOf(review) });
      assert.equal(applied.status, 303);
      assert.equal(applied.location, place('/complete'));
      const complete = await client.get(place('/complete'));
      const number = /受付番号 (R20261125-[0-9A-HJKMNP-TV-Z]{8})/.exec(textOf(complete.html))?.[1];
      assert.ok(number, textOf(complete.html));
      assert.match(textOf(complete.html), /継続手続のお申込みを受け付けました。/);

      const { db } = t.deps;
      const row = await db.selectFrom('renewal_applications').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.reception_number, number);
      assert.equal(row.policy_number, POLICY);
      assert.equal(row.current_end_date, '2026-12-27');
      assert.equal(row.new_start_date, '2026-12-27');
      assert.equal(row.new_end_date, '2027-12-27');
      assert.equal(row.plan, 'same');
      assert.equal(row.annual_premium, 54850);
      assert.equal(row.total_payable, 54850);
      assert.equal(row.monthly_premium, null);
      assert.equal(row.next_grade, 15);
      assert.equal(row.next_accident_coefficient_years, 0);
      assert.equal(row.payment_method, 'bank');
      assert.equal(row.payment_method_changed, 0);
      assert.equal(row.payment_frequency, 'annual');
      assert.deepEqual(JSON.parse(row.coverage), {
        ageCondition: '35', driverScope: 'family', usePurpose: 'leisure', bodilyInjury: 'unlimited', propertyDamage: 'unlimited', personalInjury: 30000000,
        vehicleCoverage: 'general', vehicleAmount: 2200000, vehicleDeductible: '5-10', riders: ['lawyer', 'road_assistance'],
      });
      const confirmations = JSON.parse(row.confirmations) as Array<{ key: string; text: string; at: string }>;
      assert.deepEqual(confirmations.map((c) => c.key), ['coverage', 'drivers', 'use', 'matters']);
      assert.ok(confirmations.every((c) => c.at === BASE.toISOString() && c.text.length > 10));
      assert.equal((JSON.parse(row.quote_breakdown) as unknown[]).length > 5, true);
      const policy = await db.selectFrom('policies').select('last_procedure_at').where('policy_number', '=', POLICY).executeTakeFirstOrThrow();
      assert.equal(policy.last_procedure_at, BASE.toISOString());
      const audit = await db.selectFrom('audit_events').select('detail').where('kind', '=', 'renewal_applied').execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]!.detail, new RegExp(number));

      const mail = await t.mail.waitFor(USER.userId, (m) => m.text.includes(number));
      assert.equal(mail.subject, '【みらい損保】自動車保険 継続手続のお申込みを受け付けました');
      assert.match(mail.text, new RegExp(`受付番号:${number}`));
      assert.match(mail.text, /証券番号:\*\*\*\*\*\*6789/);
      assert.match(mail.text, /継続後の保険期間:2026年12月27日～2027年12月27日/);
      assert.doesNotMatch(mail.text, /C123456789|三住|太郎|1975|丸の内|54,850|プリウス|品川/, 'no more personal data than needed');

      const renewals = textOf((await client.get('/mypage/renewals')).html);
      assert.match(renewals, /C123456789 2025年12月27日 2026年12月27日 みらい保険サービス有限会社 2026年11月25日 10時00分 継続手続受付済/);
      assert.ok(!(await client.get('/mypage/renewals')).html.includes(`href="${place('')}">継続手続`));

      const pdf = await download(client, place('/application.pdf'));
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.headers.get('cache-control'), 'no-store');
      assert.match(pdf.headers.get('content-disposition') ?? '', new RegExp(`attachment; filename="renewal-${number}.pdf"`));
      const bytes = Buffer.from(await pdf.arrayBuffer());
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      assert.ok(bytes.length < 400_000, `the font is subset (${bytes.length} bytes)`);
      const pdfContent = pdfText(bytes);
      assert.match(pdfContent, /申込内容確認書/);
      assert.ok(pdfContent.includes(number), pdfContent);
      assert.match(pdfContent, /54,850円/);
      assert.match(pdfContent, /三住 太郎 様/);
      const info = pdfInfo(bytes);
      assert.equal(info.get('Pages'), '1', 'the whole application on one page');
      assert.equal(info.get('Tagged'), 'yes', 'a tagged PDF: screen readers read its structure');
      assert.equal(info.get('Title'), '申込内容確認書');
    });

    it('steps are reached only in order; a POST for a step the flow has left gets a 303 to where it is', async () => {
      const client = await loggedIn(t);
      await client.get(place(''));
      for (const step of ['/plans', '/premium', '/important-matters', '/payment', '/review']) {
        const page = await client.get(place(step));
        assert.equal(page.status, 303, step);
        assert.equal(page.location, place(''), step);
      }
      assert.equal((await client.post(place('/premium'), {})).location, place(''));
      assert.equal((await renewalFlows(t.deps.db)).length, 0, 'no flow before step 1 is answered');

      const first = await client.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      const again = await client.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      assert.equal(first.location, place('/plans'));
      assert.equal(again.location, place('/plans'), 'a double submit lands on the same step');
      assert.equal((await renewalFlows(t.deps.db)).length, 1);
      assert.equal((await client.get(place('/review'))).location, place('/plans'));
      assert.equal((await client.post(place('/payment'), { payment_method: 'keep', payment_frequency: 'annual' })).location, place('/plans'));

      assert.equal((await client.post(place('/plans'), { plan: 'same' })).location, place('/premium'));
      assert.equal((await client.post(place('/plans'), { plan: 'same' })).location, place('/premium'), 'double submit');
      const flows = await renewalFlows(t.deps.db);
      assert.equal(flows.length, 1);
      assert.equal(flows[0]!.state, 'premium');
    });

    it('back, reload and 変更する show the saved choices; changing the plan asks for the 意向確認 again', async () => {
      const client = await loggedIn(t);
      await walkToReview(client, { payment: { payment_method: 'card', payment_frequency: 'monthly' } });
      const contract = await client.get(place(''));
      assert.equal(contract.status, 200);
      assert.match(textOf(contract.html), /途中まで進めたお手続きがあります。/);
      assert.ok(contract.html.includes(`<a href="${place('/review')}">前回の続きから再開する</a>`));
      assert.equal((await client.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' })).location, place('/review'), 'step 1 again keeps the flow at review');
      const plans = await client.get(place('/plans'));
      assert.match(plans.html, /<section class="plan-card chosen" aria-labelledby="plan-same">/);
      const payment = await client.get(place('/payment'));
      assert.match(payment.html, /value="card" checked/);
      assert.match(payment.html, /value="monthly" checked/);
      assert.equal((await client.post(place('/plans'), { plan: 'same' })).location, place('/review'), 'the same plan again changes nothing');

      assert.equal((await client.post(place('/plans'), { plan: 'recommended' })).location, place('/premium'));
      assert.equal((await client.get(place('/review'))).location, place('/premium'));
      assert.equal((await client.get(place('/important-matters'))).location, place('/premium'));
      const premium = textOf((await client.get(place('/premium'))).html);
      assert.match(premium, /「おすすめプラン」の保険料です。/);
      assert.match(premium, /月払の場合 月額 4,930円（12回・年間 59,160円）/, 'the payment frequency chosen before still applies');
      await client.post(place('/premium'), {});
      const matters = await client.get(place('/important-matters'));
      assert.doesNotMatch(matters.html, /type="checkbox"[^>]*checked/, 'the confirmations are asked again, unchecked');
      assert.equal((await client.post(place('/important-matters'), { ...ALL_CONFIRMED, revision: revisionOf(matters) })).location, place('/review'));
      assert.match(textOf((await client.get(place('/review'))).html), /プラン おすすめプラン .* 人身傷害 5,000万円/);
    });

    it('STEP 3 shows the premium with its breakdown, the next grade and the difference from this year', async () => {
      const client = await loggedIn(t);
      await client.get(place(''));
      await client.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      const plans = textOf((await client.get(place('/plans'))).html);
      assert.match(plans, /前年同等プラン 現在のご契約と同じ条件で継続します。 年間保険料 54,850円 （前年比 −3,350円）/);
      assert.match(plans, /おすすめプラン .* 年間保険料 56,420円/);
      assert.match(plans, /保険料を抑えたプラン .* 年間保険料 41,670円 .* 車両保険：一般型 220万円（免責金額 1回目 5万円・2回目以降 10万円） → エコノミー型 220万円（免責金額 1回目 15万円・2回目以降 15万円）/);
      await client.post(place('/plans'), { plan: 'same' });
      const premium = await client.get(place('/premium'));
      const text = textOf(premium.html);
      assert.match(text, /継続後の年間保険料 54,850円 現在の年間保険料 58,200円 前年との差額 −3,350円/);
      assert.match(text, /継続後のノンフリート等級 15等級（現在 14等級） 継続後の事故有係数適用期間 0年（現在 0年）/);
      assert.match(text, /月払をお選びいただく場合は月額 4,790円（12回・年間 57,480円）です/);
      assert.match(text, /基本保険料（自家用普通乗用車） 128,000円 ノンフリート等級 15等級（無事故） 51%割引 ×0\.4900 運転者年齢条件（35歳以上） ×0\.5300/);
      assert.match(text, /弁護士費用特約 \+2,000円 ロードアシスタンス特約 \+500円 端数処理 10円未満切捨て −8円 年間保険料 54,850円/);
    });

    it('条件を変更して見積もる: 見積もる shows the premium and saves nothing; この条件で進む takes the conditions', async () => {
      const client = await loggedIn(t);
      await client.get(place(''));
      await client.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      const plans = await client.get(place('/plans'));
      assert.match(plans.html, /name="age_condition" value="35" checked/, 'the form starts from the current conditions');
      const before = await renewalFlows(t.deps.db);
      const custom = {
        plan: 'custom', age_condition: '26', driver_scope: 'any', use_purpose: 'commute', property_damage: 'unlimited', personal_injury: '50000000',
        vehicle_coverage: 'limited', vehicle_amount: '２００', vehicle_deductible: '10-10', riders: ['lawyer', 'personal_liability'],
      };
      const estimate = await client.post(place('/plans'), { ...custom, action: 'quote' });
      assert.equal(estimate.status, 200);
      const estimated = /この条件での年間保険料 ([\d,]+円)/.exec(textOf(estimate.html))?.[1];
      assert.ok(estimated, textOf(estimate.html));
      assert.match(estimate.html, /name="age_condition" value="26" checked/);
      assert.match(estimate.html, /name="vehicle_amount" type="text" value="２００"/);
      assert.match(estimate.html, /value="personal_liability" checked/);
      assert.deepEqual(await renewalFlows(t.deps.db), before, '見積もる saves nothing');
      assert.equal((await client.post(place('/plans'), { ...custom, action: 'choose' })).location, place('/premium'));
      const premium = textOf((await client.get(place('/premium'))).html);
      assert.match(premium, new RegExp(`「条件を変更したプラン」の保険料です。 継続後の年間保険料 ${estimated}`));
      assert.match(premium, /運転者年齢条件（26歳以上）.*運転者限定（限定なし）.*使用目的（通勤・通学）.*人身傷害（5,000万円）.*車両保険（エコノミー型・200万円、免責金額 1回目 10万円・2回目以降 10万円）.*弁護士費用特約.*個人賠償責任特約/);
    });

    it('refuses impossible combinations with the reason next to the field', async () => {
      const client = await loggedIn(t, { userId: 'young@example.com', password: 'Young12345' });
      const young = (step: string) => place(step, 'C555000001');
      await client.get(young(''));
      await client.post(young(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      await client.get(young('/plans'));
      const base = { plan: 'custom', action: 'choose', age_condition: '26', driver_scope: 'any', use_purpose: 'leisure', property_damage: 'unlimited', personal_injury: '30000000', vehicle_coverage: 'general', vehicle_amount: '220', vehicle_deductible: '5-10' };
      const refused = await client.post(young('/plans'), base);
      assert.equal(refused.status, 400);
      assert.match(refused.html, /<p class="error" id="f-age_condition-error" role="alert">ご契約者さまは保険始期日に22歳のため、運転者年齢条件「26歳以上」はお選びいただけません。<\/p>/);
      const amount = await client.post(young('/plans'), { ...base, age_condition: '21', vehicle_amount: '9999' });
      assert.match(amount.html, /id="f-vehicle_amount-error" role="alert">車両保険金額は50万円から800万円までの間で、10万円単位で指定してください。/);
      const none = await client.post(young('/plans'), { ...base, age_condition: '21', vehicle_coverage: 'none', vehicle_amount: '', vehicle_deductible: '' });
      assert.equal(none.status, 303, 'without 車両保険, amount and 免責金額 are not needed');
      assert.equal((await renewalFlows(t.deps.db)).length, 1);
    });

    it('意向確認: nothing pre-checked, each unchecked box gets its message, a stale form is refused', async () => {
      const client = await loggedIn(t);
      await client.get(place(''));
      await client.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      await client.post(place('/plans'), { plan: 'same' });
      await client.post(place('/premium'), {});
      const matters = await client.get(place('/important-matters'));
      const text = textOf(matters.html);
      assert.match(text, /重要事項説明書（契約概要・注意喚起情報） 契約概要 /);
      assert.match(text, /クーリングオフ：/);
      assert.equal((matters.html.match(/type="checkbox"/g) ?? []).length, 4);
      assert.doesNotMatch(matters.html, /type="checkbox"[^>]*checked/);
      const revision = revisionOf(matters);
      const none = await client.post(place('/important-matters'), { revision });
      assert.equal(none.status, 400);
      for (const message of ['補償内容・保険料がご意向に沿っていることをご確認のうえ', '運転者年齢条件・運転者限定が実態と合っていることを', '使用目的が実態と合っていることを', '重要事項（契約概要・注意喚起情報）をお読みいただき']) {
        assert.match(none.html, new RegExp(`role="alert">${message}`), message);
      }
      const partial = await client.post(place('/important-matters'), { revision, confirm_coverage: '1', confirm_use: '1' });
      assert.equal(partial.status, 400);
      assert.match(partial.html, /id="f-confirm_coverage" type="checkbox" name="confirm_coverage" value="1" checked/);
      assert.doesNotMatch(partial.html, /f-confirm_coverage-error/);
      assert.match(partial.html, /f-confirm_drivers-error/);
      const stale = await client.post(place('/important-matters'), { ...ALL_CONFIRMED, revision: String(Number(revision) - 1) });
      assert.equal(stale.location, `${place('/important-matters')}?changed=1`);
      assert.match(textOf((await client.get(stale.location!)).html), /別の画面でお申込内容が変更されたため/);
      assert.equal((await renewalFlows(t.deps.db))[0]!.state, 'matters');
    });

    it('お支払方法: the current method by default, コンビニ払い annual only, 月払 by card changes the amounts', async () => {
      const client = await loggedIn(t);
      await walkToReview(client);
      const payment = await client.get(place('/payment'));
      const text = textOf(payment.html);
      assert.match(payment.html, /value="keep" checked/);
      assert.match(text, /現在のお支払方法（口座振替）のまま クレジットカード払に変更する コンビニ払いに変更する/);
      assert.match(text, /口座番号やクレジットカード番号の入力・保管は行いません。/);
      assert.doesNotMatch(payment.html, /name="(card|account)/);
      const refused = await client.post(place('/payment'), { payment_method: 'convenience', payment_frequency: 'monthly' });
      assert.equal(refused.status, 400);
      assert.match(refused.html, /id="f-payment_frequency-error" role="alert">コンビニ払いは年払（一括払）のみお選びいただけます。/);
      assert.equal((await client.post(place('/payment'), { payment_method: 'card', payment_frequency: 'monthly' })).location, place('/review'));
      const review = textOf((await client.get(place('/review'))).html);
      assert.match(review, /年間保険料 54,850円 月払 月額 4,790円（12回・年間 57,480円）/);
      assert.match(review, /お支払方法 クレジットカード払（変更） お支払回数 月払/);
    });

    it('a change of car or insured person: online renewal is refused, with the agency and the desk; nothing is saved', async () => {
      const client = await loggedIn(t);
      await client.get(place(''));
      const missing = await client.post(place(''), {});
      assert.equal(missing.status, 400);
      assert.match(missing.html, /「お車の入替えはありませんか」について、「はい」または「いいえ」をお選びください。/);
      assert.match(missing.html, /「記名被保険者の変更はありませんか」について、「はい」または「いいえ」をお選びください。/);
      for (const answers of [{ vehicle_changed: 'no', insured_changed: 'yes' }, { vehicle_changed: 'yes', insured_changed: 'no' }]) {
        const page = await client.post(place(''), answers);
        assert.equal(page.status, 200);
        const text = textOf(page.html);
        assert.match(text, /インターネットでの継続手続はできません/);
        assert.match(text, answers.vehicle_changed === 'no' ? /お車の入替えがある場合は/ : /記名被保険者の変更がある場合は/);
        assert.match(text, /取扱代理店 みらい保険サービス有限会社 みらい損保 インターネットデスク 0120-000-000/);
      }
      assert.equal((await renewalFlows(t.deps.db)).length, 0);
      const audit = await t.deps.db.selectFrom('audit_events').select('kind').where('kind', '=', 'renewal_not_possible').execute();
      assert.ok(audit.length >= 2);
    });

    it('outside the window (and for other products) every step explains why and changes nothing', async () => {
      const client = await loggedIn(t);
      for (const step of ['', '/plans', '/review', '/complete']) {
        const early = await client.get(place(step, 'C123456790'));
        assert.equal(early.status, 200, step);
        assert.match(textOf(early.html), /証券番号 C123456790 のご契約の継続手続は、まだ受付期間前です。受付期間は2027年1月1日から2027年2月28日までです。/, step);
        const late = await client.get(place(step, 'C900000001'));
        assert.match(textOf(late.html), /継続手続の受付期間（満期日 2026年11月25日 の前日まで）を過ぎています。受付期間は2026年9月25日から2026年11月24日まででした。/, step);
      }
      const post = await client.post(place('', 'C123456790'), { vehicle_changed: 'yes', insured_changed: 'yes' });
      assert.match(textOf(post.html), /まだ受付期間前です/);
      assert.match(textOf((await client.get(place('', 'C900000002'))).html), /お客さまWebサービスでの継続手続の対象外です。/);
      assert.equal((await renewalFlows(t.deps.db)).length, 0);

      await walkToReview(client);
      clock.set(new Date('2026-12-26T15:00:00Z')); // 満期日 0:00 in Japan
      const later = await loggedIn(t);
      const closed = await later.get(place('/review'));
      assert.match(textOf(closed.html), /受付期間（満期日 2026年12月27日 の前日まで）を過ぎています。/);
      const apply = await later.post(place('/review'), { revision: '99' });
      assert.match(textOf(apply.html), /を過ぎています/);
      assert.equal(await applicationCount(t.deps.db), 0);
    });

    it('someone else’s policy and a missing one get the same 404 on every step and the PDF', async () => {
      const client = await loggedIn(t);
      for (const step of ['', '/plans', '/premium', '/important-matters', '/payment', '/review', '/complete', '/application.pdf']) {
        const others = await client.get(place(step, 'C223344556'));
        const unlinked = await client.get(place(step, 'C334455667'));
        const missing = await client.get(place(step, 'C000000000'));
        assert.equal(others.status, 404, step);
        assert.equal(unlinked.status, 404, step);
        assert.equal(missing.status, 404, step);
        assert.equal(withoutReturnPath(others.html), withoutReturnPath(missing.html), step);
        assert.equal(withoutReturnPath(unlinked.html), withoutReturnPath(missing.html), step);
        assert.match(textOf(missing.html), /ご契約が見つかりません/);
      }
      const post = await client.post(place('', 'C223344556'), { vehicle_changed: 'yes', insured_changed: 'yes' });
      assert.equal(post.status, 404);
      for (const odd of ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', `C${'9'.repeat(500)}`, "'%20OR%20'1'='1", '%E2%80%AE%0D%0A']) {
        const page = await client.get(`/renewal/${odd}/plans`);
        assert.equal(page.status, 404, odd);
        assert.doesNotMatch(page.html, /<script>alert/);
      }
      // Yumi's own renewal works for her, and hers alone.
      const yumi = await loggedIn(t, YUMI);
      assert.equal((await yumi.get(place('', 'C223344556'))).status, 200);
      assert.equal((await yumi.get(place('', POLICY))).status, 404);
    });

    it('after the application every step leads to 完了; a late POST sees 受付済み with the 受付番号', async () => {
      const client = await loggedIn(t);
      await walkToReview(client);
      const review = await client.get(place('/review'));
      const revision = revisionOf(review);
      await client.post(place('/review'), { revision });
      const number = (await t.deps.db.selectFrom('renewal_applications').select('reception_number').executeTakeFirstOrThrow()).reception_number;
      for (const step of ['', '/plans', '/premium', '/important-matters', '/payment', '/review']) {
        const page = await client.get(place(step));
        assert.equal(page.location, place('/complete'), step);
      }
      const again = await client.post(place('/review'), { revision });
      assert.equal(again.status, 409);
      assert.match(textOf(again.html), new RegExp(`このご契約の継続手続は受付済みです。 証券番号 C123456789 受付番号 ${number}`));
      assert.equal(await applicationCount(t.deps.db), 1);
      // The 完了 page and the PDF stay reachable after the window.
      clock.set(new Date('2026-12-28T01:00:00Z'));
      const later = await loggedIn(t);
      assert.equal((await later.get(place('/complete'))).status, 200);
      assert.equal((await download(later, place('/application.pdf'))).status, 200);
      const otherClient = await loggedIn(t, YUMI);
      assert.equal((await download(otherClient, place('/application.pdf'))).status, 404);
    });

    it('a flow resumes from another login where it was left, and lapses after 7 idle days', async () => {
      const phone = await loggedIn(t);
      await phone.get(place(''));
      await phone.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      await phone.post(place('/plans'), { plan: 'economy' });
      clock.advance(6 * 24 * 3_600_000);
      const pc = await loggedIn(t);
      assert.ok((await pc.get(place(''))).html.includes(`<a href="${place('/premium')}">前回の続きから再開する</a>`));
      assert.match(textOf((await pc.get(place('/premium'))).html), /「保険料を抑えたプラン」の保険料です。/);
      await pc.post(place('/premium'), {});
      clock.advance(7 * 24 * 3_600_000 - 1000);
      const week = await loggedIn(t);
      assert.equal((await week.get(place('/important-matters'))).status, 200, 'each step gives 7 more days');
      clock.advance(2000);
      assert.equal((await week.get(place('/important-matters'))).location, place(''));
      assert.match(textOf((await week.get(place(''))).html), /前回のお手続きは有効期限が切れたため、最初からお手続きください。/);
    });

    it('two tabs starting at once end up on one flow', async () => {
      const [a, b] = [await loggedIn(t), await loggedIn(t)];
      await a.get(place(''));
      await b.get(place(''));
      const answers = { vehicle_changed: 'yes', insured_changed: 'yes' };
      const results = await Promise.all([a.post(place(''), answers), b.post(place(''), answers)]);
      assert.deepEqual(results.map((r) => r.location), [place('/plans'), place('/plans')]);
      await a.post(place('/plans'), { plan: 'recommended' });
      assert.match(textOf((await b.get(place('/premium'))).html), /「おすすめプラン」の保険料です。/, 'the other tab sees the same flow');
    });
  });
}
