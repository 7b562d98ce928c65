import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomToken } from '../../src/platform/crypto.js';
import { secretSlot } from '../../src/platform/mail/secrets.js';
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

    it('seals a mail link token in the outbox, delivers the link, and keeps no token once the mail is out', async () => {
      const { db, mail, clock } = t.deps;
      const token = randomToken();
      const text = `以下のURLを開いてください。\nhttp://localhost:3000/register/verify?token=${secretSlot('token')}\nご利用期限:2026年11月27日18時30分まで`;
      const row = () => db.selectFrom('outbox').selectAll().where('to_address', '=', 'link@example.com').executeTakeFirstOrThrow();
      const queued = await db.transaction().execute(async (trx) => {
        await mail.enqueue(trx, { to: 'link@example.com', subject: 'リンク', text, secrets: { token } }, clock.now());
        return trx.selectFrom('outbox').selectAll().where('to_address', '=', 'link@example.com').executeTakeFirstOrThrow();
      });
      assert.equal(queued.text_body, text, 'the slot, not the token');
      assert.ok(queued.secrets_sealed && !queued.secrets_sealed.includes(token));
      mail.kick();
      const received = await t.mail.waitFor('link@example.com');
      assert.match(received.text, new RegExp(`http://localhost:3000/register/verify\\?token=${token}\n`));
      let sent = await row();
      while (sent.status !== 'sent') {
        await new Promise((resolve) => setImmediate(resolve));
        sent = await row();
      }
      assert.ok(!sent.text_body.includes(token), 'the token is not in the outbox');
      assert.equal(sent.secrets_sealed, null, 'nor sealed, once the mail is out');
      assert.match(sent.text_body, /http:\/\/localhost:3000\/register\/verify\?/);
      assert.match(sent.text_body, /ご利用期限:2026年11月27日18時30分まで/);
    });

    it('refuses to queue a raw token in a link, and never delivers sealed secrets moved to another address', async () => {
      const { db, mail, clock } = t.deps;
      const raw = { to: 'raw@example.com', subject: 'リンク', text: `http://localhost:3000/recovery/verify?token=${randomToken()}` };
      await assert.rejects(mail.enqueue(db, raw, clock.now()), /token-shaped link parameter/);
      assert.equal((await db.selectFrom('outbox').select('id').where('to_address', '=', 'raw@example.com').execute()).length, 0);

      const text = `http://localhost:3000/recovery/verify?token=${secretSlot('token')}`;
      await db.transaction().execute(async (trx) => {
        await mail.enqueue(trx, { to: 'victim@example.com', subject: 'リンク', text, secrets: { token: randomToken() } }, clock.now());
        await trx.updateTable('outbox').set({ to_address: 'attacker@example.com' }).where('to_address', '=', 'victim@example.com').execute();
      });
      const row = () => db.selectFrom('outbox').select(['status', 'last_error', 'secrets_sealed']).where('to_address', '=', 'attacker@example.com').executeTakeFirstOrThrow();
      mail.kick();
      let moved = await row();
      while (moved.status === 'queued' || moved.status === 'sending') {
        await new Promise((resolve) => setImmediate(resolve));
        moved = await row();
      }
      assert.deepEqual(moved, { status: 'failed', last_error: 'the mail secrets do not open', secrets_sealed: null });
      assert.ok(!t.mail.messages.some((m) => m.to.includes('attacker@example.com')));
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
