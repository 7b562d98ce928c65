import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { checked, consoleLogIn, officePage } from '../support/console-e2e.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, logIn, PHONE } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { applicationRow, insertApplicationRow } from '../support/processing.js';

// 変更受付 and 継続申込 in a browser: the customer files an address change on their phone, the desk
// sends it back (差戻し) with a note in the console, and the customer reads the note under
// 各種変更の手続き; the desk opens a renewal application and downloads the customer's PDF.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STAFF_PASSWORD = 'Desk-Console-2026';
const CUSTOMER_PASSWORD = 'Abc12345';
const NOTE = '番地の表記を確認できませんでした。お手数ですが、取扱代理店までお電話ください。';

let t: TestApp;
let browser: Browser;
const clock = new ManualClock(new Date('2026-11-25T01:00:00Z'));

before(async () => {
  t = await startTestApp({ clock });
  await insertPolicy(t.deps.db);
  const customer = await insertCustomer(t.deps.db, { userId: 'abc@example.com', password: CUSTOMER_PASSWORD, policies: ['C123456789'] });
  await insertApplicationRow(t.deps.db, applicationRow('C123456789', customer.id, { reception_number: 'R20261125-7KQ2M9XD' }));
  await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [{ login: 'desk.suzuki', name: '鈴木 窓口', role: 'desk', agencyCode: null, password: STAFF_PASSWORD, totpSecret: SECRET }]);
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

it('the desk sends an address change back with a note, and the customer reads it under 各種変更の手続き', async () => {
  const customer = await (await browser.newContext({ viewport: PHONE, locale: 'ja-JP' })).newPage();
  await logIn(customer, t.baseUrl, 'abc@example.com', CUSTOMER_PASSWORD);
  await customer.goto(`${t.baseUrl}/mypage/changes/address`);
  await customer.getByLabel('郵便番号', { exact: true }).fill('1050011');
  await customer.getByLabel('住所', { exact: true }).fill('東京都港区芝公園４－２－８');
  await customer.getByLabel('電話番号', { exact: true }).fill('090-1234-5678');
  await customer.getByRole('button', { name: '変更を申し込む' }).click();
  await customer.waitForURL(/\/mypage\/changes\/address\/complete$/);

  clock.advance(60_000);
  const desk = await officePage(browser);
  await consoleLogIn(desk, t.baseUrl, { login: 'desk.suzuki', password: STAFF_PASSWORD, secret: SECRET }, clock.now());
  await desk.getByRole('link', { name: '変更受付' }).click();
  await desk.getByRole('heading', { name: '未処理 1件' }).waitFor();
  const row = desk.locator('.desk-table tbody tr').first();
  assert.match((await row.textContent()) ?? '', /三住 太郎.*C123456789.*東京都千代田区丸の内1-1-1.*→.*東京都港区芝公園4-2-8.*未処理/);
  await checked(desk, 'c-30-change-requests');

  await row.getByRole('link').click();
  await desk.getByRole('heading', { name: '変更のお申出' }).waitFor();
  await desk.getByLabel('差戻し（お受けできません）').check();
  await desk.getByRole('button', { name: '記録する' }).click();
  assert.match(await desk.locator('#f-note-error').innerText(), /差戻しの理由（お客さまへのご連絡）を入力してください/);
  await desk.getByLabel('お客さまへのご連絡').fill(NOTE);
  await checked(desk, 'c-31-change-request');
  await desk.getByRole('button', { name: '記録する' }).click();
  await desk.getByRole('status').getByText('処理結果を記録しました。').waitFor();
  assert.match((await desk.locator('#outcome-heading + .entries, #outcome-heading ~ dl').first().innerText()) ?? '', /差戻し[\s\S]*番地の表記[\s\S]*鈴木 窓口（desk\.suzuki）/);
  await checked(desk, 'c-32-change-request-decided');

  await customer.goto(`${t.baseUrl}/mypage/changes`);
  const item = await customer.locator('.change-requests li').innerText();
  assert.match(item, /差戻し/);
  assert.ok(item.includes(`保険会社からのご連絡：${NOTE}`), item);
  assert.deepEqual(await accessibilityViolations(customer), []);
});

it('the desk opens a renewal application and downloads the PDF the customer got', async () => {
  const desk = await officePage(browser);
  clock.advance(60_000);
  await consoleLogIn(desk, t.baseUrl, { login: 'desk.suzuki', password: STAFF_PASSWORD, secret: SECRET }, clock.now());
  await desk.getByRole('link', { name: '継続申込' }).click();
  await desk.getByLabel('取込状態').selectOption('pending');
  await desk.getByRole('button', { name: '絞り込む' }).click();
  await desk.getByRole('heading', { name: '継続申込 1件' }).waitFor();
  await checked(desk, 'c-33-applications');
  await desk.getByRole('link', { name: 'R20261125-7KQ2M9XD' }).click();
  await desk.getByRole('heading', { name: '継続申込 R20261125-7KQ2M9XD' }).waitFor();
  await checked(desk, 'c-34-application');

  const downloadStarted = desk.waitForEvent('download');
  await desk.getByRole('link', { name: '申込内容確認書（PDF）をダウンロード' }).click();
  const download = await downloadStarted;
  assert.equal(download.suggestedFilename(), 'renewal-R20261125-7KQ2M9XD.pdf');
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-e2e-pdf-'));
  try {
    const file = join(dir, 'application.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    assert.match(text, /申込内容確認書/);
    assert.ok(text.includes('R20261125-7KQ2M9XD'), text);
    assert.match(text, /58,200円/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
