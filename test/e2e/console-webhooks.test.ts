import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { enqueueWebhook, RETRY_WINDOW_MS } from '../../src/platform/webhooks/outbox.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { checked, consoleLogIn, officePage } from '../support/console-e2e.js';
import { ShiftedClock } from '../support/shifted-clock.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = `whsec_${Buffer.from('keizoku-webhook-test-secret-32by').toString('base64')}`;
const ADMIN = { login: 'hanako.kanri', password: 'Kanri-Console-2026', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };

let t: TestApp;
let browser: Browser;
let receiver: WebhookReceiver;
const clock = new ShiftedClock();

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  receiver = await new WebhookReceiver(SECRET, clock).start();
  t = await startTestApp({ clock, env: { WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET } });
  await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [{ login: ADMIN.login, name: '管理 花子', role: 'admin', agencyCode: null, password: ADMIN.password, totpSecret: ADMIN.secret }]);
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
  await receiver.stop();
});

it('the admin finds a given-up webhook on Webhook 配信状況 and resends it with a reason', async () => {
  const { db } = t.deps;
  receiver.answer = 503;
  const lost = await enqueueWebhook(db, { type: 'renewal_application.created', data: { reception_number: 'R20261125-ABCDEFGH', policy_number: 'C123456789' } }, clock.now());
  const row = () => db.selectFrom('webhook_outbox').selectAll().where('id', '=', lost).executeTakeFirstOrThrow();
  await until(async () => (await row()).attempts === 1, 'the first attempt');
  clock.advance(RETRY_WINDOW_MS);
  await until(async () => (await row()).gave_up_at !== null, 'giving up after 3 days');
  receiver.answer = 200;
  await enqueueWebhook(db, { type: 'customer.registered', data: { customer_id: 'c-1', policy_numbers: ['C123456790'] } }, clock.now());
  await enqueueWebhook(db, { type: 'change_request.created', data: { id: 'r-1', kind: 'address' } }, clock.now());
  await until(async () => receiver.deliveredIds().length === 2, 'the two new events delivered');

  const admin = await officePage(browser);
  await consoleLogIn(admin, t.baseUrl, ADMIN, clock.now());
  await admin.getByRole('link', { name: 'Webhook 配信状況' }).click();
  await admin.waitForURL(`${t.baseUrl}/console/webhooks`);
  assert.equal(await admin.locator('h1').textContent(), 'Webhook 配信状況');
  assert.match((await admin.locator('.webhook-counts').textContent()) ?? '', /すべて（3件）\s*配信済（2件）\s*再試行待ち（0件）\s*断念（1件）/);
  const lostRow = admin.locator('tr', { hasText: lost });
  assert.match((await lostRow.textContent()) ?? '', /断念.*renewal_application\.created.*HTTP 503/);
  assert.equal(await admin.locator('.webhook-table tbody tr').count(), 3);
  assert.ok((await admin.evaluate(() => document.documentElement.scrollWidth)) <= 1280, 'the table fits 1280 px');
  await checked(admin, 'c-26-webhooks');

  await lostRow.getByRole('link', { name: '再送' }).click();
  await admin.waitForURL(`${t.baseUrl}/console/webhooks/${lost}`);
  await admin.getByRole('button', { name: '再送する' }).click();
  await admin.getByText('理由を入力してください。').first().waitFor();
  await admin.getByLabel('理由', { exact: true }).fill('基幹システムの受信障害が復旧したため');
  await admin.getByRole('button', { name: '再送する' }).click();
  await admin.getByText('Webhookを再送の対象にしました。').waitFor();
  await until(async () => (await row()).delivered_at !== null, 'the resent event delivered');
  await admin.reload();
  assert.match((await admin.locator('.webhook-counts').textContent()) ?? '', /配信済（3件）\s*再試行待ち（0件）\s*断念（0件）/);
  assert.equal(receiver.deliveredIds().filter((id) => id === lost).length, 1);
});
