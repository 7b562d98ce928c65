import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, logIn, phoneBrowser, shot } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { MailCatcher, type CaughtMail } from '../support/mail-catcher.js';
import { linkOn } from '../support/mail-page.js';

// 各種変更の手続き in English on a phone: a customer who logged in on the Japanese site switches
// to English in the header, then changes the address, the e-mail address (through the mail's
// link) and the password, reading every page and mail in English.

const PASSWORD = 'Mt4sQx9v';
const NEW_PASSWORD = 'Kz7pWq2x';

const phonePage = phoneBrowser();

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An English mail as a simple phone page, for the guide's screenshot. */
async function showEnglishMail(page: Page, mail: CaughtMail): Promise<void> {
  await page.setContent(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:sans-serif;margin:0;padding:1rem;line-height:1.6;color:#1f2933}
dl{margin:0 0 1rem;border-bottom:1px solid #d9dee4;padding-bottom:.5rem}dt{font-weight:700;font-size:.8rem;color:#52606d}dd{margin:0 0 .4rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit;margin:0}</style></head>
<body><dl><dt>Subject</dt><dd>${escapeHtml(mail.subject)}</dd><dt>From</dt><dd>${escapeHtml(mail.from)}</dd><dt>To</dt><dd>${escapeHtml(mail.to)}</dd></dl>
<pre>${escapeHtml(mail.text)}</pre></body></html>`,
  );
}

async function englishPage(page: Page): Promise<void> {
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(await accessibilityViolations(page), [], page.url());
}

/** The 各種変更の手続き tab (the tab's own words belong to home: found by where it leads). */
async function openChanges(page: Page): Promise<void> {
  await page.locator('nav a[href="/mypage/changes"]').click();
  await page.waitForURL(/\/mypage\/changes$/);
}

describe('各種変更の手続き in English in the browser', () => {
  let t: TestApp;

  before(async () => {
    // Wednesday 2026-11-25 10:00 in Japan.
    t = await startTestApp({ clock: new ManualClock(new Date('2026-11-25T10:00:00+09:00')) });
  });
  after(async () => t.close());

  it('a customer switches to English, changes the address, the e-mail address and the password', async () => {
    await insertPolicy(t.deps.db, { policy_number: 'C900000001' });
    const userId = 'amelia@example.com';
    const newEmail = 'amelia.new@example.com';
    await insertCustomer(t.deps.db, { userId, password: PASSWORD, policies: ['C900000001'] });
    const page = await phonePage();
    await logIn(page, t.baseUrl, userId, PASSWORD);
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    await page.getByRole('link', { name: 'Switch to English' }).click();
    await page.waitForURL(/\/mypage$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    // The address: an English message for a bad phone number, then the request.
    await openChanges(page);
    await englishPage(page);
    await page.getByRole('link', { name: 'Change address or phone number' }).click();
    await page.waitForURL(/\/mypage\/changes\/address$/);
    assert.equal(await page.getByLabel('Postal code', { exact: true }).inputValue(), '100-0005', 'starts from the contact on file');
    await page.getByLabel('Postal code', { exact: true }).fill('5300001');
    await page.getByLabel('Address', { exact: true }).fill('3-3-3 Umeda, Kita-ku, Osaka');
    await page.getByLabel('Phone number', { exact: true }).fill('abc');
    await page.getByRole('button', { name: 'Request the change' }).click();
    assert.equal(await page.locator('#f-phone-error').innerText(), 'Please enter the phone number in digits and hyphens (e.g. 03-1234-5678, 090-1234-5678).');
    assert.match(await page.locator('.error-summary').innerText(), /Some entries need correcting/);
    await englishPage(page);
    await shot(page, 's-03-address-change-en');
    await page.getByLabel('Phone number', { exact: true }).fill('06-9876-5432');
    await page.getByRole('button', { name: 'Request the change' }).click();
    await page.waitForURL(/\/mypage\/changes\/address\/complete$/);
    assert.equal(await page.locator('p.lead').textContent(), 'We have received your request to change your address or phone number.');
    assert.match(await page.locator('dl.entries').innerText(), /Status\s+Received \(the insurer is processing it\)/);
    await englishPage(page);
    await page.getByRole('link', { name: 'Back to Changes' }).click();
    await page.waitForURL(/\/mypage\/changes$/);
    const pending = await page.locator('.change-requests li').innerText();
    assert.match(pending, /Received \(the insurer is processing it\)/);
    assert.match(pending, /Received 25 November 2026, 10:00 \(JST\)/);
    assert.match(pending, /〒530-0001 3-3-3 Umeda, Kita-ku, Osaka, phone 06-9876-5432/);
    await englishPage(page);
    await shot(page, 's-03-changes-en');
    const receipt = await t.mail.waitFor(userId, (m) => m.subject === '[Mirai Sonpo] We have received your change of address or phone number');
    assert.match(receipt.text, /We have received your request to change your address or phone number\./);

    // The e-mail address, through the link in the mail to the new address.
    await page.getByRole('link', { name: 'Change e-mail address' }).click();
    await page.waitForURL(/\/mypage\/changes\/email$/);
    await page.getByLabel('New e-mail address (user ID)', { exact: true }).fill(newEmail);
    await page.getByLabel('New e-mail address (again)', { exact: true }).fill('amelia.neo@example.com');
    await page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Send confirmation e-mail' }).click();
    assert.equal(await page.locator('#f-new_email_confirm-error').innerText(), 'The two e-mail addresses are not the same.');
    await englishPage(page);
    await page.getByLabel('New e-mail address (again)', { exact: true }).fill(newEmail);
    await page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Send confirmation e-mail' }).click();
    await page.waitForURL(/\/mypage\/changes\/email\/sent$/);
    assert.match(await page.locator('main').innerText(), /We have sent the e-mail "Please confirm your new e-mail address" to your new address \(amelia\.new@example\.com\)\./);
    await englishPage(page);

    const mail = await t.mail.waitFor(newEmail, (m) => m.subject === '[Mirai Sonpo] Please confirm your new e-mail address');
    assert.match(mail.text, /To complete the change, open the link below and press "Change"\./);
    const mailView = await phonePage();
    await showEnglishMail(mailView, mail);
    await shot(mailView, 's-04-email-change-mail-en');

    await page.goto(linkOn(t.baseUrl, MailCatcher.firstUrl(mail)));
    assert.match(await page.locator('dl.entries').innerText(), /New e-mail address \(user ID\)\s+amelia\.new@example\.com/);
    await englishPage(page);
    await page.getByRole('button', { name: 'Change', exact: true }).click();
    await page.waitForURL(/\/mypage\/changes\/email\/complete$/);
    assert.equal(await page.locator('p.lead').textContent(), 'Your e-mail address (user ID) has been changed.');
    await englishPage(page);
    const notice = await t.mail.waitFor(userId, (m) => m.subject === '[Mirai Sonpo] Your e-mail address has been changed');
    assert.match(notice.text, /New e-mail address: a\*\*\*@example\.com/);

    // The password.
    await page.getByRole('link', { name: 'Back to Changes' }).click();
    await page.waitForURL(/\/mypage\/changes$/);
    assert.match(await page.locator('main').innerText(), /Current e-mail address \(user ID\)\s+amelia\.new@example\.com/);
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.waitForURL(/\/mypage\/changes\/password$/);
    await page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('New password (again)', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Change', exact: true }).click();
    assert.equal(await page.locator('#f-password-error').innerText(), 'Please choose a password different from your current one.');
    await page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password (again)', { exact: true }).fill(NEW_PASSWORD);
    await englishPage(page);
    await shot(page, 's-05-password-change-en');
    await page.getByRole('button', { name: 'Change', exact: true }).click();
    await page.waitForURL(/\/mypage\/changes\/password\/complete$/);
    assert.equal(await page.locator('p.lead').textContent(), 'Your password has been changed.');
    await englishPage(page);
    const changed = await t.mail.waitFor(newEmail, (m) => m.subject === '[Mirai Sonpo] Your password has been changed');
    assert.doesNotMatch(changed.text, new RegExp(NEW_PASSWORD));
    assert.match(changed.text, /The password of your Customer Web Service account has been changed\./);
  });
});
