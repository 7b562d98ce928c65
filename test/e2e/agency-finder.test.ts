import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshotPath } from '../support/browser.js';

// An insurer with 400 agencies: the top page offers the agency finder (decision 0025). A
// policyholder on a phone finds their agency by its name in kana, then by its code, and reaches its page.

const PHONE = { width: 390, height: 844 };

let t: TestApp;
let browser: Browser;
before(async () => {
  t = await startTestApp({ clock: new ManualClock(new Date('2026-11-25T10:00:00+09:00')) });
  browser = await launchBrowser();
  const at = new Date('2026-11-25T00:00:00Z').toISOString();
  const agencies = Array.from({ length: 400 }, (_, i) => ({ code: `D${String(i + 1).padStart(4, '0')}`, name: `代理店${i + 1}`, created_at: at, updated_at: at }));
  agencies[41] = { ...agencies[41]!, name: 'あおば保険サービス株式会社' };
  agencies[42] = { ...agencies[42]!, name: 'アオバ自動車有限会社' };
  agencies[120] = { ...agencies[120]!, name: 'みらい保険サービス有限会社' };
  for (let i = 0; i < agencies.length; i += 100) await t.deps.db.insertInto('agencies').values(agencies.slice(i, i + 100)).execute();
});
after(async () => {
  await browser.close();
  await t.close();
});

it('a policyholder finds their agency by kana and by code and reaches its page', async () => {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${t.baseUrl}/`);
  const agencies = page.getByRole('region', { name: '取扱代理店' });
  assert.equal(await agencies.getByRole('link').count(), 0, 'the 400 agencies are not listed');
  assert.equal(await page.getByRole('link', { name: 'ログイン', exact: true }).getAttribute('href'), '/login');

  // By kana: the name is in hiragana, typed in half-width katakana.
  await agencies.getByLabel('代理店名または代理店コード').fill('ｱｵﾊﾞ');
  await agencies.getByRole('button', { name: '検索' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === 'ｱｵﾊﾞ');
  assert.equal(await agencies.getByRole('status').textContent(), '「ｱｵﾊﾞ」に一致する代理店は2件です（1～2件目を表示）。');
  assert.deepEqual(await agencies.getByRole('link').allTextContents(), ['あおば保険サービス株式会社', 'アオバ自動車有限会社']);
  assert.equal(await agencies.getByLabel('代理店名または代理店コード').inputValue(), 'ｱｵﾊﾞ');
  await page.screenshot({ path: screenshotPath('00b-agency-finder'), fullPage: true });
  await agencies.getByRole('link', { name: 'あおば保険サービス株式会社' }).click();
  await page.waitForURL(`${t.baseUrl}/agency/D0042`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'あおば保険サービス株式会社');
  assert.equal(await page.getByRole('main').getByRole('link', { name: 'ログイン', exact: true }).getAttribute('href'), '/login');

  // By code, typed in full-width lower case, from the top page again.
  await page.goto(`${t.baseUrl}/`);
  await agencies.getByLabel('代理店名または代理店コード').fill('ｄ０１２１');
  await agencies.getByLabel('代理店名または代理店コード').press('Enter');
  await page.waitForURL((url) => url.searchParams.has('q'));
  assert.deepEqual(await agencies.getByRole('link').allTextContents(), ['みらい保険サービス有限会社']);
  await agencies.getByRole('link', { name: 'みらい保険サービス有限会社' }).click();
  await page.waitForURL(`${t.baseUrl}/agency/D0121`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'みらい保険サービス有限会社');

  // Nothing typed: the message is next to the field.
  await page.goto(`${t.baseUrl}/`);
  await agencies.getByRole('button', { name: '検索' }).click();
  await page.waitForURL((url) => url.searchParams.has('q'));
  assert.equal(await agencies.getByRole('alert').textContent(), '代理店名または代理店コードを入力してください。');
  assert.equal(await agencies.getByLabel('代理店名または代理店コード').getAttribute('aria-invalid'), 'true');
  await context.close();
});
