import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { buildApp, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { insertNews } from '../../src/features/agency-home/repository.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { fieldError, summaryOf } from '../support/integration.js';
import { SoftwareAuthenticator, type CeremonyOptions } from '../support/software-authenticator.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan: outside the Monday maintenance window.
const BASE = new Date('2026-11-25T01:00:00Z');
const PASSWORD = 'Mt4sQx9v';
const METHODS = '/mypage/changes/login-methods';
const ENGLISH = { 'accept-language': 'en-US,en;q=0.9' };

const h1Of = (page: WebPage) => textOf(/<h1[^>]*>(.*?)<\/h1>/s.exec(page.html)?.[1] ?? '').trim();
const problemOf = (page: WebPage) => textOf(/<div class="error-summary" role="alert" id="login-problem">(.*?)<\/div>/s.exec(page.html)?.[1] ?? '');
/** The Japanese a page shows (runs of kana and kanji), to hold against what may stay Japanese. */
const japaneseOf = (page: WebPage): string[] => [...new Set(textOf(page.html.replace(/<head>.*<\/head>/s, '')).match(/[\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Han}ー・「」（）、。～]+/gu) ?? [])];

async function options(client: WebClient, purpose: 'login' | 'register' | 'reauth'): Promise<CeremonyOptions> {
  const answer = await client.post('/webauthn/options', { purpose });
  assert.equal(answer.status, 200, `options for ${purpose}`);
  return JSON.parse(answer.html) as CeremonyOptions;
}

