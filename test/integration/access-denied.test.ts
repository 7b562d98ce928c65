import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { codeAt, staffLogin } from '../support/staff.js';
import { WebClient, textOf } from '../support/web-client.js';
import { policyUrl, renewalUrl } from '../support/policy-urls.js';

// ASVS 16.3.2: a signed-in customer or staff member asking for a record they may not see gets the
// same 404 as before, and the denial is a warn log line and (at most 20 an hour per actor) an
// audit event; unknown URLs and visitors who are not signed in write neither.

const BASE = new Date('2026-11-25T01:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STAFF_PASSWORD = 'Console-Denied-2026';

interface LogLine {
  msg?: string;
  event?: string;
  actor?: { kind: string; id: string };
  method?: string;
  path?: string;
  route?: string;
  audited?: boolean;
}

for (const kind of databaseKinds()) {
  describe(`failed authorization as a security event on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    const lines: string[] = [];
    let t: TestApp;
    let taro = '';

    const denials = (): LogLine[] => lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.event === 'access_denied');
    const audits = (actorId: string) =>
      t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'access_denied').where('actor_id', '=', actorId).orderBy('at').execute();

    async function customer(): Promise<WebClient> {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      assert.equal((await client.post('/login', { userId: 'taro@example.com', password: 'Taro12345' })).status, 303);
      return client;
    }

    before(async () => {
      t = await startTestApp({ db: kind, clock, log: { write: (line) => void lines.push(line) } });
      await insertPolicy(t.deps.db, { policy_number: 'C000000001' });
      await insertPolicy(t.deps.db, { policy_number: 'C000000002', agency_code: 'D0002', holder_family_name: '青木', holder_given_name: '由美', holder_family_kana: 'アオキ', holder_given_kana: 'ユミ' });
      taro = (await insertCustomer(t.deps.db, { userId: 'taro@example.com', password: 'Taro12345', policies: ['C000000001'] })).id;
      await insertCustomer(t.deps.db, { userId: 'yumi@example.com', password: 'Yumi12345', familyName: '青木', givenName: '由美', familyKana: 'アオキ', givenKana: 'ユミ', policies: ['C000000002'] });
      await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [{ login: 'agency.one', name: '代理 一子', role: 'agency', agencyCode: 'D0001', password: STAFF_PASSWORD, totpSecret: SECRET }]);
    });
    after(async () => t.close());

    it("a customer asking for another customer's policy, renewal and PDF gets 404, a warn line and an audit event each", async () => {
      const client = await customer();
      assert.equal((await client.get(policyUrl(t, 'C000000001'))).status, 200, 'their own policy');
      const [details, renewal, pdf] = [policyUrl(t, 'C000000002'), renewalUrl(t, 'C000000002'), renewalUrl(t, 'C000000002', '/application.pdf')];
      const probes = [`${details}?from=mail`, renewal, pdf];
      for (const path of probes) {
        const answer = await client.get(path);
        assert.equal(answer.status, 404, path);
        assert.match(textOf(answer.html), /見つかりません|ございません|表示できません/);
      }
      const rows = await audits(taro);
      assert.deepEqual(
        rows.map((r) => [r.actor_kind, r.customer_id, JSON.parse(r.detail) as unknown]),
        [
          ['customer', taro, { method: 'GET', path: details, route: '/mypage/policies/:ref' }],
          ['customer', taro, { method: 'GET', path: renewal, route: '/renewal/:ref' }],
          ['customer', taro, { method: 'GET', path: pdf, route: '/renewal/:ref/application.pdf' }],
        ],
      );
      const logged = denials();
      assert.equal(logged.length, 3);
      assert.deepEqual(logged[0], { ...logged[0], msg: 'access denied', actor: { kind: 'customer', id: taro }, method: 'GET', path: details, audited: true });
      assert.ok(!lines.some((l) => l.includes('from=mail')), 'the query is not logged');
    });

    it('an unknown URL, or a visitor who is not signed in, writes no audit event', async () => {
      const before = (await t.deps.db.selectFrom('audit_events').select('id').where('kind', '=', 'access_denied').execute()).length;
      const client = await customer();
      assert.equal((await client.get('/no-such-page/C000000002')).status, 404);
      const visitor = new WebClient(t.baseUrl);
      assert.equal((await visitor.get('/no-such-page')).status, 404);
      assert.equal((await visitor.get('/mypage/policies/C000000002')).status, 303, 'to the login page');
      assert.equal((await t.deps.db.selectFrom('audit_events').select('id').where('kind', '=', 'access_denied').execute()).length, before);
    });

    it('an agency staff member asking for another agency’s customer or an admin page is audited; the 操作ログ names it', async () => {
      const yumi = await t.deps.db.selectFrom('customers').select('id').where('user_id', '=', 'yumi@example.com').executeTakeFirstOrThrow();
      clock.advance(30_000);
      const staff = new WebClient(t.baseUrl);
      assert.equal((await staffLogin(staff, 'agency.one', STAFF_PASSWORD, codeAt(SECRET, clock.now()))).status, 303);
      assert.equal((await staff.get(`/console/customers/${yumi.id}`)).status, 404);
      assert.equal((await staff.get('/console/staff')).status, 404, 'an admin page');
      assert.equal((await staff.get('/console/no-such-page')).status, 404, 'not audited: no such page');
      const agent = await t.deps.db.selectFrom('staff_accounts').select('id').where('login', '=', 'agency.one').executeTakeFirstOrThrow();
      const rows = await audits(agent.id);
      assert.deepEqual(
        rows.map((r) => [r.actor_kind, r.customer_id, (JSON.parse(r.detail) as { path: string }).path]),
        [
          ['staff', null, `/console/customers/${yumi.id}`],
          ['staff', null, '/console/staff'],
        ],
      );
      assert.ok(denials().some((l) => l.actor?.kind === 'staff' && l.route === '/console/customers/:id'));

      await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [{ login: 'admin.one', name: '管理 一郎', role: 'admin', agencyCode: null, password: STAFF_PASSWORD, totpSecret: SECRET }]);
      clock.advance(30_000);
      const admin = new WebClient(t.baseUrl);
      assert.equal((await staffLogin(admin, 'admin.one', STAFF_PASSWORD, codeAt(SECRET, clock.now()))).status, 303);
      const log = textOf((await admin.get('/console/audit')).html);
      assert.match(log, /アクセス拒否（見る権限のない記録・画面）/);
    });

    it('at most 20 audit events an hour per actor; every denial is still logged', async () => {
      const client = await customer();
      const already = (await audits(taro)).length;
      const loggedBefore = denials().length;
      for (let i = 0; i < 25; i++) assert.equal((await client.get(`/mypage/policies/X${String(i).padStart(9, '0')}`)).status, 404);
      assert.equal((await audits(taro)).length, 20, `${already} before, capped at 20`);
      const logged = denials().slice(loggedBefore);
      assert.equal(logged.length, 25);
      assert.equal(logged.filter((l) => l.audited === false).length, 25 - (20 - already));
      clock.advance(3_600_000);
      const later = await customer();
      assert.equal((await later.get('/mypage/policies/C000000002')).status, 404);
      assert.equal((await audits(taro)).length, 21, 'a new hour, a new allowance');
    });
  });
}
