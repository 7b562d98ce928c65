import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshotPath } from '../support/browser.js';
import { insertCustomer } from '../support/customers.js';
import { accessibilityViolations, PHONE } from '../support/e2e.js';
import { insertPolicy } from '../support/factories.js';
import { renewalUrl } from '../support/policy-urls.js';

// Wednesday 2026-11-25 10:00 in Japan: C123456789 (満期日 2026-12-27) is inside its renewal
// window (2026-10-27 – 2026-12-26); C123456790 (満期日 2027-03-01) is not yet.
const TODAY = new Date('2026-11-25T01:00:00Z');
const USER = { userId: 'abc@example.com', password: 'Abc12345' };

let t: TestApp;
let browser: Browser;
const clock = new ManualClock(TODAY);

before(async () => {
  t = await startTestApp({ clock });
  await insertPolicy(t.deps.db);
  await insertPolicy(t.deps.db, { policy_number: 'C123456790', start_date: '2026-03-01', end_date: '2027-03-01', vehicle_model: 'N-BOX', vehicle_class: 'kei_car', grade: 7, payment_method: 'card' });
  await insertCustomer(t.deps.db, { ...USER, policies: ['C123456789', 'C123456790'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await t.close();
});
beforeEach(async () => {
  clock.set(TODAY);
  await t.deps.db.deleteFrom('renewal_applications').execute();
  await t.deps.db.deleteFrom('flows').where('kind', '=', 'renewal').execute();
});

async function phoneContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, locale: 'ja-JP', acceptDownloads: true });
}

/** Checks the page for WCAG A/AA problems, then takes the guide's screenshot. */
async function shot(page: Page, name: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page), [], name);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

const stepHeading = (page: Page) => page.locator('h2.step-heading').textContent();

/** From the login page to 契約の継続手続 and the 継続手続 button of C123456789. */
async function startFromHome(page: Page): Promise<void> {
  await page.goto(`${t.baseUrl}/mypage`);
  await page.getByLabel('ユーザーID', { exact: true }).fill(USER.userId);
  await page.getByLabel('パスワード', { exact: true }).fill(USER.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}/mypage`);
  await page.getByRole('link', { name: '契約の継続手続', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}/mypage/renewals`);
  await page.locator('tbody tr').filter({ hasText: 'C123456789' }).getByRole('link', { name: '継続手続', exact: true }).click();
  await page.waitForURL(`${t.baseUrl}${renewalUrl(t, 'C123456789')}`);
}

async function answerNoChanges(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'はい（入替えはありません）' }).check();
  await page.getByRole('radio', { name: 'はい（変更はありません）' }).check();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(new RegExp(`${renewalUrl(t, 'C123456789', '/plans')}$`));
}

/** Steps 3–5 as chosen in a plan, ending at お申込内容の確認. */
async function premiumToReview(page: Page, screenshots: boolean): Promise<void> {
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/important-matters$/);
  assert.equal(await stepHeading(page), 'STEP 4 重要事項説明・意向確認');
  const boxes = page.locator('.confirmations input[type=checkbox]');
  assert.equal(await boxes.count(), 4);
  for (let i = 0; i < 4; i++) assert.equal(await boxes.nth(i).isChecked(), false, 'none pre-checked');
  if (screenshots) await shot(page, 'r-04-important-matters');
  await page.getByLabel('お選びいただいた補償内容・保険料が、お客さまのご意向に沿った内容であることを確認しました。').check();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.locator('p.error').getByText('運転者年齢条件・運転者限定が実態と合っていることをご確認のうえ、チェックを入れてください。').waitFor();
  assert.equal(await page.getByLabel('お選びいただいた補償内容・保険料が、お客さまのご意向に沿った内容であることを確認しました。').isChecked(), true, 'what was checked stays checked');
  await page.getByLabel('運転者年齢条件・運転者限定が、実際にお車を運転される方の実態と合っていることを確認しました。').check();
  await page.getByLabel('使用目的が、お車の実際の使用状況と合っていることを確認しました。').check();
  await page.getByLabel('重要事項（契約概要・注意喚起情報）の内容を確認しました。').check();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/payment$/);
  assert.equal(await stepHeading(page), 'STEP 5 お支払方法');
}

