import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/db.js';

// Loopback: the dev mailbox refuses to start for any other BASE_URL.
const BASE_URL = 'http://localhost:4010';

for (const kind of databaseKinds()) {
  describe(`dev mailbox on ${kind}`, () => {
    describe('with SMTP_URL set', () => {
      let t: TestApp;
      before(async () => {
        t = await startTestApp({ db: kind });
      });
      after(async () => t.close());

      it('does not exist, and the footer does not mention it', async () => {
        for (const path of ['/dev/mailbox', '/dev/mailbox/00000000-0000-4000-8000-000000000000']) {
          const res = await fetch(`${t.baseUrl}${path}`);
          assert.equal(res.status, 404, path);
          assert.match(await res.text(), /ページが見つかりません/);
        }
        assert.doesNotMatch(await (await fetch(`${t.baseUrl}/`)).text(), /開発用メールボックス/);
      });
    });

    describe('without SMTP_URL (the dev-mailbox transport)', () => {
      let database: TestDatabase;
      let built: BuiltApp;
      const clock = new ManualClock(new Date('2026-11-25T01:10:30Z'));
      before(async () => {
        database = await createTestDatabase(kind);
        const config = loadConfig({ DATABASE_URL: database.url, MAINTENANCE_WINDOWS: 'none', BASE_URL });
        built = await buildApp({ config, db: database.db, clock });
        const { db, mail } = built.deps;
        // Queued and delivered before the app is ready, so its own poll cannot race the drain.
        await mail.enqueue(db, { to: 'first@example.com', subject: '【みらい損保】初回利用登録に関するご案内', text: `以下URLを開いてください。\n${BASE_URL}/register/verify?t=abc123\nご利用期限:2026年11月27日10時まで` }, clock.now());
        await built.dispatcher.drain();
        clock.advance(60_000);
        await mail.enqueue(
          db,
          { to: 'second@example.com', subject: '<b>二通目</b>', text: `https://evil.example/phish と ${BASE_URL}.evil.example/x\n<script>alert(1)</script>\n${BASE_URL}/recovery/verify?t=xyz"onclick="x` },
          clock.now(),
        );
        await built.dispatcher.drain();
      });
      after(async () => {
        await built.app.close();
        await database.drop();
      });

      it('lists the mail newest first with Japan time, recipient and subject, marked for development only', async () => {
        const res = await built.app.inject({ method: 'GET', url: '/dev/mailbox' });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['x-robots-tag'], 'noindex, nofollow');
        const html = res.body;
        assert.match(html, /開発・デモ専用のメールボックスです/);
        const second = html.indexOf('second@example.com');
        const first = html.indexOf('first@example.com');
        assert.ok(second > 0 && first > second, 'newest first');
        assert.match(html, /2026\/11\/25 10:10:30/);
        assert.match(html, /2026\/11\/25 10:11:30/);
        assert.match(html, /&lt;b>二通目&lt;\/b>/);
        assert.match(html, /<a href="\/dev\/mailbox">開発用メールボックス<\/a>/, 'the footer links to it');
      });

      it("shows a message with the service's own URLs clickable and everything else as escaped text", async () => {
        const rows = await built.deps.db.selectFrom('dev_mailbox').select(['id', 'to_address']).execute();
        const firstId = rows.find((r) => r.to_address === 'first@example.com')!.id;
        const secondId = rows.find((r) => r.to_address === 'second@example.com')!.id;

        const list = (await built.app.inject({ method: 'GET', url: '/dev/mailbox' })).body;
        assert.match(list, new RegExp(`<a href="/dev/mailbox/${firstId}">【みらい損保】初回利用登録に関するご案内</a>`));

        const one = await built.app.inject({ method: 'GET', url: `/dev/mailbox/${firstId}` });
        assert.equal(one.statusCode, 200);
        assert.match(one.body, new RegExp(`<a href="${BASE_URL}/register/verify\\?t=abc123">${BASE_URL}/register/verify\\?t=abc123</a>`));
        assert.match(one.body, /ご利用期限:2026年11月27日10時まで/);

        const two = (await built.app.inject({ method: 'GET', url: `/dev/mailbox/${secondId}` })).body;
        assert.doesNotMatch(two, /href="https:\/\/evil/);
        assert.doesNotMatch(two, /href="http:\/\/localhost:4010\.evil/);
        assert.doesNotMatch(two, /<script>/);
        assert.match(two, /&lt;script>alert\(1\)&lt;\/script>/);
        const links = [...two.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]).filter((href) => href?.startsWith('http'));
        assert.deepEqual(links, [`${BASE_URL}/recovery/verify?t=xyz`], 'only the own URL, cut at the quote');
      });

      it('answers 404, never 500, for unknown or odd message ids', async () => {
        for (const id of ['00000000-0000-4000-8000-000000000000', 'x'.repeat(90), "1' OR '1'='1", '%00', '..%2F..%2F', '%E3%81%82']) {
          const res = await built.app.inject({ method: 'GET', url: `/dev/mailbox/${id}` });
          assert.equal(res.statusCode, 404, id);
          assert.match(res.body, /ページが見つかりません/);
        }
      });
    });
  });
}
