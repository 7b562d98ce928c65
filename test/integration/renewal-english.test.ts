// The whole online renewal in English (issue 12): each step's heading, the field messages, the
// plans and premiums in ¥, the 重要事項 in English, the 申込内容確認書 PDF and the mail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';
import { ALL_CONFIRMED, BASE, POLICY, USER, YOUNG, YUMI, place, revisionOf, seedRenewal, walkToReview } from './renewal-support.js';

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

async function englishClient(t: TestApp, who: { userId: string; password: string } = USER): Promise<WebClient> {
  const client = new WebClient(t.baseUrl, { 'accept-language': 'en-US,en;q=0.9' });
  await client.get('/login');
  assert.equal((await client.post('/login', { userId: who.userId, password: who.password })).status, 303, 'login');
  return client;
}

const text = (page: WebPage): string => textOf(page.html);

/** Words of the Japanese pages that must not show on an English one. */
const JAPANESE_UI = /次へ|お選びください|ご確認ください|保険料の確認|継続内容の選択|年間保険料|円（|申し込む|ホームへ/;

function assertEnglish(page: WebPage, what: string): void {
  assert.match(page.html, /<html lang="en">/, what);
  assert.doesNotMatch(text(page), JAPANESE_UI, what);
}

for (const kind of databaseKinds()) {
  describe(`renewal in English on ${kind}`, () => {
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

    it('walks steps 1–7 in English, to the PDF and the mail in English', async () => {
      const client = await englishClient(t);
      const contract = await client.get(place(''));
      assert.equal(contract.status, 200);
      assertEnglish(contract, 'step 1');
      assert.match(contract.html, /<h1>Auto insurance renewal<\/h1>/);
      assert.match(text(contract), /Step 1: Your policy/);
      assert.match(text(contract), /Policy number \(証券番号\) C123456789/);
      assert.match(text(contract), /from 27 December 2026 to 27 December 2027/);
      assert.match(text(contract), /Non-fleet grade \(ノンフリート等級\) Grade 14/);
      assert.match(text(contract), /Annual premium ¥58,200 Payment method Bank account transfer \(口座振替\)/);
      assert.match(text(contract), /Vehicle damage \(車両保険\) General \(一般型\) ¥2,200,000 \(deductible: 1st claim ¥50,000, later claims ¥100,000\)/);
      assert.match(text(contract), /Riders \(特約\) Legal expenses \(弁護士費用特約\), Road assistance \(ロードアシスタンス特約\)/);
      assert.match(text(contract), /Is it still the same car\?/);

      assert.equal((await client.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' })).location, place('/plans'));
      const plans = await client.get(place('/plans'));
      assertEnglish(plans, 'step 2');
      assert.match(text(plans), /Step 2: Choose your cover/);
      assert.match(text(plans), /Same as this year Selected|Same as this year Renew with the same conditions/);
      assert.match(text(plans), /Recommended plan/);
      assert.match(text(plans), /Lower premium plan/);
      assert.match(text(plans), /Annual premium ¥54,850 \(−¥3,350 compared with this year\)/);
      assert.match(text(plans), /your non-fleet grade goes up from 14 to 15/);
      assert.match(text(plans), /Change the conditions and get a quote/);

      assert.equal((await client.post(place('/plans'), { plan: 'same' })).location, place('/premium'));
      const premium = await client.get(place('/premium'));
      assertEnglish(premium, 'step 3');
      assert.match(text(premium), /Step 3: Premium/);
      assert.match(text(premium), /This is the premium for the plan you chose: Same as this year\./);
      assert.match(text(premium), /Annual premium after renewal ¥54,850/);
      assert.match(text(premium), /Grade 15 \(now grade 14\)/);
      assert.match(text(premium), /Base premium: Private passenger car \(自家用普通乗用車\) ¥128,000/);
      assert.match(text(premium), /Non-fleet grade \(ノンフリート等級\) 15, no accidents \(無事故\) 51% discount ×0\.4900/);
      assert.match(text(premium), /Rounding rounded down to the nearest ¥10 −¥8/);

      assert.equal((await client.post(place('/premium'), {})).location, place('/important-matters'));
      const matters = await client.get(place('/important-matters'));
      assertEnglish(matters, 'step 4');
      assert.match(text(matters), /Step 4: Important matters/);
      assert.match(text(matters), /Important matters \(重要事項説明書\): policy summary and points to note/);
      assert.match(text(matters), /Policy summary \(契約概要\)/);
      assert.match(text(matters), /Cooling-off \(クーリングオフ\)/);
      assert.doesNotMatch(text(matters), /この書面は、自動車保険の継続契約/, 'not the Japanese text');
      assert.match(text(matters), /I have read the important matters/);
      assert.equal((await client.post(place('/important-matters'), { ...ALL_CONFIRMED, revision: revisionOf(matters) })).location, place('/payment'));

      const payment = await client.get(place('/payment'));
      assertEnglish(payment, 'step 5');
      assert.match(text(payment), /Step 5: Payment/);
      assert.match(text(payment), /Keep the current method \(Bank account transfer \(口座振替\)\)/);
      assert.match(text(payment), /Once a year: ¥54,850/);
      assert.match(text(payment), /Monthly: ¥4,790 a month \(12 payments, ¥57,480 a year\)/);
      assert.equal((await client.post(place('/payment'), { payment_method: 'keep', payment_frequency: 'annual' })).location, place('/review'));

      const review = await client.get(place('/review'));
      assertEnglish(review, 'step 6');
      assert.match(text(review), /Step 6: Review/);
      assert.match(text(review), /Plan Same as this year Policy period \(保険期間\) 27 December 2026 – 27 December 2027/);
      assert.match(text(review), /Annual premium ¥54,850 Non-fleet grade \(ノンフリート等級\) Grade 15/);
      assert.match(text(review), /Confirmed \(25 November 2026, 10:00 \(JST\)\)/);
      assert.match(text(review), /Payment method Bank account transfer \(口座振替\) \(as now\) How often to pay Once a year/);
      assert.equal((review.html.match(/>Change<span class="visually-hidden">/g) ?? []).length, 5);

      assert.equal((await client.post(place('/review'), { revision: revisionOf(review) })).location, place('/complete'));
      const complete = await client.get(place('/complete'));
      assertEnglish(complete, 'step 7');
      assert.match(text(complete), /Step 7: Done/);
      assert.match(text(complete), /We have received your renewal application\./);
      const number = /Reference number \(受付番号\) (R20261125-[0-9A-Z]{8})/.exec(text(complete))?.[1];
      assert.ok(number, text(complete));
      assert.match(text(complete), /Received 25 November 2026, 10:00 \(JST\)/);
      assert.match(text(complete), /Download the application summary \(PDF\)/);

      const mail = await t.mail.waitFor(USER.userId, (m) => m.text.includes(number));
      assert.match(mail.subject, /^\[.+\] We have received your auto insurance renewal$/);
      assert.match(mail.text, /We have received your application to renew your auto insurance\./);
      assert.match(mail.text, new RegExp(`Reference number \\(受付番号\\): ${number}`));
      assert.match(mail.text, /Received: 25 November 2026, 10:00 \(JST\)/);
      assert.match(mail.text, /Policy number \(証券番号\): \*\*\*\*\*\*6789/);
      assert.match(mail.text, /Policy period after renewal: 27 December 2026 – 27 December 2027/);
      assert.match(mail.text, /\/mypage\/renewals/);
      assert.doesNotMatch(mail.text, /受け付けました|ご確認いただけます|C123456789|54,850/);

      const pdf = await fetch(`${client.baseUrl}${place('/application.pdf')}`, { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'accept-language': 'en' } });
      assert.equal(pdf.status, 200);
      const pdfContent = pdfText(Buffer.from(await pdf.arrayBuffer()));
      assert.match(pdfContent, /Application summary \(申込内容確認書\)/);
      assert.ok(pdfContent.includes(number), pdfContent);
      assert.match(pdfContent, /¥54,850/);
      assert.match(pdfContent, /Non-fleet grade/);
      assert.match(pdfContent, /Grade 15/);
      assert.match(pdfContent, /Confirmed 25 November 2026/);
      assert.match(pdfContent, /It is not an insurance policy document/);
      assert.doesNotMatch(pdfContent, /54,850円|確認済み|年払（一括払）/);

      // The same application, asked for in Japanese, is the Japanese document.
      const japanese = await fetch(`${client.baseUrl}${place('/application.pdf')}`, { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ').replace(/keizoku_lang=en/, 'keizoku_lang=ja'), 'accept-language': 'ja' } });
      assert.match(pdfText(Buffer.from(await japanese.arrayBuffer())), /54,850円/);
    });

    it('field messages in English on bad input', async () => {
      const client = await englishClient(t);
      await client.get(place(''));
      const step1 = await client.post(place(''), {});
      assert.equal(step1.status, 400);
      assertEnglish(step1, 'step 1 refused');
      assert.match(text(step1), /Some entries need correcting/);
      assert.match(text(step1), /Please answer "Is it still the same car\?" with "Yes" or "No"\./);
      assert.match(text(step1), /Please answer "Is the main driver still the same\?" with "Yes" or "No"\./);

      const notPossible = await client.post(place(''), { vehicle_changed: 'no', insured_changed: 'yes' });
      assert.match(text(notPossible), /This renewal cannot be done online/);
      assert.match(text(notPossible), /With a replaced car, the policy cannot be renewed online\./);

      await client.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      const custom = await client.post(place('/plans'), {
        plan: 'custom', action: 'quote', age_condition: '35', driver_scope: 'family', use_purpose: 'leisure', property_damage: 'unlimited', personal_injury: '30000000',
        vehicle_coverage: 'general', vehicle_amount: 'abc', vehicle_deductible: '', riders: ['lawyer', 'lawyer'],
      });
      assert.equal(custom.status, 400);
      assert.match(text(custom), /Please enter the vehicle damage amount in half-width digits/);
      assert.match(text(custom), /Please choose a deductible\./);
      assert.match(text(custom), /The riders chosen are not valid\./);
      const odd = await client.post(place('/plans'), {
        plan: 'custom', action: 'quote', age_condition: '35', driver_scope: 'family', use_purpose: 'leisure', property_damage: 'unlimited', personal_injury: '30000000',
        vehicle_coverage: 'general', vehicle_amount: '225', vehicle_deductible: '5-10',
      });
      assert.match(text(odd), /Please enter a vehicle damage amount from ¥500,000 to ¥8,000,000, in steps of ¥100,000\./);
      const quoted = await client.post(place('/plans'), {
        plan: 'custom', action: 'quote', age_condition: '35', driver_scope: 'family', use_purpose: 'leisure', property_damage: 'unlimited', personal_injury: '30000000',
        vehicle_coverage: 'none', vehicle_amount: '', vehicle_deductible: '',
      });
      assert.equal(quoted.status, 200);
      assert.match(text(quoted), /Annual premium with these conditions ¥\d{1,3},\d{3}/);
      const noPlan = await client.post(place('/plans'), { plan: 'gold' });
      assert.match(text(noPlan), /Please choose a plan\./);

      await client.post(place('/plans'), { plan: 'same' });
      await client.post(place('/premium'), {});
      const matters = await client.get(place('/important-matters'));
      const unticked = await client.post(place('/important-matters'), { revision: revisionOf(matters), confirm_coverage: '1' });
      assert.equal(unticked.status, 400);
      assert.match(text(unticked), /Please read the important matters \(重要事項\) and tick the box\./);
      assert.match(text(unticked), /Please check that the driver age condition and who may drive match the real drivers, and tick the box\./);
      const stale = await client.post(place('/important-matters'), { ...ALL_CONFIRMED, revision: '0' });
      assert.match(text(await client.get(stale.location ?? '')), /Your application was changed in another window/);
    });

    it('a holder too young for the age condition, and no monthly payment at a convenience store, in English', async () => {
      const young = await englishClient(t, YOUNG);
      const at = (step: string) => place(step, 'C555000001');
      await young.get(at(''));
      await young.post(at(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      const refused = await young.post(at('/plans'), {
        plan: 'custom', action: 'quote', age_condition: '26', driver_scope: 'family', use_purpose: 'leisure', property_damage: 'unlimited', personal_injury: '30000000',
        vehicle_coverage: 'none', vehicle_amount: '', vehicle_deductible: '',
      });
      assert.equal(refused.status, 400);
      assert.match(text(refused), /The policyholder will be 22 on the start date, so the driver age condition "26 and over \(26歳以上\)" cannot be chosen\./);

      const yumi = await englishClient(t, YUMI);
      await walkToReview(yumi, { policy: 'C223344556' });
      const payment = await yumi.post(place('/payment', 'C223344556'), { payment_method: 'keep', payment_frequency: 'monthly' });
      assert.equal(payment.status, 400);
      assert.match(text(payment), /At a convenience store you can only pay once a year\./);
      const plans = await yumi.get(place('/plans', 'C223344556'));
      assert.match(text(plans), /your non-fleet grade goes down from 6 to 3|Same as this year/);
    });

    it('the closed, not found and already applied pages in English', async () => {
      const client = await englishClient(t);
      const missing = await client.get(place('', 'C000000000'));
      assert.equal(missing.status, 404);
      assert.match(text(missing), /Policy not found/);
      const ended = await client.get(place('', 'C900000001'));
      assert.match(text(ended), /has ended|cannot be renewed/);
      assert.doesNotMatch(text(ended), /証券番号 C900000001 のご契約/);
      const fire = await client.get(place('', 'C900000002'));
      assert.match(text(fire), /cannot be renewed on the Customer Web Service/);
      const early = await client.get(place('', 'C123456790'));
      assert.match(text(early), /cannot be renewed yet\. You can renew it from \d{1,2} [A-Z][a-z]+ 2027 to \d{1,2} [A-Z][a-z]+ 2027\./);
      await walkToReview(client);
      const review = await client.get(place('/review'));
      await client.post(place('/review'), { revision: revisionOf(review) });
      const again = await client.post(place('/review'), { revision: revisionOf(review) });
      assert.equal(again.status, 409);
      assert.match(text(again), /We have already received your renewal application for this policy\./);
      assert.match(text(again), /Reference number \(受付番号\) R20261125-/);
    });
  });
}

it('the renewal mail is Japanese by default', async () => {
  const { renewalMail } = await import('../../src/features/renewal/mail.js');
  const { loadConfig } = await import('../../src/config.js');
  const input = { brand: loadConfig({}).brand, baseUrl: 'https://k.example', to: 'a@example.com', receptionNumber: 'R1', policyNumber: POLICY, appliedAt: BASE, termStart: '2026-12-27', termEnd: '2027-12-27', paymentChanged: true };
  assert.match(renewalMail(input).subject, /自動車保険 継続手続のお申込みを受け付けました/);
  const english = renewalMail({ ...input, locale: 'en' });
  assert.match(english.text, /You asked to change the payment method\./);
  assert.match(english.text, /Thank you for using/);
});
