import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { addDays } from '../../src/features/reminders/offsets.js';
import { japanDate } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startCli, type CliRun } from '../support/cli.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, logIn, phoneBrowser } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { REMINDER_SUBJECT } from '../support/due-reminders.js';
import { stopAll } from '../support/processes.js';

// 満期案内 as a customer meets it: the worker (`keizoku worker`, as deployed) mails the holder 60
// days before 満期日; the mail names the service and its top page but carries no login link; the
// customer goes there on the phone, logs in as always and finds the policy's 継続手続.

let t: TestApp;
const runs: CliRun[] = [];
const phonePage = phoneBrowser();
const endDate = addDays(japanDate(new Date()), 60);

before(async () => {
  t = await startTestApp();
  await insertPolicy(t.deps.db, { policy_number: 'C555000001', start_date: addDays(endDate, -365), end_date: endDate, vehicle_model: 'プリウス' });
  await insertCustomer(t.deps.db, { userId: 'mitsusumi@example.com', password: 'Abc12345', policies: ['C555000001'] });
});
after(async () => {
  await stopAll(runs);
  await t.close();
});

it('the worker mails 満期案内 at T-60; the customer follows the top page it names, logs in and sees the policy to renew', async () => {
  runs.push(startCli(['worker'], { DATABASE_URL: t.database.url, SMTP_URL: t.mail.url, BASE_URL: t.baseUrl, RENEWAL_REMINDER_DAYS: '60,30,7' }));
  const mail = await t.mail.waitFor('mitsusumi@example.com', (m) => m.subject === REMINDER_SUBJECT, 30_000);
  const [y, m, d] = endDate.split('-').map(Number);
  assert.match(mail.text, /三住 太郎 様/);
  assert.match(mail.text, new RegExp(`${y}年${m}月${d}日に満期を迎えます（あと60日）`));
  assert.match(mail.text, /証券番号:C555000001/);
  assert.match(mail.text, /車名:プリウス/);
  assert.match(mail.text, /本メールには、ログイン用のURLは記載しておりません。/);
  const urls = mail.text.match(/https?:\/\/[\x21-\x7e]+/g) ?? [];
  assert.ok(urls.length > 0 && urls.every((url) => url.replace(/\)+$/, '') === `${t.baseUrl}/`), `only the top page: ${urls.join(' ')}`);

  const page = await phonePage();
  await page.goto(`${t.baseUrl}/`);
  await page.getByRole('link', { name: 'ログイン' }).first().click();
  await page.waitForURL(/\/login/);
  await logIn(page, t.baseUrl, 'mitsusumi@example.com', 'Abc12345');
  const policies = page.locator('.policy-list');
  assert.match((await policies.textContent()) ?? '', new RegExp(`C555000001[\\s\\S]*満期日 ${y}年${m}月${d}日`));
  await page.getByRole('link', { name: /継続手続/ }).first().waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
});
