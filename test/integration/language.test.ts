import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { WebClient, textOf } from '../support/web-client.js';

const USER_ID = 'lang@example.com';
const PASSWORD = 'Mt4sQx9v';

for (const kind of databaseKinds()) {
  describe(`the site's language on ${kind}`, () => {
    let t: TestApp;
    let customerId: string;
    const localeOf = async () => (await t.deps.db.selectFrom('customers').select('locale').where('id', '=', customerId).executeTakeFirstOrThrow()).locale;

    before(async () => {
      t = await startTestApp({ db: kind });
      await insertPolicy(t.deps.db);
      customerId = (await insertCustomer(t.deps.db, { userId: USER_ID, password: PASSWORD, policies: ['C123456789'] })).id;
    });
    after(async () => t.close());

    it('is Japanese by default and English for a browser that asks for English first', async () => {
      const japanese = await new WebClient(t.baseUrl).get('/terms');
      assert.match(japanese.html, /^<!doctype html><html lang="ja">/);
      assert.match(japanese.html, /<a class="language" href="\/language\/en\?next=%2Fterms" hreflang="en" lang="en" aria-label="Switch to English">English<\/a>/);
      const english = await new WebClient(t.baseUrl, { 'accept-language': 'en-GB,en;q=0.9,ja;q=0.5' }).get('/terms');
      assert.match(english.html, /^<!doctype html><html lang="en">/);
      assert.match(textOf(english.html), /Contact us/);
      assert.match(english.html, /href="\/language\/ja\?next=%2Fterms"[^>]*>日本語<\/a>/);
      const french = await new WebClient(t.baseUrl, { 'accept-language': 'fr-FR' }).get('/terms');
      assert.match(french.html, /<html lang="ja">/);
    });

    it('the header link switches, remembers for a year in keizoku_lang and goes back to the page', async () => {
      const client = new WebClient(t.baseUrl, { 'accept-language': 'ja' });
      const answer = await client.get('/language/en?next=%2Flogin%3Fnext%3D%252Fmypage');
      assert.equal(answer.status, 303);
      assert.equal(answer.location, '/login?next=%2Fmypage');
      const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('keizoku_lang='));
      assert.ok(cookie, 'keizoku_lang is set');
      assert.match(cookie, /^keizoku_lang=en; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
      const login = await client.get('/login');
      assert.match(login.html, /<html lang="en">/, 'the cookie wins over Accept-Language');
      await client.get('/language/ja?next=/login');
      assert.match((await client.get('/login')).html, /<html lang="ja">/);
    });

    it('goes back only to a path of this site, and knows only its two languages', async () => {
      const client = new WebClient(t.baseUrl);
      for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example', '/language/en']) {
        const answer = await client.get(`/language/en?next=${encodeURIComponent(next)}`);
        assert.equal(answer.location, '/', next);
      }
      const unknown = await client.get('/language/fr');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.headers.getSetCookie().length, 0);
      assert.match(textOf(unknown.html), /Page not found/, 'the 404 page is in the language the client already chose');
    });

    it('a flow that cannot go on says so, and how to start again, in the page’s language', async () => {
      const english = await new WebClient(t.baseUrl, { 'accept-language': 'en' }).get('/register/confirm');
      assert.equal(english.status, 410);
      assert.match(textOf(english.html), /This procedure cannot continue .* Please start the procedure again from the beginning\. Start the registration again/);
      const japanese = await new WebClient(t.baseUrl).get('/recovery/credentials');
      assert.equal(japanese.status, 410);
      assert.match(textOf(japanese.html), /お手続きを続けられません .* ユーザーID・パスワードの再登録を最初からやり直す/);
    });

    it('remembers the language of each login and of each switch while logged in, for the mails sent later', async () => {
      const client = new WebClient(t.baseUrl, { 'accept-language': 'en-US' });
      await client.get('/login');
      assert.equal((await client.post('/login', { userId: USER_ID, password: PASSWORD })).status, 303);
      assert.equal(await localeOf(), 'en');
      await client.get('/language/ja?next=/mypage');
      assert.equal(await localeOf(), 'ja');
      await client.get('/language/en?next=/mypage');
      assert.equal(await localeOf(), 'en');
    });
  });
}

describe('message catalogues', () => {
  it('have every key in both languages, none empty (all the site is loaded first)', async () => {
    await import('../../src/app.js');
    const { definedCatalogues, missingMessages } = await import('../../src/platform/ui/i18n/catalogue.js');
    const names = definedCatalogues().map((c) => c.name);
    assert.ok(names.includes('platform/ui') && names.includes('platform/mail'), names.join(', '));
    assert.deepEqual(definedCatalogues().flatMap(missingMessages), []);
  });
});
