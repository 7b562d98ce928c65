import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';

const CUSTOMER_PAGES = ['/', '/agency/D0001', '/login', '/register', '/recovery', '/mypage', '/environment', '/terms', '/no-such-page'];

async function expectMaintenance(t: TestApp, path: string, retryAfter: string, resumes: RegExp, method = 'GET'): Promise<void> {
  const res = await fetch(`${t.baseUrl}${path}`, { method, redirect: 'manual', ...(method === 'POST' ? { body: new URLSearchParams({ a: 'b' }) } : {}) });
  assert.equal(res.status, 503, `${method} ${path}`);
  assert.equal(res.headers.get('retry-after'), retryAfter, `${method} ${path}`);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const html = await res.text();
  assert.match(html, /メンテナンス/, path);
  assert.match(html, resumes, path);
}

for (const kind of databaseKinds()) {
  describe(`maintenance window on ${kind}`, () => {
    describe('all day on Wednesday (24:00 as the end)', () => {
      let t: TestApp;
      const clock = new ManualClock(new Date('2026-11-25T23:00:00+09:00'));
      before(async () => {
        t = await startTestApp({ db: kind, clock, env: { MAINTENANCE_WINDOWS: 'Wed 00:00-24:00' } });
      });
      after(async () => t.close());

      it('answers every customer page, and form posts, with 503, Retry-After in seconds and a Japanese notice', async () => {
        for (const path of CUSTOMER_PAGES) await expectMaintenance(t, path, '3600', /2026年11月26日 0時00分/);
        await expectMaintenance(t, '/login', '3600', /2026年11月26日 0時00分/, 'POST');
      });

      it('still serves the stylesheet and the health check', async () => {
        const css = await fetch(`${t.baseUrl}/static/style.css`);
        assert.equal(css.status, 200);
        assert.match(css.headers.get('content-type') ?? '', /text\/css/);
        assert.equal((await fetch(`${t.baseUrl}/healthz`)).status, 200);
      });
    });

    describe('the default Monday 2:00–4:00 window', () => {
      let t: TestApp;
      const clock = new ManualClock(new Date('2026-11-30T01:59:59+09:00'));
      before(async () => {
        t = await startTestApp({ db: kind, clock, env: { MAINTENANCE_WINDOWS: 'Mon 02:00-04:00' } });
      });
      after(async () => t.close());

      it('serves pages until 2:00, answers 503 until 4:00 counting down, then serves again', async () => {
        assert.equal((await fetch(`${t.baseUrl}/`)).status, 200);
        clock.set(new Date('2026-11-30T02:00:00+09:00'));
        await expectMaintenance(t, '/', '7200', /2026年11月30日 4時00分/);
        clock.set(new Date('2026-11-30T03:59:30.500+09:00'));
        await expectMaintenance(t, '/agency/D0001', '30', /4時00分/);
        clock.set(new Date('2026-11-30T04:00:00+09:00'));
        assert.equal((await fetch(`${t.baseUrl}/`)).status, 200);
        clock.set(new Date('2026-12-01T03:00:00+09:00'));
        assert.equal((await fetch(`${t.baseUrl}/`)).status, 200, 'Tuesday is open');
      });

      it('states the window on the 推奨環境 page', async () => {
        clock.set(new Date('2026-12-01T10:00:00+09:00'));
        const html = await (await fetch(`${t.baseUrl}/environment`)).text();
        assert.match(html, /ご利用可能時間は、毎週月曜日 2:00～4:00（システムメンテナンス）を除く全日です。/);
      });
    });
  });
}
