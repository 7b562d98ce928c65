import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import lighthouse from 'lighthouse';
import { chromium, type BrowserContext } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { freePort, startTestApp, type TestApp } from '../support/app.js';
import { chromiumPath, CHROMIUM_FLAGS } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { insertPolicy } from '../support/factories.js';

// Issue 12: Lighthouse (mobile, its default simulated phone and network) gives 100 in each category
// on the main screens, in both languages. One Chromium with a debugging port; Lighthouse drives a
// tab of it and keeps its cookies (the logged-in screens), each screen in Japanese and in English.

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const USER_ID = 'lighthouse@example.com';
const PASSWORD = 'Abc12345';

let t: TestApp;
let context: BrowserContext;
let profile: string;
let port: number;

before(async () => {
  t = await startTestApp({ clock: new ManualClock(new Date('2026-11-25T01:00:00Z')), env: { MAINTENANCE_WINDOWS: 'Mon 02:00-04:00' } });
  await insertPolicy(t.deps.db);
  await insertCustomer(t.deps.db, { userId: USER_ID, password: PASSWORD, policies: ['C123456789'] });
  port = await freePort();
  profile = mkdtempSync(join(tmpdir(), 'keizoku-lighthouse-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`] });
});

async function logIn(): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${t.baseUrl}/login`);
  await page.getByLabel(/^(ユーザーID|User ID)/).fill(USER_ID);
  await page.getByLabel(/^(パスワード|Password)$/).fill(PASSWORD);
  await page.locator('form[action="/login"] button[type=submit]').click();
  await page.waitForURL(/\/mypage$/);
  await page.close();
}

after(async () => {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await t.close();
});

async function scores(path: string, language: 'ja' | 'en'): Promise<{ score: Record<string, number | null>; failing: string[] }> {
  await context.addCookies([{ name: 'keizoku_lang', value: language, url: t.baseUrl }]);
  const result = await lighthouse(`${t.baseUrl}${path}`, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], disableStorageReset: true });
  assert.ok(result, `no Lighthouse result for ${path}`);
  const { categories, audits } = result.lhr;
  const failing = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
    .map((a) => `${a.id} (${a.score})`);
  return { score: Object.fromEntries(CATEGORIES.map((c) => [c, categories[c]?.score ?? null])), failing };
}

const LANGUAGES = ['ja', 'en'] as const;

function screen(path: string, language: (typeof LANGUAGES)[number]): void {
  it(`${path} in ${language === 'ja' ? 'Japanese' : 'English'}: 100 for performance, accessibility, best practices and SEO`, async () => {
    const got = await scores(path, language);
    assert.deepEqual(got.score, Object.fromEntries(CATEGORIES.map((c) => [c, 1])), `${path} (${language}): ${got.failing.join(', ')}`);
  });
}

describe('Lighthouse, mobile', () => {
  for (const path of ['/', '/login', '/register']) for (const language of LANGUAGES) screen(path, language);
  it('(logs in, for the screens behind the login)', logIn);
  for (const path of ['/mypage', '/renewal/C123456789']) for (const language of LANGUAGES) screen(path, language);
});
