import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshotPath } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { NARROW_PHONE, phoneProblems } from '../support/phone-check.js';
import { policyUrl, renewalUrl } from '../support/policy-urls.js';

// Wednesday 2026-11-25 10:00 in Japan (the desk is open): C123456789 is inside its renewal window.
const TODAY = new Date('2026-11-25T01:00:00Z');
const USER = { userId: 'abc@example.com', password: 'Abc12345' };
const LOGO = fileURLToPath(new URL('../../public/favicon.png', import.meta.url));

let t: TestApp;
let browser: Browser;

before(async () => {
  t = await startTestApp({ clock: new ManualClock(TODAY), env: { BRAND_LOGO_FILE: LOGO } });
  await insertPolicy(t.deps.db);
  await insertCustomer(t.deps.db, { ...USER, policies: ['C123456789'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

const newPhonePage = async (): Promise<Page> => (await browser.newContext({ viewport: NARROW_PHONE, locale: 'ja-JP' })).newPage();

/** The page at 360 px: no tap target under 44 px, no number or short word cut across lines, no axe violation. */
async function feelsFinished(page: Page, name: string): Promise<void> {
  assert.deepEqual(await phoneProblems(page), [], `${name} (${page.url()})`);
  assert.deepEqual(await accessibilityViolations(page), [], name);
}

it('every main screen at 360 px: tap targets of 44 px, nothing broken across lines, the logo and a description', async () => {
  const page = await newPhonePage();
  const visited: string[] = [];
  const walk = async (path: string, name: string) => {
    await page.goto(`${t.baseUrl}${path}`);
    await feelsFinished(page, name);
    visited.push(name);
  };
  await walk('/', 'top');
  assert.equal(await page.locator('header img.brand-logo').getAttribute('src'), '/brand-logo');
  assert.ok(((await page.locator('meta[name=description]').getAttribute('content')) ?? '').includes('みらい損保のお客さまWebサービス'));
  assert.equal((await page.locator('header .brand').boundingBox())?.height, 44, 'one line of header on a phone');
  const logo = await page.request.get(`${t.baseUrl}/brand-logo`);
  assert.equal(logo.headers()['content-type'], 'image/png');
  assert.match(logo.headers()['content-security-policy'] ?? '', /default-src 'none'/, 'an SVG logo opened on its own runs nothing');
  assert.ok(await page.locator('header img.brand-logo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the logo is shown');
  await walk('/agency/D0001', 'agency page');
  await walk('/login', 'login');
  await walk('/register', 'registration');
  await walk('/recovery', 'recovery');
  await walk('/terms', 'terms');
  await page.goto(`${t.baseUrl}/login`);
  await page.getByLabel('ユーザーID', { exact: true }).fill(USER.userId);
  await page.getByLabel('パスワード', { exact: true }).fill(USER.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}/mypage`);
  await feelsFinished(page, 'home');
  await walk('/mypage/renewals', 'renewals list');
  await walk(policyUrl(t, 'C123456789'), 'policy details');
  await walk(renewalUrl(t, 'C123456789'), 'renewal step 1');
  await page.getByRole('button', { name: '次へ' }).click();
  await page.locator('#error-summary').waitFor();
  await feelsFinished(page, 'renewal step 1 with errors');
  await page.getByRole('radio', { name: 'はい（入替えはありません）' }).check();
  await page.getByRole('radio', { name: 'はい（変更はありません）' }).check();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/plans$/);
  await feelsFinished(page, 'plans');
  assert.match((await page.locator('.plan-card').first().textContent()) ?? '', /ノンフリート等級が14等級から15等級に上がり割引が大きくなるため、保険料が前年より安くなります。/);
  assert.match((await page.locator('.plan-card').nth(1).locator('.plan-difference').textContent()) ?? '', /^現在との違い：/);

  // 見積もる opens the answer at the premium, not at the top of the page 3,000 px above it.
  await page.locator('section.custom-plan').getByRole('button', { name: '見積もる' }).click();
  await page.waitForURL(/\/plans#quote-result$/);
  const estimate = page.locator('#quote-result');
  await estimate.waitFor();
  const box = await estimate.boundingBox();
  assert.ok(box && box.y >= 0 && box.y < NARROW_PHONE.height, `the premium is on screen (y=${box?.y})`);
  assert.ok(await page.evaluate(() => window.scrollY > 1000), 'scrolled down to the form');
  await feelsFinished(page, 'plans with an estimate');
  await page.screenshot({ path: screenshotPath('p-01-estimate-at-360'), fullPage: false });

  await page.getByRole('button', { name: '前年同等プランで進む' }).click();
  await page.waitForURL(/\/premium$/);
  assert.equal(await page.locator('table.breakdown').isVisible(), false, 'the coefficients wait behind 計算の内訳を見る');
  await page.getByText('計算の内訳を見る').click();
  assert.equal(await page.locator('table.breakdown').isVisible(), true);
  await feelsFinished(page, 'premium');
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/important-matters$/);
  const matters = page.locator('.important-matters');
  assert.equal(await matters.evaluate((el) => el.scrollHeight <= el.clientHeight + 1), true, 'no scroll box inside the page on a phone');
  await feelsFinished(page, 'important matters');
  for (const box of await page.locator('.confirmations input[type=checkbox]').all()) await box.check();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/payment$/);
  await feelsFinished(page, 'payment');
  await page.getByRole('radio', { name: /年払（一括払）/ }).check();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/review$/);
  await feelsFinished(page, 'review');
  await page.getByRole('button', { name: '申し込む' }).click();
  await page.waitForURL(/\/complete$/);
  await feelsFinished(page, 'complete');
  const reception = page.locator('.reception-box .reception-number');
  assert.match((await reception.textContent()) ?? '', /^R20261125-/);
  assert.ok(Number.parseFloat(await reception.evaluate((el) => getComputedStyle(el).fontSize)) >= 24, '受付番号 stands out');
  await page.screenshot({ path: screenshotPath('p-02-complete-at-360'), fullPage: true });
  assert.equal(visited.length, 9);
});

it('a form that fails: the summary takes the focus and links each problem to its field; the terms tick stays', async () => {
  const page = await newPhonePage();
  await page.goto(`${t.baseUrl}/register`);
  await page.getByLabel('姓', { exact: true }).fill('三住');
  await page.getByLabel('利用規約に同意します。').check();
  await page.getByRole('button', { name: '次へ' }).click();
  const summary = page.locator('#error-summary');
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'the summary has the focus');
  const links = summary.getByRole('link');
  assert.ok((await links.count()) >= 5);
  assert.equal(await links.first().getAttribute('href'), '#f-given_name');
  assert.equal(await page.getByLabel('利用規約に同意します。').isChecked(), true, 'the tick is kept after an error');
  await feelsFinished(page, 'registration with errors');
  await page.screenshot({ path: screenshotPath('p-03-error-summary-at-360'), fullPage: false });
  await links.first().click();
  await page.waitForURL(/#f-given_name$/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-given_name', 'the link leads to its field');
});

it('on a wide screen 姓・名 and セイ・メイ sit side by side; on a phone one under the other', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'ja-JP' });
  const wide = await context.newPage();
  await wide.goto(`${t.baseUrl}/register`);
  const row = async (page: Page, a: string, b: string) => {
    const [first, second] = [await page.locator(a).boundingBox(), await page.locator(b).boundingBox()];
    assert.ok(first && second);
    return { sameRow: Math.abs(first.y - second.y) < 1, secondRight: second.x > first.x };
  };
  assert.deepEqual(await row(wide, '#f-family_name', '#f-given_name'), { sameRow: true, secondRight: true });
  assert.deepEqual(await row(wide, '#f-family_kana', '#f-given_kana'), { sameRow: true, secondRight: true });
  const phone = await newPhonePage();
  await phone.goto(`${t.baseUrl}/register`);
  assert.equal((await row(phone, '#f-family_name', '#f-given_name')).sameRow, false);
  await context.close();
});
