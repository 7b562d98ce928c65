import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomToken } from '../../src/platform/crypto.js';
import { databaseKinds } from '../support/db.js';
import { startTestApp, type TestApp } from '../support/app.js';

for (const kind of databaseKinds()) {
  describe(`platform on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind });
    });
    after(async () => t.close());

    it('answers the health check and serves pages with the security headers', async () => {
      const health = await fetch(`${t.baseUrl}/healthz`);
      assert.equal(health.status, 200);
      const missing = await fetch(`${t.baseUrl}/no-such-page`);
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /ページが見つかりません/);
      assert.equal(missing.headers.get('referrer-policy'), 'no-referrer');
      assert.match(missing.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.doesNotMatch(missing.headers.get('content-security-policy') ?? '', /unsafe-inline/);
      assert.equal(missing.headers.get('cache-control'), 'no-store');
    });

    it('delivers queued mail through real SMTP', async () => {
      const { db, mail, clock } = t.deps;
      await db.transaction().execute((trx) => mail.enqueue(trx, { to: 'someone@example.com', subject: '件名のテスト', text: '本文です。' }, clock.now()));
      mail.kick();
      const received = await t.mail.waitFor('someone@example.com');
      assert.equal(received.subject, '件名のテスト');
      assert.match(received.text, /本文です。/);
    });

    it('keeps no mail link token once the mail is out (only its SHA-256 stays, in mail_tokens)', async () => {
      const { db, mail, clock } = t.deps;
      const token = randomToken();
      const text = `以下のURLを開いてください。\nhttp://localhost:3000/register/verify?token=${token}\nご利用期限:2026年11月27日18時30分まで`;
      await db.transaction().execute((trx) => mail.enqueue(trx, { to: 'link@example.com', subject: 'リンク', text }, clock.now()));
      mail.kick();
      assert.match((await t.mail.waitFor('link@example.com')).text, new RegExp(token));
      const sent = async () => db.selectFrom('outbox').select(['status', 'text_body']).where('to_address', '=', 'link@example.com').executeTakeFirstOrThrow();
      let row = await sent();
      while (row.status !== 'sent') {
        await new Promise((resolve) => setImmediate(resolve));
        row = await sent();
      }
      assert.ok(!row.text_body.includes(token), 'the token is gone from the outbox');
      assert.match(row.text_body, /http:\/\/localhost:3000\/register\/verify\?/);
      assert.match(row.text_body, /ご利用期限:2026年11月27日18時30分まで/);
    });
  });
}

describe('requests the service cannot read', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('answers malformed bodies with a Japanese page, never a 500', async () => {
    const bodies: Array<[string, string]> = [
      ['application/json', '{"broken": '],
      ['application/x-www-form-urlencoded', 'a=%E0%A4%A&b=' + 'x'.repeat(40_000)],
      ['text/csv', 'a,b'],
    ];
    for (const [type, body] of bodies) {
      const response = await fetch(`${t.baseUrl}/healthz`, { method: 'POST', headers: { 'content-type': type }, body });
      assert.ok(response.status >= 400 && response.status < 500, `${type}: ${response.status}`);
    }
  });
});
