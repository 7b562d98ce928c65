import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium, type BrowserContext } from 'playwright-core';
import { policyRef } from '../../src/features/policies/policy-ref.js';
import { ManualClock } from '../../src/platform/clock.js';
import { freePort, startTestApp, type TestApp } from './app.js';
import { chromiumPath, CHROMIUM_FLAGS } from './browser.js';
import { insertCustomer } from './customers.js';
import { insertPolicy } from './factories.js';

// Lighthouse (mobile: its default simulated phone and network) on the customer site's main screens,
// in Japanese and English: one Chromium with a debugging port; Lighthouse drives a tab of it and keeps
// its cookies (the logged-in screens). Used by test/e2e/lighthouse.test.ts and bench/lighthouse.ts.

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
export const LANGUAGES = ['ja', 'en'] as const;
export const PUBLIC_SCREENS = ['/', '/login', '/register'];
// {C…}: the policy's reference in the URL, as the site links it.
export const LOGGED_IN_SCREENS = ['/mypage', '/renewal/{C123456789}'];

const USER_ID = 'lighthouse@example.com';
const PASSWORD = 'Abc12345';

export interface LighthouseSite {
  /** The categories' scores (0–1) of one screen in one language, and the audits that lost points. */
  scores(path: string, language: (typeof LANGUAGES)[number], categories: readonly Category[]): Promise<{ score: Record<string, number | null>; failing: string[] }>;
  logIn(): Promise<void>;
  close(): Promise<void>;
}

export async function lighthouseSite(): Promise<LighthouseSite> {
  const t: TestApp = await startTestApp({ clock: new ManualClock(new Date('2026-11-25T01:00:00Z')), env: { MAINTENANCE_WINDOWS: 'Mon 02:00-04:00' } });
  await insertPolicy(t.deps.db);
  await insertCustomer(t.deps.db, { userId: USER_ID, password: PASSWORD, policies: ['C123456789'] });
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'keizoku-lighthouse-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`] });
  return {
    async scores(path, language, categories) {
      await context.addCookies([{ name: 'keizoku_lang', value: language, url: t.baseUrl }]);
      const url = path.replace(/\{(\w+)\}/, (_, policyNumber: string) => policyRef(t.deps.secret, policyNumber));
      const result = await lighthouse(`${t.baseUrl}${url}`, { port, output: 'json', logLevel: 'error', onlyCategories: [...categories], disableStorageReset: true });
      if (!result) throw new Error(`no Lighthouse result for ${path}`);
      const { categories: got, audits } = result.lhr;
      const failing = Object.values(audits)
        .filter((a) => a.score !== null && a.score < 1 && !['informative', 'manual', 'notApplicable'].includes(a.scoreDisplayMode))
        .map((a) => `${a.id} (${a.score})`);
      return { score: Object.fromEntries(categories.map((c) => [c, got[c]?.score ?? null])), failing };
    },
    async logIn() {
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}/login`);
      await page.getByLabel(/^(ユーザーID|User ID)/).fill(USER_ID);
      await page.getByLabel(/^(パスワード|Password)$/).fill(PASSWORD);
      await page.locator('form[action="/login"] button[type=submit]').click();
      await page.waitForURL(/\/mypage$/);
      await page.close();
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await t.close();
    },
  };
}
