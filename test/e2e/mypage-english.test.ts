import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, logIn, phoneBrowser, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { phoneProblems } from '../support/phone-check.js';
import { policyUrl } from '../support/policy-urls.js';

const USER_ID = 'english.home@example.com';
const PASSWORD = 'Mt4sQx9v';

const phonePage = phoneBrowser();

/** The value next to a label in the page's label/value lists. */
const entry = (page: Page, label: string) =>
  page.locator('dl.entries .entry', { has: page.locator('dt', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) }).locator('dd');

/** An English page as a person meets it: in English, no axe violation, nothing cut on a 390 px phone. */
async function checkEnglishPage(page: Page, name: string): Promise<void> {
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', name);
  assert.deepEqual(await accessibilityViolations(page), [], name);
  assert.deepEqual(await phoneProblems(page), [], name);
}

describe('the logged-in home in English on a phone', () => {
  let t: TestApp;
  before(async () => {
    // Wednesday 2026-11-25 10:00 in Japan: C123456789 is inside its renewal window.
    t = await startTestApp({ clock: new ManualClock(new Date('2026-11-25T10:00:00+09:00')) });
    await insertPolicy(t.deps.db);
    await insertPolicy(t.deps.db, { policy_number: 'C123456790', start_date: '2026-03-01', end_date: '2027-03-01', vehicle_model: 'N-BOX', vehicle_registration: '品川 580 あ 56-78', vehicle_class: 'kei_car', grade: 7, vehicle_coverage: 'limited', vehicle_amount: 1300000, vehicle_deductible: '10-10', riders: null, annual_premium: 61200, payment_method: 'card' });
    await insertCustomer(t.deps.db, { userId: USER_ID, password: PASSWORD, policies: ['C123456789', 'C123456790'] });
  });
  after(async () => t.close());

  it('a customer logs in, switches to English, walks the tabs, opens a policy and the login history', async () => {
    const page = await phonePage();
    await logIn(page, t.baseUrl, USER_ID, PASSWORD);
    assert.equal(await page.locator('h1').textContent(), '三住 太郎 様');

    // The header's English link, back to the same page in English.
    await page.getByRole('link', { name: 'Switch to English' }).click();
    await page.waitForURL(/\/mypage$/);
    assert.equal(await page.locator('h1').textContent(), '三住 太郎');
    assert.equal(await page.locator('#tab-heading').textContent(), 'Home');
    assert.match((await page.locator('.previous-login').textContent()) ?? '', /^Last login /);
    assert.match((await page.locator('.notice').textContent()) ?? '', /can be renewed now/);
    assert.deepEqual(await page.locator('.tabs a').allTextContents(), ['Home', 'Your policies', 'Changes', 'Renewal', 'Other']);
    const first = page.locator('.policy-list li').first();
    assert.equal(await first.locator('.policy-name').textContent(), 'Auto insurance (自動車保険) – プリウス');
    assert.match((await first.textContent()) ?? '', /Policy number \(証券番号\) C123456789Expiry date \(満期日\) 27 December 2026Renewal open/);
    await checkEnglishPage(page, 'home');
    await shot(page, '11-home-en');

    // Your policies: a card for each, with its status.
    await page.getByRole('link', { name: 'Your policies', exact: true }).click();
    await page.waitForURL(/\/mypage\/policies$/);
    const card = page.getByRole('region', { name: 'Policy number (証券番号) C123456789' });
    assert.equal(await card.locator('.badge').textContent(), 'In force');
    assert.equal(await entry(page, 'Non-fleet grade (ノンフリート等級)').first().textContent(), 'Grade 14');
    await checkEnglishPage(page, 'your policies');

    // A policy's details.
    await card.getByRole('link', { name: 'Policy details' }).click();
    await page.waitForURL(`${t.baseUrl}${policyUrl(t, 'C123456789')}`);
    assert.equal(await page.locator('h1').textContent(), 'Policy details');
    assert.equal(await page.locator('.policy-status .badge').textContent(), 'In force');
    const expected: Array<[string, string]> = [
      ['Name (契約者氏名)', '三住 太郎'],
      ['Period of insurance (保険期間)', '27 December 2025 – 27 December 2026'],
      ['Vehicle class (用途車種)', 'Private passenger car (自家用普通乗用車)'],
      ['Bodily injury liability (対人賠償)', 'Unlimited'],
      ['Personal injury (人身傷害)', '¥30,000,000'],
      ['Vehicle damage (車両保険)', 'General (一般型)'],
      ['Deductible (免責金額)', '1st claim ¥50,000, later claims ¥100,000'],
      ['Riders (特約)', 'Legal expenses (弁護士費用特約), Road assistance (ロードアシスタンス特約)'],
      ['Who may drive (運転者限定)', 'Family only (家族限定)'],
      ['Annual premium', '¥58,200'],
      ['Payment method', 'Bank account transfer (口座振替)'],
    ];
    for (const [label, value] of expected) assert.equal(await entry(page, label).textContent(), value, label);
    await checkEnglishPage(page, 'policy details');
    await shot(page, 's-01-policy-details-en');
    await page.getByRole('link', { name: 'Back to “Your policies”' }).click();
    await page.waitForURL(/\/mypage\/policies$/);

    // Renewal: the table with its Renew button.
    await page.getByRole('link', { name: 'Renewal', exact: true }).click();
    await page.waitForURL(/\/mypage\/renewals$/);
    const row = page.locator('tbody tr', { has: page.locator('td', { hasText: 'C123456789' }) });
    assert.equal(await row.getByRole('link', { name: 'Renew' }).count(), 1);
    assert.equal(await page.locator('tbody tr', { has: page.locator('td', { hasText: 'C123456790' }) }).locator('.hint').textContent(), 'Opens on 1 January 2027');
    await checkEnglishPage(page, 'renewal');
    await shot(page, '11-home-renewals-en');

    // Add a policy: the form and its messages in English.
    await page.getByRole('link', { name: '+ Add a policy' }).click();
    await page.waitForURL(/\/mypage\/policies\/add$/);
    assert.equal(await page.locator('h1').textContent(), 'Add a policy');
    await page.getByLabel('Policy number (証券番号)', { exact: true }).fill('C123456790');
    await page.getByLabel('Family name (セイ)', { exact: true }).fill('Mitsusumi');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForURL(/\/mypage\/policies\/add$/);
    assert.equal(await page.locator('#f-family_kana-error').textContent(), 'Family name (セイ): please enter it in katakana or hiragana, as on your policy.');
    assert.equal(await page.locator('#f-given_kana-error').textContent(), 'Given name (メイ) is required.');
    await checkEnglishPage(page, 'add a policy, with errors');
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await page.waitForURL(/\/mypage\/policies$/);

    // Login history, from the Changes tab.
    await page.getByRole('link', { name: 'Changes', exact: true }).click();
    await page.waitForURL(/\/mypage\/changes$/);
    await page.locator('a[href="/mypage/changes/login-history"]').first().click();
    await page.waitForURL(/\/mypage\/changes\/login-history$/);
    assert.equal(await page.locator('h1').textContent(), 'Login history');
    assert.match(await page.locator('table.login-sessions tbody tr').first().innerText(), /This browser/);
    assert.match(await page.locator('table.login-attempts tbody').innerText(), /25 November 2026, 10:00 \(JST\)\s+.+\s+Password\s+Succeeded/);
    assert.deepEqual(await page.locator('table.login-attempts th').allTextContents(), ['Date and time', 'Browser / OS', 'Method', 'Result']);
    await checkEnglishPage(page, 'login history');
    await shot(page, 's-10-login-history-en');
    await page.getByRole('link', { name: 'Back to “Changes”' }).click();
    await page.waitForURL(/\/mypage\/changes$/);
  });
});
