import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, shot } from './e2e.js';
import { codeAt } from './staff.js';

/** Office screens: the console is laid out for 1280 px. */
export const OFFICE = { width: 1280, height: 800 };

/** A separate person at their desk: their own context (cookies), an office screen. */
export async function officePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: OFFICE, locale: 'ja-JP' });
  return context.newPage();
}

/** axe finds nothing on the screen, and it is saved as docs/screenshots/<name>.png. */
export async function checked(page: Page, name: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page), [], name);
  await shot(page, name);
}

/** Both console login steps as staff type them: ID and password, then the authenticator's code at `at`. */
export async function consoleLogIn(page: Page, baseUrl: string, staff: { login: string; password: string; secret: string }, at: Date): Promise<void> {
  await page.goto(`${baseUrl}/console/login`);
  await page.getByLabel('ログインID', { exact: true }).fill(staff.login);
  await page.getByLabel('パスワード', { exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.waitForURL(`${baseUrl}/console/login/code`);
  await page.getByLabel('確認コード').fill(codeAt(staff.secret, at));
  await page.getByRole('button', { name: '確認', exact: true }).click();
  await page.waitForURL(`${baseUrl}/console`);
}
