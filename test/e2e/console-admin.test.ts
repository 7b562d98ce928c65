import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { checked, consoleLogIn, officePage as officePageOf } from '../support/console-e2e.js';
import { shot } from '../support/e2e.js';
import { codeAt } from '../support/staff.js';
import { insertPolicy } from '../support/factories.js';
import { MailCatcher } from '../support/mail-catcher.js';
import { linkOn, showMail } from '../support/mail-page.js';

const ADMIN_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ADMIN_PASSWORD = 'Kanri-Console-2026';
const DESK_PASSWORD = 'Desk-Console-2026';

let t: TestApp;
let browser: Browser;
// Real time (the setup link is stamped with it), moved one TOTP step on before each login.
const clock = new ManualClock(new Date());

before(async () => {
  t = await startTestApp({ clock });
  await insertPolicy(t.deps.db);
  await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [{ login: 'hanako.kanri', name: '管理 花子', role: 'admin', agencyCode: null, password: ADMIN_PASSWORD, totpSecret: ADMIN_SECRET }]);
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

async function logIn(page: Page, login: string, password: string, secret: string): Promise<void> {
  clock.advance(30_000);
  await consoleLogIn(page, t.baseUrl, { login, password, secret }, clock.now());
}

const officePage = () => officePageOf(browser);

it('the admin adds a desk member by mail, the member sets up and logs in, the admin disables them, and the audit log shows it', async () => {
  const admin = await officePage();
  await logIn(admin, 'hanako.kanri', ADMIN_PASSWORD, ADMIN_SECRET);
  await checked(admin, 'c-20-admin-home');
  await admin.getByRole('link', { name: 'スタッフ管理' }).click();
  await admin.waitForURL(`${t.baseUrl}/console/staff`);
  assert.equal(await admin.locator('h1').textContent(), 'スタッフ管理');

  await admin.getByRole('link', { name: '職員を追加' }).click();
  await admin.waitForURL(`${t.baseUrl}/console/staff/new`);
  await admin.getByLabel('ログインID', { exact: true }).fill('ichiro.desk');
  await admin.getByLabel('氏名', { exact: true }).fill('窓口 一郎');
  await admin.getByLabel('メールアドレス', { exact: true }).fill('ichiro.desk@example.com');
  await admin.getByLabel('権限', { exact: true }).selectOption('desk');
  await admin.getByLabel('理由', { exact: true }).fill('インターネットデスク配属');
  await checked(admin, 'c-22-staff-add');
  await admin.getByRole('button', { name: '追加する' }).click();
  await admin.getByText('初期設定のURLを、登録したメールアドレスに送信しました。').waitFor();
  const detailUrl = admin.url().replace(/\?.*$/, '');
  assert.doesNotMatch(await admin.content(), /token=/, 'the setup URL is not on the screen');

  // The member, in a browser of their own, from the mail.
  const mail = await t.mail.waitFor('ichiro.desk@example.com');
  const member = await officePage();
  await showMail(member, mail);
  await shot(member, 'c-23-setup-mail');

  // The mail got lost before the member opened it: the admin reissues the setup URL, the first one stops working.
  await admin.goto(detailUrl);
  await admin.locator('form[action$="/setup-link"]').getByLabel('理由').fill('初期設定のメールが見つからないと連絡あり');
  await checked(admin, 'c-13-staff-setup-reissue');
  await admin.getByRole('button', { name: '初期設定のURLを再発行する' }).click();
  await admin.getByText('初期設定のURLを再発行し、登録済みのメールアドレスに送信しました').waitFor();
  const reissued = await t.mail.waitFor('ichiro.desk@example.com', (m) => m.text.includes('管理者が再発行しました'));
  await member.goto(linkOn(t.baseUrl, MailCatcher.firstUrl(mail)));
  assert.notEqual(await member.locator('h1').textContent(), '初期設定：パスワードの設定', 'the first link no longer opens');
  await member.goto(linkOn(t.baseUrl, MailCatcher.firstUrl(reissued)));
  assert.equal(await member.locator('h1').textContent(), '初期設定：パスワードの設定');
  await member.getByLabel('パスワード', { exact: true }).fill(DESK_PASSWORD);
  await member.getByLabel('パスワード（確認用）', { exact: true }).fill(DESK_PASSWORD);
  await member.getByRole('button', { name: '次へ' }).click();
  await member.waitForURL(`${t.baseUrl}/console/setup/totp`);
  const secret = ((await member.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
  await member.getByLabel('確認コード').fill(codeAt(secret, clock.now()));
  await member.getByRole('button', { name: '確認' }).click();
  await member.getByRole('heading', { name: '初期設定：リカバリーコードの保管' }).waitFor();
  await logIn(member, 'ichiro.desk', DESK_PASSWORD, secret);
  assert.match((await member.locator('.staff-summary').textContent()) ?? '', /窓口 一郎.*ichiro\.desk.*インターネットデスク/);

  await admin.goto(`${t.baseUrl}/console/staff`);
  assert.match((await admin.locator('tbody').textContent()) ?? '', /ichiro\.desk窓口 一郎インターネットデスク-有効登録済/);
  await checked(admin, 'c-21-staff-list');

  await admin.goto(detailUrl);
  await admin.locator('form[action$="/disable"]').getByLabel('理由').fill('異動のため');
  await checked(admin, 'c-24-staff-detail');
  await admin.getByRole('button', { name: '停止する' }).click();
  await admin.getByText('職員を停止しました。ログイン中のセッションは終了しました。').waitFor();

  // The member's session has ended at once.
  await member.goto(`${t.baseUrl}/console`);
  await member.waitForURL(`${t.baseUrl}/console/login`);

  await admin.goto(`${t.baseUrl}/console`);
  await admin.getByRole('link', { name: '操作ログ' }).click();
  await admin.waitForURL(`${t.baseUrl}/console/audit`);
  const log = (await admin.locator('tbody').textContent()) ?? '';
  for (const expected of ['職員の停止', '異動のため', '初期設定の完了', '職員の追加', 'インターネットデスク配属']) assert.ok(log.includes(expected), expected);
  assert.ok(log.indexOf('職員の停止') < log.indexOf('職員の追加'), 'newest first');
  await checked(admin, 'c-25-audit-log');

  await admin.getByLabel('種別').selectOption('staff_disabled');
  await admin.getByRole('button', { name: '絞り込む' }).click();
  await admin.waitForURL(/kind=staff_disabled/);
  assert.equal(await admin.locator('tbody tr').count(), 1);
  const download = admin.waitForEvent('download');
  await admin.getByRole('link', { name: 'CSVダウンロード' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'audit-log.csv');
});
