import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/commands/demo/dates.js';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock, formatDateJa, japanDate } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { checked, consoleLogIn, officePage } from '../support/console-e2e.js';
import { insertCustomer } from '../support/customers.js';
import { PHONE } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';

// An agency's staff member: 満期管理 with its counts, the 未手続 filter and the CSV as downloaded;
// then お知らせ edited and published, seen on the agency page on a phone, and unpublished again.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Agency-Console-2026';

let t: TestApp;
let browser: Browser;
const clock = new ManualClock(new Date());
const today = japanDate(clock.now());
// Ten and twenty-five days on are always this month or the next: inside the default months.
const soon = addDays(today, 10);
const later = addDays(today, 25);

before(async () => {
  t = await startTestApp({ clock });
  const db = t.deps.db;
  const term = (end: string) => ({ end_date: end, start_date: addDays(end, -365) });
  await insertPolicy(db, { policy_number: 'C100000001', ...term(soon) });
  await insertPolicy(db, { policy_number: 'C100000002', holder_family_name: '佐藤', holder_given_name: '花子', holder_family_kana: 'サトウ', holder_given_kana: 'ハナコ', ...term(later) });
  await insertPolicy(db, { policy_number: 'C100000003', holder_family_name: '中村', holder_given_name: '健', holder_family_kana: 'ナカムラ', holder_given_kana: 'ケン', ...term(soon) });
  await insertPolicy(db, { policy_number: 'C100000004', holder_family_name: '南', holder_given_name: '大地', ...term(later), status: 'cancelled' });
  await insertCustomer(db, { userId: 'taro@example.com', password: 'Taro12345', policies: ['C100000001'] });
  await insertCustomer(db, { userId: 'hanako@example.com', password: 'Hanako12345', familyName: '佐藤', givenName: '花子', familyKana: 'サトウ', givenKana: 'ハナコ', policies: ['C100000002'] });
  await db.insertInto('agency_news').values({ id: '6d3c8a52-2f7e-4d51-9a11-0c2b1f6e9a01', agency_code: 'D0001', published_on: today, title: '年末年始の営業', body: '下書き', published: 0, created_at: clock.now().toISOString(), updated_at: null }).execute();
  await upsertReadyStaff(db, t.deps.secret, clock.now(), [{ login: 'mirai.tanaka', name: '田中 みらい', role: 'agency', agencyCode: 'D0001', password: PASSWORD, totpSecret: SECRET }]);
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

async function logIn(page: Page): Promise<void> {
  clock.advance(30_000);
  await consoleLogIn(page, t.baseUrl, { login: 'mirai.tanaka', password: PASSWORD, secret: SECRET }, clock.now());
}

const cells = (page: Page) => page.locator('table.desk-table tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '').join(' | ')));

it('満期管理: the default months with their counts, the 未手続 filter, and the CSV Excel opens', async () => {
  const page = await officePage(browser);
  await logIn(page);
  await page.getByRole('link', { name: '満期管理' }).click();
  await page.waitForURL(`${t.baseUrl}/console/expiries`);
  const counts = page.getByRole('navigation', { name: '状況ごとの件数' });
  assert.match((await counts.textContent()) ?? '', /すべて\s*4件.*未登録\s*1件.*未手続\s*2件.*手続中\s*0件.*申込済\s*0件.*満期経過\s*0件.*解約\s*1件/s);
  assert.equal((await cells(page)).length, 4);
  await checked(page, 'c-40-expiries');

  await page.getByLabel('状況', { exact: true }).selectOption('not_started');
  await page.getByRole('button', { name: '表示' }).click();
  await page.waitForURL(/status=not_started/);
  const [first, second] = [soon, later].map((d) => formatDateJa(d));
  assert.deepEqual(await cells(page), [`C100000001 | 三住 太郎 | ${first} | 未手続 | - | -`, `C100000002 | 佐藤 花子 | ${second} | 未手続 | - | -`]);
  assert.match((await counts.textContent()) ?? '', /すべて\s*4件/, 'the counts ignore the filter');
  await checked(page, 'c-41-expiries-not-started');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSVダウンロード' }).click()]);
  assert.match(download.suggestedFilename(), /^満期管理_D0001_\d{4}-\d{2}_\d{4}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  assert.deepEqual(bytes.subarray(3).toString('utf8').split('\r\n'), ['証券番号,契約者,満期日,状況,最終手続日時,満期案内', `C100000001,三住 太郎,${soon},未手続,,`, `C100000002,佐藤 花子,${later},未手続,,`, '']);
});

it('お知らせ: edited and published, it is on the agency page with its line breaks on a phone; unpublished, it is gone', async () => {
  const page = await officePage(browser);
  await logIn(page);
  await page.getByRole('link', { name: 'お知らせ' }).click();
  await page.waitForURL(`${t.baseUrl}/console/news`);
  await checked(page, 'c-42-news-list');
  await page.getByRole('link', { name: '「年末年始の営業」を編集' }).click();
  await page.waitForURL(/\/console\/news\/[0-9a-f-]{36}$/);
  const editUrl = page.url();
  await page.getByLabel('タイトル', { exact: true }).fill('');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('タイトルを入力してください。').first().waitFor();
  await page.goto(editUrl);
  await page.getByLabel('タイトル', { exact: true }).fill('年末年始の営業について');
  await page.getByLabel('本文', { exact: true }).fill('12月29日から1月3日まで休業します。\n1月4日から通常どおり営業します。\n<b>お急ぎの方はお電話ください。</b>');
  await checked(page, 'c-43-news-edit');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('お知らせを保存しました。').waitFor();
  await page.getByRole('button', { name: '「年末年始の営業について」を公開する' }).click();
  await page.getByText('お知らせを公開しました。').waitFor();
  assert.match((await page.locator('table.desk-table tbody').textContent()) ?? '', /公開中/);

  const phone = await (await browser.newContext({ viewport: PHONE, locale: 'ja-JP' })).newPage();
  await phone.goto(`${t.baseUrl}/agency/D0001`);
  const news = phone.locator('.news-item');
  assert.equal(await news.locator('.news-title').textContent(), '年末年始の営業について');
  assert.deepEqual(await news.locator('p').allTextContents(), ['12月29日から1月3日まで休業します。', '1月4日から通常どおり営業します。', '<b>お急ぎの方はお電話ください。</b>']);
  assert.equal(await news.locator('b').count(), 0, 'the body is text, never HTML');
  await checked(phone, 'c-44-news-on-agency-page');

  await page.getByRole('button', { name: '「年末年始の営業について」を非公開にする' }).click();
  await page.getByText('お知らせを非公開にしました。').waitFor();
  await phone.reload();
  assert.equal(await phone.locator('.news-item').count(), 0);
  await phone.getByText('現在お知らせはありません。').waitFor();
});

it("an agency member who edits the URL to another agency's customer sees the not-found page, and the admin finds it in 操作ログ as アクセス拒否", async () => {
  const db = t.deps.db;
  await insertPolicy(db, { policy_number: 'C200000001', agency_code: 'D0002', holder_family_name: '北村', holder_given_name: '一郎', holder_family_kana: 'キタムラ', holder_given_kana: 'イチロウ', end_date: soon, start_date: addDays(soon, -365) });
  const other = await insertCustomer(db, { userId: 'kitamura@example.com', password: 'Kita12345', familyName: '北村', givenName: '一郎', familyKana: 'キタムラ', givenKana: 'イチロウ', policies: ['C200000001'] });
  await upsertReadyStaff(db, t.deps.secret, clock.now(), [{ login: 'admin.sato', name: '佐藤 管理', role: 'admin', agencyCode: null, password: 'Admin-Console-2026', totpSecret: SECRET }]);

  const page = await officePage(browser);
  await logIn(page);
  clock.advance(1000);
  await page.goto(`${t.baseUrl}/console/customers/${other.id}`);
  assert.equal(await page.locator('h1').textContent(), 'ページが見つかりません');
  await page.getByText('お探しのページは見つからないか、表示する権限がありません。').waitFor();
  assert.equal(await page.getByText('北村').count(), 0, 'nothing of the customer is shown');

  const admin = await officePage(browser);
  clock.advance(30_000);
  await consoleLogIn(admin, t.baseUrl, { login: 'admin.sato', password: 'Admin-Console-2026', secret: SECRET }, clock.now());
  await admin.getByRole('link', { name: '操作ログ' }).click();
  await admin.waitForURL(`${t.baseUrl}/console/audit`);
  await admin.getByLabel('種別').selectOption('access_denied');
  await admin.getByRole('button', { name: '絞り込む' }).click();
  await admin.waitForURL(/kind=access_denied/);
  const rows = admin.locator('tbody tr');
  assert.equal(await rows.count(), 1);
  const row = (await rows.first().textContent()) ?? '';
  assert.match(row, /アクセス拒否（見る権限のない記録・画面）/);
  assert.match(row, /田中 みらい/);
  assert.ok(row.includes(`/console/customers/${other.id}`), row);
});
