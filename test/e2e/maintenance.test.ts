import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshotPath } from '../support/browser.js';

const PHONE = { width: 390, height: 844 };

let t: TestApp;
let browser: Browser;
const clock = new ManualClock(new Date('2026-11-30T03:00:00+09:00')); // a Monday, inside 2:00–4:00
before(async () => {
  t = await startTestApp({ clock, env: { MAINTENANCE_WINDOWS: 'Mon 02:00-04:00' } });
  browser = await launchBrowser();
  const at = new Date().toISOString();
  await t.deps.db.insertInto('agencies').values({ code: 'D0001', name: 'みらい保険サービス有限会社', created_at: at, updated_at: at }).execute();
});
after(async () => {
  await browser.close();
  await t.close();
});

it('during the Monday night window every customer page shows the maintenance notice, styled, until 4:00', async () => {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true });
  const page = await context.newPage();

  for (const path of ['/', '/agency/D0001', '/login', '/register', '/mypage']) {
    const response = await page.goto(`${t.baseUrl}${path}`);
    assert.equal(response?.status(), 503, path);
    assert.equal(response?.headers()['retry-after'], '3600', path);
    assert.equal(new URL(page.url()).pathname, path, 'no redirect during maintenance');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'ただいまメンテナンス中です', path);
    assert.match((await page.getByRole('main').textContent()) ?? '', /サービス再開は 2026年11月30日 4時00分 の予定です。/, path);
  }

  // The stylesheet is still served, so the notice looks like the service.
  const css = await page.request.get(`${t.baseUrl}/static/style.css`);
  assert.equal(css.status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).evaluate((h1) => getComputedStyle(h1).borderLeftStyle), 'solid');
  await page.goto(`${t.baseUrl}/`);
  await page.screenshot({ path: screenshotPath('99-maintenance'), fullPage: true });

  clock.set(new Date('2026-11-30T04:00:00+09:00'));
  const resumed = await page.reload();
  assert.equal(resumed?.status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'みらい損保 お客さまWebサービス');
  await context.close();
});
