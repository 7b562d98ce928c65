import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { enqueueWebhook } from '../../src/platform/webhooks/outbox.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';

// ASVS 5.0 V15.3.2 (and V1.3.6): the webhook client follows no redirect, so a receiver (or
// someone who took over its host) cannot send the signed events, or the worker, somewhere else.

/** A receiver that answers every POST with a redirect to `to`, counting what it got. */
async function redirecting(to: string): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((request, response) => {
    hits++;
    request.resume();
    response.writeHead(307, { location: to }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits: () => hits };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

for (const kind of databaseKinds()) {
  describe(`webhooks and redirects on ${kind}`, () => {
    let target: Server;
    let targetHits = 0;
    let hook: Awaited<ReturnType<typeof redirecting>>;
    let t: TestApp;
    before(async () => {
      target = createServer((request, response) => {
        targetHits++;
        request.resume();
        response.writeHead(200).end('ok');
      });
      await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
      hook = await redirecting(`http://127.0.0.1:${(target.address() as AddressInfo).port}/elsewhere`);
      t = await startTestApp({ db: kind, env: { WEBHOOK_URL: hook.url, WEBHOOK_SECRET: `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}` } });
    });
    after(async () => {
      await t.close();
      hook.server.close();
      target.close();
    });

    it('15.3.2: a 307 from the receiver is a failed delivery, retried later; the redirect target never gets the event', async () => {
      const { db } = t.deps;
      const id = await enqueueWebhook(db, { type: 'customer.registered', data: { customer: 'x' } }, new Date());
      const row = () => db.selectFrom('webhook_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await until(async () => (await row()).attempts >= 1, 'the first attempt');
      const attempted = await row();
      assert.equal(hook.hits() >= 1, true);
      assert.equal(targetHits, 0, 'the redirect was not followed');
      assert.equal(attempted.delivered_at, null);
      assert.equal(attempted.last_status, 307);
      assert.ok(attempted.next_attempt_at > (attempted.last_attempt_at ?? ''), 'retried later');
    });
  });
}
