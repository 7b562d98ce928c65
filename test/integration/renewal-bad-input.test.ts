import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import type { WebClient, WebPage } from '../support/web-client.js';
import { ALL_CONFIRMED, BASE, applicationCount, loggedIn, place, renewalFlows, revisionOf, seedRenewal, walkToReview } from './renewal-support.js';

/** What a hostile or broken client may send for one field. */
const HOSTILE: Array<string | string[]> = [
  '',
  ['yes', 'no'],
  'x'.repeat(5000),
  '<script>alert(1)</script>',
  "' OR '1'='1",
  'yes\r\nSet-Cookie: a=b',
  '\u202e',
  '１',
  '-1',
  '1e9',
];

const CUSTOM = {
  plan: 'custom',
  action: 'choose',
  age_condition: '35',
  driver_scope: 'family',
  use_purpose: 'leisure',
  property_damage: 'unlimited',
  personal_injury: '30000000',
  vehicle_coverage: 'general',
  vehicle_amount: '220',
  vehicle_deductible: '5-10',
  riders: ['lawyer'],
};

function assertRefused(page: WebPage, what: string, message: RegExp): void {
  assert.equal(page.status, 400, `${what}: ${page.status}`);
  assert.match(page.html, message, what);
  assert.doesNotMatch(page.html, /<script>alert/, what);
  assert.doesNotMatch(page.html, /システムでエラーが発生しました/, what);
}

