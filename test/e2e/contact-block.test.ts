import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';

let t: TestApp;
let browser: Browser;
let page: Page;
const clock = new ManualClock(new Date('2026-11-25T10:00:00+09:00'));
before(async () => {
  t = await startTestApp({ clock });
  browser = await launchBrowser();
  page = await browser.newPage();
  const at = new Date().toISOString();
  await t.deps.db.insertInto('agencies').values({ code: 'D0001', name: 'みらい保険サービス有限会社', created_at: at, updated_at: at }).execute();
});
after(async () => {
  await browser.close();
  await t.close();
});

async function contactBlockAt(path: string): Promise<{ text: string; state: string }> {
  await page.goto(`${t.baseUrl}${path}`);
  const block = page.getByRole('complementary', { name: 'お問い合わせ' });
  return { text: (await block.textContent()) ?? '', state: (await block.locator('.desk-state').textContent()) ?? '' };
}

describe('the contact block', () => {
  it('is on every page with the desk name, toll-free number and hours', async () => {
    clock.set(new Date('2026-11-25T10:00:00+09:00'));
    for (const path of ['/', '/agency/D0001', '/environment', '/terms', '/login', '/register', '/recovery', '/no-such-page']) {
      const { text, state } = await contactBlockAt(path);
      assert.match(text, /みらい損保 インターネットデスク/, path);
      assert.match(text, /0120-000-000 \(無料\)/, path);
      assert.match(text, /受付時間：\(月～金\) 9:00～17:30/, path);
      assert.match(text, /土日、祝日、年末年始\(12月29日～1月3日\)はお休み/, path);
      assert.equal(state, '現在受付中です', path);
    }
    assert.equal(await page.getByRole('link', { name: '0120-000-000' }).getAttribute('href'), 'tel:0120000000');
  });

  const cases: Array<[string, string, string]> = [
    ['a weekday at 10:00', '2026-11-25T10:00:00+09:00', '現在受付中です'],
    ['a weekday at opening, 9:00', '2026-11-25T09:00:00+09:00', '現在受付中です'],
    ['a weekday before opening, 8:59', '2026-11-25T08:59:00+09:00', '現在受付時間外です'],
    ['a weekday at closing, 17:30', '2026-11-25T17:30:00+09:00', '現在受付時間外です'],
    ['a Saturday', '2026-11-28T10:00:00+09:00', '現在受付時間外です'],
    ['a Sunday', '2026-11-29T10:00:00+09:00', '現在受付時間外です'],
    ['a public holiday (勤労感謝の日, a Monday)', '2026-11-23T10:00:00+09:00', '現在受付時間外です'],
    ['12/30, a Wednesday in the year-end break', '2026-12-30T10:00:00+09:00', '現在受付時間外です'],
    ['1/2, a Friday in the new-year break', '2026-01-02T10:00:00+09:00', '現在受付時間外です'],
    ['1/5, the first working day of the year', '2026-01-05T10:00:00+09:00', '現在受付中です'],
  ];
  for (const [when, at, expected] of cases) {
    it(`says ${expected} on ${when}`, async () => {
      clock.set(new Date(at));
      assert.equal((await contactBlockAt('/')).state, expected);
    });
  }
});
