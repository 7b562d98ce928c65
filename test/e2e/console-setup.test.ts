import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { checked, officePage as officePageOf } from '../support/console-e2e.js';
import { codeAt, setupPathOf, staffCli } from '../support/staff.js';

const PASSWORD = 'Kanri-Console-2026';

let t: TestApp;
let browser: Browser;
// Real time (the CLI stamps the setup link with it), moved one TOTP step on before the login.
const clock = new ManualClock(new Date());

before(async () => {
  t = await startTestApp({ clock });
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

const officePage = () => officePageOf(browser);

it('the first admin, from the CLI through setup and TOTP to the console home, and out again', async () => {
  const added = await staffCli(t, ['add', '--login', 'first.admin', '--name', '管理 花子', '--role', 'admin']);
  assert.equal(added.code, 0, added.stderr);
  const setupUrl = `${t.baseUrl}${setupPathOf(t, added.stdout)}`;

  const page = await officePage();
  await page.goto(setupUrl);
  assert.equal(await page.locator('h1').textContent(), '初期設定：パスワードの設定');
  await page.getByLabel('パスワード', { exact: true }).fill('short1');
  await page.getByLabel('パスワード（確認用）', { exact: true }).fill('short1');
  await page.getByRole('button', { name: '次へ' }).click();
  await page.getByText('12文字以上64文字以下で入力してください。').waitFor();
  await page.getByLabel('パスワード', { exact: true }).fill(PASSWORD);
  await page.getByLabel('パスワード（確認用）', { exact: true }).fill(PASSWORD);
  await checked(page, 'c-01-setup-password');
  await page.getByRole('button', { name: '次へ' }).click();

  await page.waitForURL(`${t.baseUrl}/console/setup/totp`);
  assert.equal(await page.locator('h1').textContent(), '初期設定：認証アプリの登録');
  const qr = page.getByRole('img', { name: '認証アプリ登録用の二次元コード' });
  assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml;base64,/);
  assert.ok(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the QR code is drawn (CSP allows data: images)');
  const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await page.getByLabel('確認コード').fill(codeAt(secret, clock.now()));
  await checked(page, 'c-02-setup-totp');
  await page.getByRole('button', { name: '確認' }).click();

  await page.getByRole('heading', { name: '初期設定：リカバリーコードの保管' }).waitFor();
  const codes = await page.locator('.recovery-codes li').allTextContents();
  assert.equal(codes.length, 10);
  await checked(page, 'c-03-recovery-codes');

  // The next step's code: the one used at setup is spent.
  clock.advance(30_000);
  await page.getByRole('link', { name: 'ログイン画面へ' }).click();
  await page.waitForURL(`${t.baseUrl}/console/login`);
  await page.getByLabel('ログインID', { exact: true }).fill('first.admin');
  await page.getByLabel('パスワード', { exact: true }).fill(PASSWORD);
  await checked(page, 'c-04-login');
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();

  await page.waitForURL(`${t.baseUrl}/console/login/code`);
  await page.getByLabel('確認コード').fill(codeAt(secret, clock.now()));
  await checked(page, 'c-05-code');
  await page.getByRole('button', { name: '確認', exact: true }).click();

  await page.waitForURL(`${t.baseUrl}/console`);
  assert.equal(await page.locator('h1').textContent(), 'コンソール トップ');
  assert.match((await page.locator('.staff-summary').textContent()) ?? '', /管理 花子.*first\.admin.*管理者/);
  await checked(page, 'c-06-home');

  await page.locator('main').getByRole('button', { name: 'ログアウト' }).click();
  await page.waitForURL(`${t.baseUrl}/console/logout`);
  assert.equal(await page.locator('h1').textContent(), 'ログアウトしました');
  await checked(page, 'c-07-logged-out');
  await page.goto(`${t.baseUrl}/console`);
  await page.waitForURL(`${t.baseUrl}/console/login`);
});
