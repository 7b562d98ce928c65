import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, logIn, phoneBrowser, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { policyRef } from '../../src/features/policies/policy-ref.js';
import { policyUrl } from '../support/policy-urls.js';


const phonePage = phoneBrowser();

/** The value next to a label in the page's label/value lists. */
const entry = (page: Page, label: string) => page.locator('dl.entries .entry', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

describe('契約内容の確認 and 契約中の保険を追加する in the browser', () => {
  let t: TestApp;
  before(async () => {
    // Wednesday 2026-11-25 10:00 in Japan.
    t = await startTestApp({ clock: new ManualClock(new Date('2026-11-25T10:00:00+09:00')) });
    await insertPolicy(t.deps.db);
    await insertPolicy(t.deps.db, { policy_number: 'C123456790', start_date: '2026-03-01', end_date: '2027-03-01', vehicle_model: 'N-BOX', vehicle_registration: '品川 580 あ 56-78', vehicle_class: 'kei_car', grade: 7, vehicle_coverage: 'limited', vehicle_amount: 1300000, vehicle_deductible: '10-10', riders: null, annual_premium: 61200, payment_method: 'card' });
    await insertCustomer(t.deps.db, { userId: 'abc@example.com', password: 'Mt4sQx9v', policies: ['C123456789'] });
  });
  after(async () => t.close());

  it('a customer opens a policy’s details from 契約内容の確認', async () => {
    const page = await phonePage();
    await logIn(page, t.baseUrl, 'abc@example.com', 'Mt4sQx9v');
    await page.getByRole('link', { name: '契約内容の確認', exact: true }).click();
    await page.waitForURL(/\/mypage\/policies$/);
    const card = page.getByRole('region', { name: '証券番号 C123456789' });
    assert.equal(await card.locator('.badge').textContent(), '契約中');
    await card.getByRole('link', { name: '契約内容の詳細' }).click();
    await page.waitForURL(`${t.baseUrl}${policyUrl(t, 'C123456789')}`);
    assert.equal(await page.locator('h1').textContent(), '契約内容の確認');
    const expected: Array<[string, string]> = [
      ['契約者氏名', '三住 太郎'],
      ['住所', '〒100-0005 東京都千代田区丸の内1-1-1'],
      ['車名', 'プリウス'],
      ['登録番号', '品川 300 さ 12-34'],
      ['用途車種', '自家用普通乗用車'],
      ['対人賠償', '無制限'],
      ['対物賠償', '無制限'],
      ['人身傷害', '3,000万円'],
      ['車両保険', '一般型'],
      ['車両保険金額', '220万円'],
      ['免責金額', '1回目 5万円・2回目以降 10万円'],
      ['特約', '弁護士費用特約、ロードアシスタンス特約'],
      ['ノンフリート等級', '14等級'],
      ['事故有係数適用期間', '0年'],
      ['年間保険料', '58,200円'],
      ['払込方法', '口座振替'],
      ['保険期間', '2025年12月27日～2026年12月27日'],
      ['取扱代理店', 'みらい保険サービス有限会社'],
    ];
    for (const [label, value] of expected) assert.equal(await entry(page, label).textContent(), value, label);
    assert.equal(await page.locator('.policy-status .badge').textContent(), '契約中');
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, 's-01-policy-details');
    await page.getByRole('link', { name: '「契約内容の確認」へ戻る' }).click();
    await page.waitForURL(/\/mypage\/policies$/);
  });

  it('adds a second policy of the same customer and sees it in the lists', async () => {
    const page = await phonePage();
    await logIn(page, t.baseUrl, 'abc@example.com', 'Mt4sQx9v');
    await page.getByRole('link', { name: '契約の継続手続', exact: true }).click();
    await page.waitForURL(/\/mypage\/renewals$/);
    assert.equal(await page.locator('tbody tr').count(), 1);
    await page.getByRole('link', { name: '＋ 契約中の保険を追加する' }).click();
    await page.waitForURL(/\/mypage\/policies\/add$/);
    assert.equal(await page.locator('h1').textContent(), '契約中の保険を追加する');

    // A mistyped birth date first: one clear message, nothing added.
    await page.getByLabel('証券番号', { exact: true }).fill('C123456790');
    await page.getByLabel('セイ', { exact: true }).fill('みつすみ');
    await page.getByLabel('メイ', { exact: true }).fill('たろう');
    await page.getByLabel('生年月日', { exact: true }).fill('1975-01-02');
    await page.getByRole('button', { name: '追加する' }).click();
    await page.waitForURL(/\/mypage\/policies\/add$/);
    assert.match((await page.locator('.error-summary').textContent()) ?? '', /追加できるご契約を確認できませんでした。/);
    assert.equal(await page.getByLabel('証券番号', { exact: true }).inputValue(), 'C123456790');

    assert.deepEqual(await accessibilityViolations(page), []);

    // Back, and again from 契約内容の確認 with the right birth date.
    await page.getByRole('link', { name: '戻る', exact: true }).click();
    await page.waitForURL(/\/mypage\/policies$/);
    await page.getByRole('link', { name: '＋ 契約中の保険を追加する' }).click();
    await page.waitForURL(/\/mypage\/policies\/add$/);
    await page.getByLabel('証券番号', { exact: true }).fill('C123456790');
    await page.getByLabel('セイ', { exact: true }).fill('みつすみ');
    await page.getByLabel('メイ', { exact: true }).fill('たろう');
    await page.getByLabel('生年月日', { exact: true }).fill('1975-01-01');
    await shot(page, 's-02-add-policy');
    await page.getByRole('button', { name: '追加する' }).click();
    await page.waitForURL(`${t.baseUrl}/mypage/policies/add/complete?policy=${policyRef(t.deps.secret, 'C123456790')}`);
    assert.equal(await page.locator('p.lead').textContent(), 'ご契約を追加しました。');
    assert.equal(await entry(page, '車名').textContent(), 'N-BOX');
    await page.getByRole('link', { name: '「契約内容の確認」へ' }).click();
    await page.waitForURL(/\/mypage\/policies$/);
    assert.equal(await page.getByRole('region', { name: '証券番号 C123456790' }).locator('.badge').textContent(), '契約中');
    await page.getByRole('link', { name: '契約の継続手続', exact: true }).click();
    await page.waitForURL(/\/mypage\/renewals$/);
    assert.deepEqual(await page.locator('tbody td[data-label="証券番号"]').allTextContents(), ['C123456789', 'C123456790']);
  });
});
