import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { addApiClient } from '../../src/features/api-clients/service.js';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { checked, consoleLogIn, officePage } from '../support/console-e2e.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Kanri-Console-2026';

let t: TestApp;
let browser: Browser;
const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));

before(async () => {
  t = await startTestApp({ clock });
  await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [{ login: 'hanako.kanri', name: '管理 花子', role: 'admin', agencyCode: null, password: PASSWORD, totpSecret: SECRET }]);
  for (const [name, scopes] of [['基幹システム', 'policies:write,policies:read'], ['旧システム', 'policies:read']] as const) {
    const added = await addApiClient(t.deps.db, clock.now(), name, scopes);
    assert.ok(added.ok);
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});

it('the admin opens APIクライアント from the menu and revokes a client with a reason', async () => {
  const admin = await officePage(browser);
  clock.advance(30_000);
  await consoleLogIn(admin, t.baseUrl, { login: 'hanako.kanri', password: PASSWORD, secret: SECRET }, clock.now());
  await admin.getByRole('link', { name: 'APIクライアント' }).click();
  await admin.waitForURL(`${t.baseUrl}/console/api-clients`);
  const rows = (await admin.locator('tbody').textContent()) ?? '';
  assert.match(rows, /基幹システムkzc_\S{16}policies:write, policies:read2026-12-01 10:00-有効/);
  await admin.getByRole('region', { name: '無効化：旧システム' }).getByLabel('理由').fill('システム更改のため');
  await checked(admin, 'c-27-api-clients');
  await admin.getByRole('region', { name: '無効化：旧システム' }).getByRole('button', { name: '無効化する' }).click();
  await admin.getByText('APIクライアントを無効化しました。').waitFor();
  assert.match((await admin.locator('tbody').textContent()) ?? '', /旧システム.*無効（2026-12-01 10:0\d、理由：システム更改のため）/);
  assert.equal(await admin.getByRole('region', { name: '無効化：旧システム' }).count(), 0);
});
