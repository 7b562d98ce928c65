import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from './browser.js';

export const PHONE = { width: 390, height: 844 };

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2 A/AA violations axe-core finds on the page (evaluated by the driver, so CSP allows it). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  return page.evaluate(
    `${axeSource}; axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  );
}

/** A full-page screenshot saved as docs/screenshots/<name>.png. */
export const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(name), fullPage: true });

/**
 * Launches one browser for the test file (closed after its tests) and returns phonePage(),
 * which opens a page in a new phone-sized, Japanese-locale context: a separate person or device.
 */
export function phoneBrowser(): () => Promise<Page> {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => browser.close());
  return async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP' });
    return context.newPage();
  };
}

/** Fills and submits the login form, without waiting for where it leads. */
export async function fillLogin(page: Page, baseUrl: string, userId: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('ユーザーID', { exact: true }).fill(userId);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

/** Logs in and waits for home (/mypage). */
export async function logIn(page: Page, baseUrl: string, userId: string, password: string): Promise<void> {
  await fillLogin(page, baseUrl, userId, password);
  await page.waitForURL(/\/mypage$/);
}

/** A page of `context` with Chromium's virtual authenticator (CDP WebAuthn): a phone's built-in passkey, user verified. */
export async function pageWithAuthenticator(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return page;
}
