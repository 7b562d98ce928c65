import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';

let t: TestApp;
let browser: Browser;
before(async () => {
  t = await startTestApp();
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

it('a person who mistypes an address sees a Japanese not-found page with the contact block', async () => {
  const page = await browser.newPage();
  await page.goto(`${t.baseUrl}/no-such-page`);
  assert.equal(await page.locator('h1').textContent(), 'ページが見つかりません');
  assert.match((await page.locator('aside.contact').textContent()) ?? '', /インターネットデスク/);
});
