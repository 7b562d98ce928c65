import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, logIn, pageWithAuthenticator } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { NARROW_PHONE, phoneProblems } from '../support/phone-check.js';

// The screens this stop added, walked at 360 px as phone.test.ts walks the older ones:
// ログイン方法 (passkeys), ご本人確認, ログイン履歴, パスキーでログイン and the top page's agency finder.
const START = new Date('2026-11-25T10:00:00+09:00');
const USER = { userId: 'walk.passkey@example.com', password: 'Mt4sQx9v' };

const clock = new ManualClock(START);
let t: TestApp;
let browser: Browser;

before(async () => {
  t = await startTestApp({ clock, host: 'localhost' });
  await insertPolicy(t.deps.db, { policy_number: 'C720000001' });
  await insertCustomer(t.deps.db, { ...USER, policies: ['C720000001'] });
  const at = START.toISOString();
  // 45 agencies: more than 20, so the top page shows the finder, and 代理店 finds three pages of them.
  const agencies = Array.from({ length: 45 }, (_, i) => ({ code: `D${String(i + 101).padStart(4, '0')}`, name: `代理店${i + 1}`, created_at: at, updated_at: at }));
  agencies[7] = { ...agencies[7]!, name: 'あおば保険サービス株式会社' };
  await t.deps.db.insertInto('agencies').values(agencies).execute();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** A 360 px phone with a built-in virtual authenticator (CDP WebAuthn), as in passkeys.test.ts. */
async function phoneWithAuthenticator(): Promise<Page> {
  return pageWithAuthenticator(await browser.newContext({ viewport: NARROW_PHONE, locale: 'ja-JP' }));
}

/** The page at 360 px: no tap target under 44 px, no number or short word cut across lines, no axe violation. */
async function feelsFinished(page: Page, name: string): Promise<void> {
  assert.deepEqual(await phoneProblems(page), [], `${name} (${page.url()})`);
  assert.deepEqual(await accessibilityViolations(page), [], name);
}

it('the agency finder at 360 px: the form, an error, results and paging', async () => {
  const page = await phoneWithAuthenticator();
  await page.goto(`${t.baseUrl}/`);
  const finder = page.getByRole('region', { name: '取扱代理店' });
  await finder.getByLabel('代理店名または代理店コード').waitFor();
  await feelsFinished(page, 'top with the finder');
  await finder.getByRole('button', { name: '検索' }).click();
  await page.waitForURL((url) => url.searchParams.has('q'));
  await finder.getByRole('alert').waitFor();
  await feelsFinished(page, 'finder with nothing typed');
  await finder.getByLabel('代理店名または代理店コード').fill('代理店');
  await finder.getByRole('button', { name: '検索' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === '代理店');
  assert.match((await page.locator('.pager').textContent()) ?? '', /1 \/ 3ページ/);
  await feelsFinished(page, 'finder results, page 1');
  await page.locator('.pager').getByRole('link', { name: '次へ' }).click();
  await page.waitForURL((url) => url.searchParams.get('page') === '2');
  await feelsFinished(page, 'finder results, page 2 (前へ and 次へ)');
  await page.goto(`${t.baseUrl}/?q=${encodeURIComponent('あおば')}`);
  assert.deepEqual(await finder.getByRole('link').allTextContents(), ['あおば保険サービス株式会社']);
  await feelsFinished(page, 'finder with one result');
  await page.context().close();
});

it('ログイン方法, ご本人確認, the password-login switch, 削除 and ログイン履歴 at 360 px', async () => {
  const page = await phoneWithAuthenticator();
  await page.goto(`${t.baseUrl}/login`);
  await page.getByRole('button', { name: 'パスキーでログイン' }).waitFor();
  await feelsFinished(page, 'login with パスキーでログイン');
  // This authenticator holds no passkey yet: the block says so, next to its button.
  await page.getByRole('button', { name: 'パスキーでログイン' }).click();
  await page.locator('.passkey-login .webauthn-error').waitFor({ state: 'visible' });
  await feelsFinished(page, 'login with a passkey error');
  await page.goto(`${t.baseUrl}/login?passkey=failed`);
  assert.match(await page.locator('main').innerText(), /パスキーでログインできませんでした。/);
  await feelsFinished(page, 'login after a refused passkey');
  await logIn(page, t.baseUrl, USER.userId, USER.password);

  clock.advance(11 * 60_000);
  await page.goto(`${t.baseUrl}/mypage/changes/login-methods`);
  await feelsFinished(page, 'login methods, no passkey');
  await page.getByRole('link', { name: 'パスキーを登録する' }).click();
  await page.waitForURL(/\/reauth\?next=/);
  await feelsFinished(page, 'reauth');
  await page.getByRole('button', { name: '確認する' }).click();
  await page.locator('#f-password-error').waitFor();
  await feelsFinished(page, 'reauth with an error');
  await page.getByLabel('パスワード', { exact: true }).fill(USER.password);
  await page.getByRole('button', { name: '確認する' }).click();
  await page.waitForURL(/\/login-methods\/register$/);
  await feelsFinished(page, 'register a passkey');
  await page.getByLabel('パスキーの名前', { exact: true }).fill('私のスマートフォン');
  await page.getByRole('button', { name: 'パスキーを登録する' }).click();
  await page.waitForURL(/\?done=registered$/);
  await feelsFinished(page, 'login methods with a passkey');

  await page.getByRole('button', { name: 'パスワードでのログインを停止する' }).click();
  await page.waitForURL(/\?done=stopped$/);
  await feelsFinished(page, 'login methods, password login stopped');
  // Later, with password login stopped, ご本人確認 offers the passkey only.
  clock.advance(11 * 60_000);
  await page.goto(`${t.baseUrl}/mypage/changes/login-methods/register`);
  await page.waitForURL(/\/reauth\?next=/);
  await page.getByRole('button', { name: 'パスキーで確認する' }).waitFor();
  assert.match(await page.locator('main').innerText(), /パスワードでのログインを停止しているため、パスキーでご本人確認ください。/);
  await feelsFinished(page, 'reauth with a passkey, password login stopped');
  await page.getByRole('button', { name: 'パスキーで確認する' }).click();
  await page.waitForURL(/\/login-methods\/register$/);
  await page.goto(`${t.baseUrl}/mypage/changes/login-methods`);
  await page.getByRole('button', { name: 'パスワードでのログインを再開する' }).click();
  await page.waitForURL(/\?done=resumed$/);
  await feelsFinished(page, 'login methods, password login resumed');

  await page.getByRole('link', { name: '私のスマートフォンを削除' }).click();
  await page.waitForURL(/\/delete$/);
  await feelsFinished(page, 'delete a passkey');
  await page.getByRole('button', { name: '削除する' }).click();
  await page.waitForURL(/\?done=removed$/);

  // A second browser logged in: ログイン履歴 lists both, with ログアウトさせる for the other.
  const other = await (await browser.newContext({ viewport: NARROW_PHONE, locale: 'ja-JP' })).newPage();
  await logIn(other, t.baseUrl, USER.userId, USER.password);
  await page.goto(`${t.baseUrl}/mypage/changes/login-history`);
  assert.equal(await page.locator('table.login-sessions tbody tr').count(), 2);
  assert.ok((await page.locator('table.login-attempts tbody tr').count()) >= 2);
  await feelsFinished(page, 'login history with two browsers');
  await page.locator('table.login-sessions tbody tr').nth(1).getByRole('button', { name: 'ログアウトさせる' }).click();
  await page.waitForURL(/\?ended=one$/);
  await feelsFinished(page, 'login history after ログアウトさせる');
  await other.context().close();
  await page.context().close();
});