for (const kind of databaseKinds()) {
  describe(`signing in and the public pages in English on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let seq = 0;

    async function customer() {
      seq += 1;
      const policyNumber = `C73000000${seq}`;
      await insertPolicy(t.deps.db, { policy_number: policyNumber });
      const userId = `en${seq}@example.com`;
      await insertCustomer(t.deps.db, { userId, password: PASSWORD, policies: [policyNumber] });
      return userId;
    }

    async function englishLogin(userId: string): Promise<WebClient> {
      const client = new WebClient(t.baseUrl, ENGLISH);
      await client.get('/login');
      assert.equal((await client.post('/login', { userId, password: PASSWORD })).status, 303);
      return client;
    }

    before(async () => {
      t = await startTestApp({ db: kind, clock, host: 'localhost', env: { MAINTENANCE_WINDOWS: 'Mon 02:00-04:00' } });
      const at = BASE.toISOString();
      await t.deps.db.insertInto('agencies').values({ code: 'D0001', name: 'みらい保険サービス有限会社', created_at: at, updated_at: at }).execute();
      await insertNews(t.deps.db, { agencyCode: 'D0001', publishedOn: '2026-11-25', title: '年末年始の営業について', body: '12月29日から1月3日までお休みします。' }, BASE);
    });
    after(async () => t.close());
    beforeEach(async () => {
      clock.set(BASE);
      await t.deps.db.deleteFrom('throttles').execute();
    });

    it('the top page in English: what the service does, the way in, the agencies; only data stays Japanese', async () => {
      const page = await new WebClient(t.baseUrl, ENGLISH).get('/');
      assert.equal(page.status, 200);
      assert.match(page.html, /^<!doctype html><html lang="en">/);
      assert.match(page.html, /<title>Home \| /);
      const text = textOf(page.html);
      assert.match(h1Of(page), /Customer Web Service$/);
      assert.match(text, /policyholders\. Online, you can:\s+check your policy details\s+renew your auto insurance \(自動車保険\)\s+change your address, e-mail address or password/);
      assert.match(page.html, /<a class="button primary" href="\/login">Log in<\/a>/);
      assert.match(page.html, /<a href="\/register">First time here\? Register<\/a>/);
      assert.match(page.html, /<a href="\/environment">Supported browsers and service hours<\/a>/);
      assert.match(page.html, /<h2 id="agencies-heading">Our agencies<\/h2>/);
      assert.deepEqual(japaneseOf(page).filter((s) => !['自動車保険', 'みらい保険サービス有限会社', '日本語'].includes(s)), []);
    });

    it('the agency finder and an agency page in English (agency names and news are the agency’s own words)', async () => {
      const client = new WebClient(t.baseUrl, ENGLISH);
      const empty = await client.get('/?q=%20');
      assert.equal(empty.status, 400);
      assert.equal(fieldError(empty, 'q'), 'Please enter an agency name or agency code.');
      assert.match(empty.html, /role="search" aria-label="Find an agency"/);
      assert.match(empty.html, /<label for="f-q">Agency name or agency code<\/label>/);
      const none = textOf((await client.get('/?q=zzz')).html);
      assert.match(none, /No agency matches "zzz"\./);
      const found = textOf((await client.get('/?q=%E3%81%BF%E3%82%89%E3%81%84')).html);
      assert.match(found, /1 agency matches "みらい" \(showing 1–1\)\.\s+みらい保険サービス有限会社\s+\(agency code D0001\)/);

      const agency = await client.get('/agency/D0001');
      assert.equal(agency.status, 200);
      const text = textOf(agency.html);
      assert.match(text, /insurance agency\s+みらい保険サービス有限会社/);
      assert.match(agency.html, /<h2 id="news-heading">News<\/h2>/);
      assert.match(agency.html, /<time datetime="2026-11-25">25 November 2026<\/time>/);
      assert.match(text, /Check your policy details or renew your auto insurance in the Customer Web Service\./);
      const missing = await client.get('/agency/NOPE');
      assert.equal(missing.status, 404);
      assert.equal(h1Of(missing), 'Page not found');
      assert.match(textOf(missing.html), /We could not find the agency page you were looking for\./);
    });

    it('the login page in English, with the service hours and English field messages', async () => {
      const client = new WebClient(t.baseUrl, ENGLISH);
      const page = await client.get('/login');
      assert.equal(page.status, 200);
      assert.equal(h1Of(page), 'Log in to the Customer Web Service');
      const text = textOf(page.html);
      assert.match(text, /The service is available at all times except Mondays 2:00–4:00 \(Japan time\)\.\s+Supported browsers/);
      assert.match(page.html, /<label for="f-userId">User ID<\/label>/);
      assert.match(page.html, /<label for="f-password">Password<\/label>/);
      assert.match(page.html, /<button type="submit" class="button primary">Log in<\/button>/);
      assert.match(page.html, /<h2 id="passkey-login">Have a passkey\?<\/h2>/);
      assert.match(page.html, />Log in with a passkey<\/button>/);
      assert.deepEqual(japaneseOf(page).filter((s) => s !== '日本語'), []);

      const blank = await client.post('/login', { userId: '', password: '' });
      assert.equal(blank.status, 400);
      assert.equal(fieldError(blank, 'userId'), 'Please enter your user ID.');
      assert.equal(fieldError(blank, 'password'), 'Please enter your password.');
      const long = await client.post('/login', { userId: 'a'.repeat(300), password: 'p'.repeat(129) });
      assert.equal(fieldError(long, 'userId'), 'Your user ID can be at most 254 characters.');
      assert.equal(fieldError(long, 'password'), 'Your password can be at most 128 characters.');
    });

    it('a wrong password, then the lock after five, in English; the Japanese page keeps its words', async () => {
      const userId = await customer();
      const client = new WebClient(t.baseUrl, ENGLISH);
      await client.get('/login');
      const answers: WebPage[] = [];
      for (let i = 1; i <= 5; i++) answers.push(await client.post('/login', { userId, password: `Wrong${i}x` }));
      assert.deepEqual(answers.map((a) => a.status), [401, 401, 401, 401, 429]);
      assert.equal(problemOf(answers[0]!).trim(), 'The user ID or password is not correct. Please check what you entered and try again.');
      const lock = problemOf(answers[4]!);
      assert.match(lock, /Logging in with this user ID is paused for now, because of repeated failed attempts\./);
      assert.match(lock, /Please wait about 30 minutes and try again\./);
      assert.match(lock, /reset it with "Forgot your user ID or password\?", or call the .+ \(0120-000-000\)\./);
      assert.deepEqual(japaneseOf(answers[4]!).filter((s) => s !== '日本語'), []);
      clock.advance(29 * 60_000);
      assert.match(problemOf(await client.post('/login', { userId, password: PASSWORD })), /Please wait about 1 minute and try again\./);
      const japanese = new WebClient(t.baseUrl);
      await japanese.get('/login');
      assert.match(problemOf(await japanese.post('/login', { userId, password: PASSWORD })), /このユーザーIDでのログインを一時的に停止しています。 ?1分ほど時間をおいてから/);
    });

    it('logs in to /mypage in English, then logs out to the English logged-out page', async () => {
      const userId = await customer();
      const client = await englishLogin(userId);
      const home = await client.get('/mypage');
      assert.equal(home.status, 200);
      assert.match(home.html, /<html lang="en">/);
      assert.match(home.html, /<button type="submit" class="link-button">Log out<\/button>/);
      const confirm = await client.get('/logout');
      assert.equal(h1Of(confirm), 'Log out');
      assert.match(textOf(confirm.html), /You are about to log out of the Customer Web Service\./);
      assert.match(confirm.html, /<a class="button" href="\/mypage">Back to home<\/a>/);
      const out = await client.post('/logout', {});
      assert.equal(out.location, '/logout');
      const done = await client.get('/logout');
      assert.equal(h1Of(done), 'You have logged out');
      assert.match(textOf(done.html), /If you are using a shared computer, please close the browser\./);
      assert.match(done.html, /<a class="button" href="\/login">Go to the login page<\/a>/);
      assert.deepEqual(japaneseOf(done).filter((s) => s !== '日本語'), []);
    });

    it('the keizoku_lang cookie alone gives English, whatever the browser asks for', async () => {
      const client = new WebClient(t.baseUrl, { 'accept-language': 'ja' });
      await client.get('/language/en?next=/login');
      assert.equal(h1Of(await client.get('/login')), 'Log in to the Customer Web Service');
      assert.equal(h1Of(await new WebClient(t.baseUrl, { 'accept-language': 'ja' }).get('/login')), 'お客さまWebサービス ログイン');
    });

    it('terms of use and supported browsers in English, with the maintenance windows', async () => {
      const client = new WebClient(t.baseUrl, ENGLISH);
      const terms = await client.get('/terms');
      assert.equal(h1Of(terms), 'Customer Web Service: terms of use');
      const termsText = textOf(terms.html);
      assert.match(termsText, /Article 1 \(Purpose\)/);
      assert.match(termsText, /Article 8 \(Changes to these terms\)/);
      assert.match(termsText, /the Japanese terms \(利用規約\) are the binding version/);
      assert.deepEqual(japaneseOf(terms).filter((s) => !['利用規約', '日本語'].includes(s)), []);
      const environment = await client.get('/environment');
      assert.equal(h1Of(environment), 'Supported browsers');
      assert.match(environment.html, /<h2 id="service-hours">Service hours<\/h2>/);
      assert.match(textOf(environment.html), /available at all times except Mondays 2:00–4:00 \(Japan time\), when the system is under maintenance\./);
      assert.deepEqual(japaneseOf(environment).filter((s) => s !== '日本語'), []);
    });

    it('the passkey pages, their messages and the step-up page in English', async () => {
      const userId = await customer();
      const client = await englishLogin(userId);
      const methods = await client.get(METHODS);
      assert.equal(methods.status, 200);
      assert.equal(h1Of(methods), 'Login methods');
      assert.match(textOf(methods.html), /You have no passkeys registered\./);
      assert.match(textOf(methods.html), /Once you register a passkey, you can turn password login off\./);

      const register = await client.get(`${METHODS}/register`);
      assert.equal(register.status, 200);
      assert.equal(h1Of(register), 'Register a passkey');
      assert.match(register.html, /<label for="f-name">Passkey name<\/label>/);
      const blank = await client.post(`${METHODS}/register`, { name: ' ' });
      assert.equal(blank.status, 400);
      assert.equal(fieldError(blank, 'name'), 'Please enter a name for the passkey.');
      assert.match(summaryOf(blank), /Some entries need correcting\./);
      const noCredential = await client.post(`${METHODS}/register`, { name: 'My phone' });
      assert.match(summaryOf(noCredential), /We could not register the passkey\./);

      const authenticator = new SoftwareAuthenticator(t.baseUrl);
      const credential = authenticator.register(await options(client, 'register'));
      const registered = await client.post(`${METHODS}/register`, { name: 'My phone', credential });
      assert.equal(registered.location, `${METHODS}?done=registered`);
      const listed = await client.get(registered.location);
      assert.match(textOf(listed.html), /Your passkey is registered\./);
      assert.match(textOf(listed.html), /My phone\s+25 November 2026, 10:00 \(JST\)\s+Not used yet\s+Delete/);
      assert.match(listed.html, /aria-label="Delete My phone"/);
      assert.deepEqual(japaneseOf(listed).filter((s) => s !== '日本語'), []);

      const deleteHref = /href="(\/mypage\/changes\/login-methods\/[^"]+\/delete)"/.exec(listed.html)?.[1];
      assert.ok(deleteHref);
      const removal = await client.get(deleteHref);
      assert.equal(h1Of(removal), 'Delete a passkey');
      assert.match(textOf(removal.html), /Delete the passkey "My phone"\?/);

      const stopped = await client.post(`${METHODS}/password-login`, { password_login: 'stop' });
      assert.equal(stopped.location, `${METHODS}?done=stopped`);
      const stoppedPage = textOf((await client.get(stopped.location)).html);
      assert.match(stoppedPage, /Password login is now turned off\. Please log in with your passkey\./);
      assert.match(stoppedPage, /Turn password login back on/);
      const byPassword = new WebClient(t.baseUrl, ENGLISH);
      await byPassword.get('/login');
      const refused = problemOf(await byPassword.post('/login', { userId, password: PASSWORD }));
      assert.match(refused, /Password login is turned off for this user ID\. Please use "Log in with a passkey"\./);
      assert.equal((await client.post(`${METHODS}/password-login`, { password_login: 'resume' })).location, `${METHODS}?done=resumed`);

      const failed = await new WebClient(t.baseUrl, ENGLISH).get('/login?passkey=failed');
      assert.equal(failed.status, 401);
      assert.match(problemOf(failed), /We could not log you in with your passkey\./);

      clock.advance(11 * 60_000);
      const reauth = await client.get(`/reauth?next=${encodeURIComponent(METHODS)}`);
      assert.equal(reauth.status, 200);
      assert.equal(h1Of(reauth), 'Confirm it is you');
      assert.match(textOf(reauth.html), /entering your password or using your passkey again/);
      assert.match(reauth.html, />Confirm with a passkey<\/button>/);
      const wrong = await client.post('/reauth', { password: 'nope1234', next: METHODS });
      assert.equal(wrong.status, 400);
      assert.equal(fieldError(wrong, 'password'), 'The password is not correct.');
      assert.deepEqual(japaneseOf(wrong).filter((s) => s !== '日本語'), []);
    });
  });

  describe(`the dev mailbox in English on ${kind}`, () => {
    let database: TestDatabase;
    let built: BuiltApp;
    before(async () => {
      database = await createTestDatabase(kind);
      // No SMTP_URL: mail goes to the dev mailbox (a loopback BASE_URL only).
      built = await buildApp({ config: loadConfig({ DATABASE_URL: database.url, MAINTENANCE_WINDOWS: 'none', BASE_URL: 'http://localhost:4010' }), db: database.db });
      await built.deps.mail.enqueue(built.deps.db, { to: 'dev@example.com', subject: '', text: 'hello' }, new Date());
      await built.dispatcher.drain();
    });
    after(async () => {
      await built.app.close();
      await database.drop();
    });

    it('labels the list and a message in English', async () => {
      const list = await built.app.inject({ method: 'GET', url: '/dev/mailbox', headers: ENGLISH });
      assert.equal(list.statusCode, 200);
      const text = textOf(list.body);
      assert.match(text, /A mailbox for development and demos only\./);
      assert.match(list.body, /<h1>Development mailbox<\/h1>/);
      assert.match(list.body, /<th scope="col">Received \(JST\)<\/th>/);
      const id = /href="\/dev\/mailbox\/([^"]+)">\(no subject\)<\/a>/.exec(list.body)?.[1];
      assert.ok(id, 'a mail without subject says so');
      const one = await built.app.inject({ method: 'GET', url: `/dev/mailbox/${id}`, headers: ENGLISH });
      assert.match(one.body, /<dt>From<\/dt>/);
      assert.match(one.body, /<a href="\/dev\/mailbox">Back to the mail list<\/a>/);
    });
  });
}
