import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, databaseKinds } from '../support/db.js';
import { WebClient } from '../support/web-client.js';

const TOKEN = 'metrics-token-for-the-test-0123456789';

for (const kind of databaseKinds()) {
  describe(`/healthz, /readyz and /metrics on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind, env: { METRICS_TOKEN: TOKEN } });
    });
    after(async () => t.close());

    it('is alive and ready when the database answers and its schema is current', async () => {
      assert.deepEqual(await (await fetch(`${t.baseUrl}/healthz`)).json(), { ok: true });
      const ready = await fetch(`${t.baseUrl}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { ready: true });
    });

    it('counts requests by route and status, audit events by kind, and reads the outbox and the jobs', async () => {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      assert.equal((await client.post('/login', { userId: 'nobody@example.com', password: 'Wrong1234' })).status, 401);
      const metrics = await fetch(`${t.baseUrl}/metrics`);
      assert.equal(metrics.status, 200);
      assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await metrics.text();
      assert.match(text, /keizoku_http_request_duration_seconds_count\{method="POST",route="\/login",status="401"\} [1-9]/);
      assert.match(text, /keizoku_audit_events_total\{kind="login_failed"\} [1-9]/);
      assert.match(text, /keizoku_outbox_undelivered \d+/);
      assert.match(text, /keizoku_outbox_oldest_undelivered_seconds \d/);
      assert.match(text, /keizoku_job_runs\{job="[a-z-]+"\} \d+/);
      assert.match(text, /keizoku_process_cpu_seconds_total/);
    });

    it('answers /metrics through a proxy or from elsewhere only with the bearer token', async () => {
      const proxied = { 'x-forwarded-for': '203.0.113.9' };
      // Each body is read: an unread one keeps its connection busy until the keep-alive timeout.
      const status = async (headers: Record<string, string>) => {
        const answer = await fetch(`${t.baseUrl}/metrics`, { headers });
        await answer.arrayBuffer();
        return answer.status;
      };
      assert.equal(await status(proxied), 404);
      assert.equal(await status({ ...proxied, authorization: 'Bearer wrong-token-0123456789' }), 404);
      assert.equal(await status({ ...proxied, authorization: `Bearer ${TOKEN}` }), 200);
    });
  });

  describe(`/readyz with a schema behind the code on ${kind}`, () => {
    it('answers 503 and names the migrations not yet run', async () => {
      const database = await createTestDatabase(kind, '0006_outbox_sealed');
      const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, MAINTENANCE_WINDOWS: 'none', JOBS: 'off' });
      const { app } = await buildApp({ config, db: database.db, migrate: false });
      try {
        const answer = await app.inject({ url: '/readyz' });
        assert.equal(answer.statusCode, 503);
        const body = answer.json<{ ready: boolean; pending: string[] }>();
        assert.equal(body.ready, false);
        assert.equal(body.pending[0], '0007_actors');
      } finally {
        await app.close();
        await database.drop();
      }
    });
  });
}
