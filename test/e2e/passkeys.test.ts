import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ManualClock, formatDateTimeJa } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { PHONE, accessibilityViolations, logIn, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { WebClient } from '../support/web-client.js';

const PASSWORD = 'Mt4sQx9v';
// Wednesday 2026-11-25 10:00 in Japan.
const START = new Date('2026-11-25T10:00:00+09:00');

/**
 * A phone-sized context with its own Chromium virtual authenticator (CDP WebAuthn domain):
 * CTAP2, built in (internal), resident keys, user verification that always succeeds.
 */
async function personWithAuthenticator(browser: Browser): Promise<{ context: BrowserContext; page: Page; credentials: () => Promise<number> }> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length;
  return { context, page, credentials };
}

describe('passkeys in the browser (virtual authenticator)', () => {
  const clock = new ManualClock(START);
  let t: TestApp;
  let browser: Browser;
  let seq = 0;

  async function customer(): Promise<{ id: string; userId: string }> {
    seq += 1;
    const policyNumber = `C71000000${seq}`;
    await insertPolicy(t.deps.db, { policy_number: policyNumber });
    const userId = `pk${seq}@example.com`;
    const row = await insertCustomer(t.deps.db, { userId, password: PASSWORD, policies: [policyNumber] });
    return { id: row.id, userId };
  }

  const auditKinds = async (customerId: string) =>
    (await t.deps.db.selectFrom('audit_events').select('kind').where('customer_id', '=', customerId).orderBy('at').execute()).map((r) => r.kind);

  before(async () => {
    t = await startTestApp({ clock, host: 'localhost' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('registers a passkey after re-entering the password, logs in with it, refuses a replay and another authenticator, and removes it', async () => {
    const { id, userId } = await customer();
    const alice = await personWithAuthenticator(browser);
    const page = alice.page;
    await logIn(page, t.baseUrl, userId, PASSWORD);

    // Step-up: 11 minutes after the login, registering asks for the password again and comes back.
    clock.advance(11 * 60_000);
    await page.getByRole('link', { name: '各種変更の手続き', exact: true }).click();
    await page.getByRole('link', { name: 'ログイン方法を変更する' }).click();
    await page.waitForURL(/\/mypage\/changes\/login-methods$/);
    assert.match(await page.locator('main').innerText(), /登録済みのパスキーはありません。/);
    await page.getByRole('link', { name: 'パスキーを登録する' }).click();
    await page.waitForURL(/\/reauth\?next=/);
    await page.getByLabel('パスワード', { exact: true }).fill('wrong-password1');
    await page.getByRole('button', { name: '確認する' }).click();
    assert.match(await page.locator('#f-password-error').innerText(), /パスワードが正しくありません。/);
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, 'pk-02-reauth');
    await page.getByLabel('パスワード', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '確認する' }).click();
    await page.waitForURL(/\/mypage\/changes\/login-methods\/register$/);

    await page.getByLabel('パスキーの名前', { exact: true }).fill('私のスマートフォン');
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, 'pk-03-register');
    await page.getByRole('button', { name: 'パスキーを登録する' }).click();
    await page.waitForURL(/\/mypage\/changes\/login-methods\?done=registered$/);
    assert.equal(await alice.credentials(), 1, 'the authenticator holds the new discoverable credential');
    const row = page.locator('table.passkeys tbody tr');
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), new RegExp(`私のスマートフォン\\s+${formatDateTimeJa(clock.now())}\\s+未使用`));

    // Log out, then パスキーでログイン; the assertion the page posts is kept for the replay below.
    await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
    await page.waitForURL(/\/logout$/);
    clock.advance(60_000);
    await page.goto(`${t.baseUrl}/login`);
    assert.equal(await page.getByLabel('ユーザーID', { exact: true }).getAttribute('autocomplete'), 'username webauthn');
    assert.deepEqual(await accessibilityViolations(page), []);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/login/passkey'));
    await page.getByRole('button', { name: 'パスキーでログイン' }).click();
    const assertion = new URLSearchParams((await posted).postData() ?? '').get('credential') ?? '';
    await page.waitForURL(/\/mypage$/);
    assert.ok(assertion.includes('"authenticatorData"'), 'the page posted the assertion JSON');

    // Again through the ユーザーID field's autofill (conditional UI): a focus offers the passkey.
    await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
    await page.waitForURL(/\/logout$/);
    clock.advance(60_000);
    await page.goto(`${t.baseUrl}/login`);
    await page.getByLabel('ユーザーID', { exact: true }).focus();
    await page.waitForURL(/\/mypage$/);

    await page.getByRole('link', { name: '各種変更の手続き', exact: true }).click();
    await page.getByRole('link', { name: 'ログイン方法を変更する' }).click();
    assert.match(await row.innerText(), new RegExp(`私のスマートフォン\\s+${formatDateTimeJa(new Date(START.getTime() + 11 * 60_000))}\\s+${formatDateTimeJa(clock.now())}`));
    assert.deepEqual(await accessibilityViolations(page), []);
    await shot(page, 'pk-04-methods');

    // The same assertion again, from a real HTTP client with a page and a token of its own: refused.
    const replayer = new WebClient(t.baseUrl);
    await replayer.get('/login');
    const replay = await replayer.post('/login/passkey', { credential: assertion });
    assert.equal(replay.status, 303);
    assert.equal(replay.location, '/login?passkey=failed');
    assert.equal((await replayer.get('/mypage')).status, 303, 'no session came of the replay');
    assert.match((await replayer.get('/login?passkey=failed')).html, /パスキーでログインできませんでした。/);

    // Another person's browser with its own authenticator has no such passkey: no login.
    const mallory = await personWithAuthenticator(browser);
    await mallory.page.goto(`${t.baseUrl}/login`);
    await mallory.page.getByRole('button', { name: 'パスキーでログイン' }).click();
    await mallory.page.locator('.passkey-login .webauthn-error').waitFor({ state: 'visible' });
    assert.match(await mallory.page.locator('.passkey-login .webauthn-error').innerText(), /パスキーの操作が取り消されたか|パスキーを利用できませんでした/);
    assert.match(mallory.page.url(), /\/login$/);
    assert.equal((await mallory.page.request.get(`${t.baseUrl}/mypage`, { maxRedirects: 0 })).status(), 303);
    await mallory.context.close();

    // 削除, with a confirmation.
    await page.getByRole('link', { name: '私のスマートフォンを削除' }).click();
    await page.waitForURL(/\/delete$/);
    assert.match(await page.locator('p.lead').innerText(), /パスキー「私のスマートフォン」を削除します。よろしいですか。/);
    await shot(page, 'pk-05-delete');
    await page.getByRole('button', { name: '削除する' }).click();
    await page.waitForURL(/\?done=removed$/);
    assert.match(await page.locator('main').innerText(), /パスキーを削除しました。[\s\S]*登録済みのパスキーはありません。/);

    const kinds = await auditKinds(id);
    for (const kind of ['reauth_failed', 'reauth_succeeded', 'passkey_registered', 'passkey_login_succeeded', 'passkey_login_failed', 'passkey_removed']) assert.ok(kinds.includes(kind), `audit has ${kind}`);
    await alice.context.close();
  });

  it('without JavaScript the login page explains what passkeys need, and password login works', async () => {
    const { userId } = await customer();
    const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/login`);
    assert.equal(await page.getByRole('button', { name: 'パスキーでログイン' }).count(), 0, 'no passkey button without JavaScript');
    assert.match(await page.locator('.passkey-login').innerText(), /JavaScript を有効にしてください/);
    await logIn(page, t.baseUrl, userId, PASSWORD);
    await context.close();
  });
});
