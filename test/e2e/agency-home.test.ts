import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { insertNews } from '../../src/features/agency-home/repository.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshotPath } from '../support/browser.js';

const PHONE = { width: 390, height: 844 };

let t: TestApp;
let browser: Browser;
before(async () => {
  // A fixed weekday morning, so the screenshots show the desk open whenever the suite runs.
  t = await startTestApp({ clock: new ManualClock(new Date('2026-11-25T10:00:00+09:00')) });
  browser = await launchBrowser();
  const { db } = t.deps;
  const at = new Date('2026-11-25T00:00:00Z').toISOString();
  await db
    .insertInto('agencies')
    .values([
      { code: 'D0001', name: 'みらい保険サービス有限会社', created_at: at, updated_at: at },
      { code: 'D0002', name: 'さくら保険代理店株式会社', created_at: at, updated_at: at },
    ])
    .execute();
  const written = new Date(at);
  await insertNews(db, { agencyCode: 'D0001', publishedOn: '2026-04-01', title: '春の全国交通安全運動が始まります', body: '4月6日から15日まで、春の全国交通安全運動が実施されます。\n安全運転を心がけましょう。' }, written);
  await insertNews(db, { agencyCode: 'D0001', publishedOn: '2026-11-25', title: '年末年始の営業についてのお知らせ', body: '12月29日（火）から1月3日（日）までお休みさせていただきます。\n事故のご連絡は、24時間受付の事故受付センターへお願いいたします。' }, written);
  await insertNews(db, { agencyCode: 'D0001', publishedOn: '2025-12-10', title: '事務所移転のお知らせ', body: '12月15日より、新事務所にて営業いたします。' }, written);
});
after(async () => {
  await browser.close();
  await t.close();
});

it('a policyholder on a phone goes from the top page to an agency page, reads its news, and presses ログイン', async () => {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();

  await page.goto(`${t.baseUrl}/`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'みらい損保 お客さまWebサービス');
  assert.equal(await page.getByRole('link', { name: 'ログイン', exact: true }).getAttribute('href'), '/login');
  assert.equal(await page.getByRole('link', { name: '初めてご利用いただく方はこちら' }).getAttribute('href'), '/register');
  const agencies = page.getByRole('region', { name: '取扱代理店' }).getByRole('link');
  assert.deepEqual(await agencies.allTextContents(), ['みらい保険サービス有限会社', 'さくら保険代理店株式会社']);
  await page.screenshot({ path: screenshotPath('00-top'), fullPage: true });

  await page.getByRole('link', { name: 'みらい保険サービス有限会社' }).click();
  await page.waitForURL(`${t.baseUrl}/agency/D0001`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'みらい保険サービス有限会社');
  const news = page.getByRole('region', { name: 'お知らせ' });
  assert.deepEqual(await news.locator('time').allTextContents(), ['2026年11月25日', '2026年4月1日', '2025年12月10日']);
  assert.deepEqual(await news.locator('time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime'))), ['2026-11-25', '2026-04-01', '2025-12-10']);
  assert.deepEqual(await news.locator('.news-title').allTextContents(), ['年末年始の営業についてのお知らせ', '春の全国交通安全運動が始まります', '事務所移転のお知らせ']);
  assert.match((await news.locator('article').first().textContent()) ?? '', /事故のご連絡は、24時間受付の事故受付センターへお願いいたします。/);
  await page.screenshot({ path: screenshotPath('01-agency-page'), fullPage: true });

  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/login' && r.request().isNavigationRequest()),
    page.getByRole('main').getByRole('link', { name: 'ログイン', exact: true }).click(),
  ]);
  await page.waitForURL(`${t.baseUrl}/login`);
  assert.equal(new URL(page.url()).pathname, '/login');
  // The login page is built alongside this one; once it answers, it must be the guide's screen 2.
  assert.ok([200, 404].includes(response.status()), `login page answered ${response.status()}`);
  if (response.status() === 200) {
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'お客さまWebサービス ログイン');
  }
  await context.close();
});

it('a mistyped agency address shows the Japanese not-found page with a way back to the top', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${t.baseUrl}/agency/D9999`);
  assert.equal(response?.status(), 404);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'ページが見つかりません');
  await page.getByRole('link', { name: 'トップページへ' }).click();
  await page.waitForURL(`${t.baseUrl}/`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'みらい損保 お客さまWebサービス');
  await page.close();
});