it('renews 前年同等 from home to the PDF and the mail; home then shows 継続手続受付済', async () => {
  const context = await phoneContext();
  const page = await context.newPage();
  await startFromHome(page);
  assert.equal(await page.locator('h1').textContent(), '自動車保険の継続手続');
  assert.equal(await stepHeading(page), 'STEP 1 ご契約内容の確認');
  assert.equal(await page.locator('.steps li[aria-current=step]').textContent(), '1. ご契約内容の確認');
  const details = (await page.locator('.contract-details').textContent()) ?? '';
  for (const text of ['三住 太郎 様', '東京都千代田区丸の内1-1-1', 'プリウス', '品川 300 さ 12-34', '自家用普通乗用車', '一般型 220万円（免責金額 1回目 5万円・2回目以降 10万円）', '弁護士費用特約、ロードアシスタンス特約', '14等級', '58,200円', '口座振替', 'みらい保険サービス有限会社']) {
    assert.ok(details.includes(text), text);
  }
  assert.equal(await page.getByRole('radio', { checked: true }).count(), 0, 'no answer pre-selected');
  await page.getByRole('button', { name: '次へ' }).click();
  await page.locator('p.error').getByText('「お車の入替えはありませんか」について、「はい」または「いいえ」をお選びください。').waitFor();
  await page.goto(`${t.baseUrl}${renewalUrl(t, 'C123456789')}`);
  await page.getByRole('radio', { name: 'はい（入替えはありません）' }).check();
  await page.getByRole('radio', { name: 'はい（変更はありません）' }).check();
  await shot(page, 'r-01-contract');
  await answerNoChanges(page);

  assert.equal(await stepHeading(page), 'STEP 2 継続内容の選択');
  const cards = page.locator('.plan-card');
  assert.equal(await cards.count(), 3);
  assert.match((await cards.nth(0).textContent()) ?? '', /前年同等プラン.*年間保険料 54,850円.*前年比 −3,350円/);
  assert.match((await cards.nth(1).textContent()) ?? '', /おすすめプラン.*年間保険料 56,420円/);
  assert.match((await cards.nth(2).textContent()) ?? '', /保険料を抑えたプラン.*年間保険料 41,670円/);
  const [first, second] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
  assert.ok(first && second && second.y > first.y + first.height - 1, 'the cards stack on a phone');
  await shot(page, 'r-02-plans');
  await page.getByRole('button', { name: '前年同等プランで進む' }).click();
  await page.waitForURL(/\/premium$/);

  assert.equal(await stepHeading(page), 'STEP 3 保険料の確認');
  const summary = (await page.locator('.premium-summary').textContent()) ?? '';
  assert.match(summary, /継続後の年間保険料54,850円/);
  assert.match(summary, /前年との差額−3,350円/);
  assert.match(summary, /継続後のノンフリート等級15等級（現在 14等級）/);
  assert.equal(await page.locator('table.breakdown tbody tr').count(), 12);
  assert.equal(await page.locator('table.breakdown').isVisible(), false, 'the coefficient table waits behind 計算の内訳を見る');
  await page.getByText('計算の内訳を見る').click();
  await shot(page, 'r-03-premium');
  await premiumToReview(page, true);

  assert.equal(await page.getByRole('radio', { name: '現在のお支払方法（口座振替）のまま' }).isChecked(), true);
  await page.getByText('お客さまWebサービスでは、口座番号やクレジットカード番号の入力・保管は行いません。').waitFor();
  await shot(page, 'r-05-payment');
  await page.getByRole('radio', { name: /年払（一括払）/ }).check();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/review$/);

  assert.equal(await stepHeading(page), 'STEP 6 お申込内容の確認');
  assert.equal(await page.getByRole('link', { name: /^変更する/ }).count(), 5);
  const review = (await page.locator('main').textContent()) ?? '';
  for (const text of ['前年同等プラン', '2026年12月27日～2027年12月27日', '54,850円', '15等級', '口座振替（現在のまま）', '年払（一括払）']) assert.ok(review.includes(text), text);
  await shot(page, 'r-06-review');
  await page.getByRole('link', { name: /^変更する.*お支払方法/ }).click();
  await page.waitForURL(/\/payment$/);
  await page.goBack();
  await page.waitForURL(/\/review$/);
  await page.reload();
  await page.getByRole('button', { name: '申し込む' }).click();
  await page.waitForURL(/\/complete$/);

  assert.equal(await stepHeading(page), 'STEP 7 完了');
  const completeText = (await page.locator('main').textContent()) ?? '';
  const number = /受付番号(R20261125-[0-9A-Z]{8})/.exec(completeText)?.[1];
  assert.ok(number, completeText);
  await page.getByText('ご登録のメールアドレス（abc@example.com）に、お申込み受付のメールをお送りしました。').waitFor();
  await shot(page, 'r-07-complete');

  const mail = await t.mail.waitFor(USER.userId, (m) => m.subject.includes('継続手続'));
  assert.equal(mail.subject, '【みらい損保】自動車保険 継続手続のお申込みを受け付けました');
  assert.match(mail.text, new RegExp(`受付番号:${number}`));
  assert.doesNotMatch(mail.text, /三住|C123456789|54,850/);

  const downloadStarted = page.waitForEvent('download');
  await page.getByRole('link', { name: '申込内容確認書（PDF）をダウンロード' }).click();
  const download = await downloadStarted;
  assert.equal(download.suggestedFilename(), `renewal-${number}.pdf`);
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-e2e-pdf-'));
  try {
    const file = join(dir, 'application.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    assert.match(text, /申込内容確認書/);
    assert.ok(text.includes(number as string), text);
    assert.match(text, /54,850円/);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, screenshotPath('r-08-application-pdf').replace(/\.png$/, '')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await page.getByRole('link', { name: 'ホームへ' }).click();
  await page.waitForURL(`${t.baseUrl}/mypage`);
  await page.getByRole('link', { name: '契約の継続手続', exact: true }).click();
  const row = page.locator('tbody tr').filter({ hasText: 'C123456789' });
  assert.match((await row.textContent()) ?? '', /2026年11月25日 10時00分.*継続手続受付済/);
  assert.equal(await row.getByRole('link', { name: '継続手続', exact: true }).count(), 0);
  await context.close();
});

it('renews with changed conditions: 見積もる shows the premium, an impossible amount is refused next to its field', async () => {
  const context = await phoneContext();
  const page = await context.newPage();
  await startFromHome(page);
  await answerNoChanges(page);
  const form = page.locator('section.custom-plan');
  await form.getByRole('radio', { name: '26歳以上' }).check();
  await form.getByRole('radio', { name: '限定なし' }).check();
  await form.getByRole('radio', { name: '通勤・通学' }).check();
  await form.getByLabel('人身傷害').selectOption({ label: '5,000万円' });
  await form.getByRole('radio', { name: 'エコノミー型' }).check();
  await form.getByLabel('車両保険金額（万円）').fill('900');
  await form.getByLabel('免責金額（自己負担額）').selectOption({ label: '1回目 10万円・2回目以降 10万円' });
  await form.getByLabel('ロードアシスタンス特約').uncheck();
  await form.getByLabel('個人賠償責任特約').check();
  await form.getByRole('button', { name: '見積もる' }).click();
  await page.locator('p.error').getByText('車両保険金額は50万円から800万円までの間で、10万円単位で指定してください。').waitFor();
  assert.equal(await page.getByLabel('車両保険金額（万円）').inputValue(), '900', 'what was typed stays');
  assert.equal(await page.getByRole('radio', { name: '26歳以上' }).isChecked(), true);
  await page.getByLabel('車両保険金額（万円）').fill('200');
  await page.getByRole('button', { name: '見積もる' }).click();
  const estimate = page.locator('.estimate');
  await estimate.waitFor();
  const premium = /この条件での年間保険料 ([\d,]+円)/.exec((await estimate.textContent()) ?? '')?.[1];
  assert.ok(premium);
  await page.getByRole('button', { name: 'この条件で進む' }).click();
  await page.waitForURL(/\/premium$/);
  assert.match((await page.locator('main').textContent()) ?? '', new RegExp(`「条件を変更したプラン」の保険料です。.*継続後の年間保険料${premium}`));
  assert.match((await page.locator('table.breakdown').textContent()) ?? '', /運転者年齢条件（26歳以上）.*車両保険（エコノミー型・200万円、免責金額 1回目 10万円・2回目以降 10万円）.*個人賠償責任特約/);
  await premiumToReview(page, false);
  await page.getByRole('radio', { name: 'クレジットカード払に変更する' }).check();
  await page.getByRole('radio', { name: /^月払/ }).check();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/review$/);
  const review = (await page.locator('main').textContent()) ?? '';
  for (const text of ['条件を変更したプラン', '26歳以上', '限定なし', '通勤・通学', '5,000万円', 'エコノミー型 200万円（免責金額 1回目 10万円・2回目以降 10万円）', '弁護士費用特約、個人賠償責任特約', 'クレジットカード払（変更）', '月払']) {
    assert.ok(review.includes(text), text);
  }
  await page.getByRole('button', { name: '申し込む' }).click();
  await page.waitForURL(/\/complete$/);
  const stored = await t.deps.db.selectFrom('renewal_applications').selectAll().executeTakeFirstOrThrow();
  assert.equal(stored.plan, 'custom');
  assert.equal(stored.payment_method, 'card');
  assert.equal(stored.payment_frequency, 'monthly');
  assert.equal(`${stored.annual_premium.toLocaleString('ja-JP')}円`, premium);
  assert.ok(stored.monthly_premium && stored.total_payable > stored.annual_premium, 'the monthly surcharge');
  await context.close();
});

