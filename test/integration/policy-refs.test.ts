import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { policyUrl, renewalUrl } from '../support/policy-urls.js';
import { textOf, type WebPage } from '../support/web-client.js';
import { BASE, POLICY, loggedIn, seedRenewal, YUMI } from './renewal-support.js';

// ASVS 14.2.1 (decision 0030): a customer's URLs name a policy by a reference, never by its
// 証券番号, so the number reaches no proxy log, browser history or Referer. URLs from before the
// references still work once, by a redirect, for the customer's own policies only.

const OWN = [POLICY, 'C123456790', 'C900000001', 'C900000002'];

/** Every URL a page links or posts to. */
const urlsOf = (page: WebPage): string[] => [...page.html.matchAll(/\s(?:href|action|formaction)="([^"]*)"/g)].map((m) => m[1] as string);

for (const kind of databaseKinds()) {
  describe(`policies by reference in URLs (ASVS 14.2.1) on ${kind}`, () => {
    let t: TestApp;
    const lines: string[] = [];

    before(async () => {
      t = await startTestApp({ db: kind, clock: new ManualClock(BASE), log: { write: (line) => void lines.push(line), level: 'info' } });
      await seedRenewal(t.deps);
    });
    after(async () => t.close());

    it('no link or form of the customer’s pages carries a 証券番号; the renewal and details links carry the reference', async () => {
      const client = await loggedIn(t);
      const pages = ['/mypage', '/mypage/renewals', '/mypage/policies', '/mypage/changes', '/mypage/other', policyUrl(t, POLICY), renewalUrl(t, POLICY)];
      for (const path of pages) {
        const page = await client.get(path);
        assert.equal(page.status, 200, path);
        for (const url of urlsOf(page)) for (const number of OWN) assert.ok(!url.includes(number), `${path} links ${url}`);
      }
      const renewals = await client.get('/mypage/renewals');
      assert.ok(urlsOf(renewals).includes(renewalUrl(t, POLICY)), 'the 継続手続 button');
      assert.ok(urlsOf(await client.get('/mypage/policies')).includes(policyUrl(t, POLICY)), 'the 契約内容の詳細 button');
      assert.match(textOf((await client.get(policyUrl(t, POLICY))).html), /証券番号 C123456789/, 'the number is still shown on the page');
      const contract = await client.get(renewalUrl(t, POLICY));
      assert.ok(urlsOf(contract).includes(renewalUrl(t, POLICY)), 'STEP 1 posts to its reference');
      assert.match(textOf(contract.html), /証券番号 C123456789/);
    });

    it('a URL from before references answers 301 (GET, step and query kept) or 308 (POST, the form is sent again) to the reference', async () => {
      const client = await loggedIn(t);
      const plans = await client.get(`/renewal/${POLICY}/plans?changed=1`);
      assert.equal(plans.status, 301);
      assert.equal(plans.location, `${renewalUrl(t, POLICY, '/plans')}?changed=1`);
      const details = await client.get(`/mypage/policies/${POLICY}`);
      assert.equal(details.status, 301);
      assert.equal(details.location, policyUrl(t, POLICY));
      await client.get(renewalUrl(t, POLICY)); // the form's CSRF token, as a page open before the change had it
      const posted = await client.post(`/renewal/${POLICY}`, { vehicle_changed: 'yes', insured_changed: 'yes' });
      assert.equal(posted.status, 308);
      assert.equal(posted.location, renewalUrl(t, POLICY));
      const again = await client.post(posted.location!, { vehicle_changed: 'yes', insured_changed: 'yes' });
      assert.equal(again.status, 303);
      assert.equal(again.location, renewalUrl(t, POLICY, '/plans'), 'the answers arrive at the reference');
    });

    it('another customer’s policy, by number or by reference, answers exactly like a made-up reference', async () => {
      const client = await loggedIn(t);
      const madeUp = await client.get(`/renewal/${'0'.repeat(32)}`);
      assert.equal(madeUp.status, 404);
      assert.match(textOf(madeUp.html), /ご契約が見つかりません/);
      const body = (page: WebPage) => /<main[^>]*>([\s\S]*)<\/main>/.exec(page.html)?.[1];
      for (const path of [renewalUrl(t, 'C223344556'), '/renewal/C223344556', renewalUrl(t, 'C223344556', '/application.pdf'), `/renewal/${'F'.repeat(32)}`]) {
        const page = await client.get(path);
        assert.equal(page.status, 404, path);
        assert.equal(body(page), body(madeUp), path);
      }
      for (const path of [policyUrl(t, 'C223344556'), '/mypage/policies/C223344556']) assert.equal((await client.get(path)).status, 404, path);
      const yumi = await loggedIn(t, YUMI);
      assert.equal((await yumi.get(renewalUrl(t, 'C223344556'))).status, 200, 'her own, by her reference');
      assert.equal((await yumi.get(renewalUrl(t, POLICY))).status, 404, 'not hers');
    });

    it('the reference stays the same across logins, and the request log carries it, never the number', async () => {
      lines.length = 0;
      const first = await loggedIn(t);
      const second = await loggedIn(t);
      const link = (page: WebPage) => urlsOf(page).find((url) => url.startsWith('/renewal/'));
      assert.equal(link(await first.get('/mypage/renewals')), link(await second.get('/mypage/renewals')));
      await first.get(renewalUrl(t, POLICY));
      await first.get(policyUrl(t, POLICY));
      const urls = lines.map((l) => JSON.parse(l) as { req?: { url?: string } }).flatMap((l) => (l.req?.url ? [l.req.url] : []));
      assert.ok(urls.includes(renewalUrl(t, POLICY)), `the request log: ${urls.join(' ')}`);
      for (const number of OWN) assert.ok(!lines.some((l) => l.includes(number)), `no log line names ${number}`);
    });
  });
}