for (const kind of databaseKinds()) {
  describe(`renewal bad input on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let client: WebClient;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      await seedRenewal(t.deps);
    });
    after(async () => t.close());
    beforeEach(async () => {
      clock.set(BASE);
      await t.deps.db.deleteFrom('flows').where('kind', '=', 'renewal').execute();
      client = await loggedIn(t);
    });

    /** Every refused POST leaves the flow row exactly as it was and stores no application. */
    async function unchanged<T>(work: () => Promise<T>): Promise<T> {
      const before = await renewalFlows(t.deps.db);
      const result = await work();
      assert.deepEqual(await renewalFlows(t.deps.db), before, 'nothing half-saved');
      assert.equal(await applicationCount(t.deps.db), 0);
      return result;
    }

    it('STEP 1: each answer must be はい or いいえ', async () => {
      await client.get(place(''));
      for (const value of HOSTILE) {
        for (const name of ['vehicle_changed', 'insured_changed']) {
          const body = { vehicle_changed: 'yes', insured_changed: 'yes', [name]: value };
          const page = await unchanged(() => client.post(place(''), body));
          assertRefused(page, `${name}=${String(value).slice(0, 20)}`, name === 'vehicle_changed' ? /「お車の入替えはありませんか」について/ : /「記名被保険者の変更はありませんか」について/);
        }
      }
      assert.equal((await renewalFlows(t.deps.db)).length, 0);
    });

    it('STEP 2: an unknown plan and every custom field refuse bad values with their own message', async () => {
      await client.get(place(''));
      await client.post(place(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      await client.get(place('/plans'));
      for (const plan of HOSTILE) assertRefused(await unchanged(() => client.post(place('/plans'), { plan })), `plan=${String(plan).slice(0, 20)}`, /プランをお選びください。/);
      const messages: Record<string, RegExp> = {
        age_condition: /f-age_condition-error" role="alert">運転者年齢条件をお選びください。/,
        driver_scope: /f-driver_scope-error" role="alert">運転者限定をお選びください。/,
        use_purpose: /f-use_purpose-error" role="alert">使用目的をお選びください。/,
        property_damage: /f-property_damage-error" role="alert">対物賠償の保険金額をお選びください。/,
        personal_injury: /f-personal_injury-error" role="alert">人身傷害の保険金額をお選びください。/,
        vehicle_coverage: /f-vehicle_coverage-error" role="alert">車両保険の種類をお選びください。/,
        vehicle_amount: /f-vehicle_amount-error" role="alert">車両保険金額/,
        vehicle_deductible: /f-vehicle_deductible-error" role="alert">免責金額をお選びください。/,
      };
      for (const [name, message] of Object.entries(messages)) {
        for (const value of HOSTILE) {
          if (name === 'vehicle_amount' && value === '１') continue; // a full-width digit is a real amount (1万円): refused by range below
          const page = await unchanged(() => client.post(place('/plans'), { ...CUSTOM, [name]: value }));
          assertRefused(page, `${name}=${String(value).slice(0, 20)}`, message);
        }
      }
      const tiny = await unchanged(() => client.post(place('/plans'), { ...CUSTOM, vehicle_amount: '１' }));
      assertRefused(tiny, 'vehicle_amount=１', /車両保険金額は50万円から800万円までの間で/);
      for (const riders of [['lawyer', 'lawyer'], ['sunroof'], ['<b>x</b>'], 'x'.repeat(3000)]) {
        const page = await unchanged(() => client.post(place('/plans'), { ...CUSTOM, riders }));
        assertRefused(page, `riders=${String(riders).slice(0, 20)}`, /f-riders|特約の選択が正しくありません。/);
      }
      const typed = await client.post(place('/plans'), { ...CUSTOM, vehicle_amount: '<b>220</b>' });
      assert.match(typed.html, /value="&lt;b>220&lt;\/b>"/, 'what was typed comes back, escaped');
      const estimate = await unchanged(() => client.post(place('/plans'), { ...CUSTOM, action: ['quote', 'choose'] }));
      assert.equal(estimate.status, 200, 'an odd action only estimates');
      // 見積もる answers at the premium (or the problems): its button posts to the plans page's #quote-result.
      assert.match(estimate.html, /<div class="estimate" role="status" id="quote-result">/);
      assert.ok(estimate.html.includes(`value="quote" formaction="${place('/plans')}#quote-result"`));
      assert.match(tiny.html, /<div class="error-summary-box" id="quote-result"/);
    });

    it('STEP 4 and 6: a box is checked only by "1"; a revision that is not the current one is refused', async () => {
      await walkToReview(client);
      const matters = await client.get(place('/important-matters'));
      const revision = revisionOf(matters);
      for (const value of HOSTILE) {
        const page = await unchanged(() => client.post(place('/important-matters'), { ...ALL_CONFIRMED, confirm_use: value, revision }));
        assertRefused(page, `confirm_use=${String(value).slice(0, 20)}`, /f-confirm_use-error" role="alert">使用目的が実態と合っていることを/);
      }
      for (const value of HOSTILE) {
        const page = await unchanged(() => client.post(place('/important-matters'), { ...ALL_CONFIRMED, revision: value }));
        assert.equal(page.status, 303, `revision=${String(value).slice(0, 20)}`);
        assert.equal(page.location, `${place('/important-matters')}?changed=1`);
        const apply = await unchanged(() => client.post(place('/review'), { revision: value }));
        assert.equal(apply.location, `${place('/review')}?changed=1`);
      }
    });

    it('STEP 5: method and frequency only from their lists', async () => {
      await walkToReview(client);
      await client.get(place('/payment'));
      for (const value of HOSTILE) {
        const method = await unchanged(() => client.post(place('/payment'), { payment_method: value, payment_frequency: 'annual' }));
        assertRefused(method, `payment_method=${String(value).slice(0, 20)}`, /f-payment_method-error" role="alert">お支払方法をお選びください。/);
        const frequency = await unchanged(() => client.post(place('/payment'), { payment_method: 'keep', payment_frequency: value }));
        assertRefused(frequency, `payment_frequency=${String(value).slice(0, 20)}`, /f-payment_frequency-error" role="alert">お支払回数（年払または月払）をお選びください。/);
      }
      const numbers = await client.post(place('/payment'), { payment_method: 'card', payment_frequency: 'annual', card_number: '4111111111111111', account_number: '0987654' });
      assert.equal(numbers.status, 303, 'fields the form does not have are ignored');
      const rows = await t.deps.db.selectFrom('flows').select('data').execute();
      const stored = JSON.stringify(rows.map((row) => (JSON.parse(row.data) as { data: unknown }).data));
      assert.doesNotMatch(stored, /4111111111111111|0987654|card_number|account_number/, 'no card or account number is ever stored');
    });

    it('a request without a form body, or with JSON, gets a page and never a 500', async () => {
      await walkToReview(client);
      for (const step of ['', '/plans', '/premium', '/important-matters', '/payment', '/review']) {
        const empty = await fetch(`${t.baseUrl}${place(step)}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
          body: `_csrf=${encodeURIComponent(client.csrf ?? '')}`,
        });
        assert.ok([303, 400].includes(empty.status), `${step}: ${empty.status}`);
        const json = await fetch(`${t.baseUrl}${place(step)}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/json' },
          body: JSON.stringify({ _csrf: client.csrf, plan: { $ne: 1 }, revision: [1] }),
        });
        assert.ok(json.status < 500, `${step} JSON: ${json.status}`);
      }
      assert.equal(await applicationCount(t.deps.db), 0);
    });
  });
}