it('refuses what cannot be done online: outside the window, a changed car, and a second application from another tab', async () => {
  const context = await phoneContext();
  const page = await context.newPage();
  await startFromHome(page);

  await page.goto(`${t.baseUrl}${renewalUrl(t, 'C123456790', '/plans')}`);
  await page.getByText('証券番号 C123456790 のご契約の継続手続は、まだ受付期間前です。受付期間は2027年1月1日から2027年2月28日までです。').waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);

  await page.goto(`${t.baseUrl}${renewalUrl(t, 'C123456789')}`);
  await page.getByRole('radio', { name: 'いいえ（入替えがあります）' }).check();
  await page.getByRole('radio', { name: 'はい（変更はありません）' }).check();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.getByText('お車の入替えがある場合は、インターネットでの継続手続はお受けできません。').waitFor();
  const contacts = (await page.locator('.renewal-contacts').textContent()) ?? '';
  assert.match(contacts, /みらい保険サービス有限会社/);
  assert.match(contacts, /0120-000-000/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole('link', { name: 'ご契約内容の確認に戻る' }).click();
  await answerNoChanges(page);
  await page.getByRole('button', { name: '前年同等プランで進む' }).click();
  await page.waitForURL(/\/premium$/);
  await premiumToReview(page, false);
  await page.getByRole('button', { name: '次へ' }).click();
  await page.waitForURL(/\/review$/);

  const second = await context.newPage();
  await second.goto(`${t.baseUrl}${renewalUrl(t, 'C123456789', '/review')}`);
  await second.getByRole('button', { name: '申し込む' }).waitFor();
  await page.getByRole('button', { name: '申し込む' }).click();
  await page.waitForURL(/\/complete$/);
  const number = /受付番号(R\d{8}-[0-9A-Z]{8})/.exec((await page.locator('main').textContent()) ?? '')?.[1];
  assert.ok(number);
  await second.getByRole('button', { name: '申し込む' }).click();
  await second.getByText('このご契約の継続手続は受付済みです。').waitFor();
  assert.equal(await second.locator('.reception-number').textContent(), number);
  assert.equal(await t.deps.db.selectFrom('renewal_applications').select('id').execute().then((rows) => rows.length), 1);
  await context.close();
});
