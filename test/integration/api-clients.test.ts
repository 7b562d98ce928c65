import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { call, newClient, tokenFor } from '../support/api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { databaseKinds } from '../support/db.js';
import { staffBrowser } from '../support/staff.js';
import { textOf, type WebClient } from '../support/web-client.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Test-2026';

for (const kind of databaseKinds()) {
  describe(`API clients (CLI and console) on ${kind}`, () => {
    const clock = new ManualClock(new Date('2026-11-25T01:00:00Z'));
    let t: TestApp;
    const cli = (args: string[]) => runCli(['api-clients', ...args], { DATABASE_URL: t.database.url, MAINTENANCE_WINDOWS: 'none' });
    const logIn = (login: string): Promise<WebClient> => staffBrowser(t, clock, login, PASSWORD, SECRET);

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      const ready = (login: string, role: 'admin' | 'desk') => ({ login, name: `職員 ${login}`, role, agencyCode: null, password: PASSWORD, totpSecret: SECRET });
      await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [ready('admin.one', 'admin'), ready('desk.one', 'desk')]);
    });
    after(() => t.close());

    it('adds a client with the CLI (secret printed once, stored hashed), lists it and revokes it', async () => {
      const added = await cli(['add', '基幹システム', '--scopes', 'policies:write,policies:read']);
      assert.equal(added.code, 0, added.stderr);
      const clientId = /^client_id=(kzc_[A-Za-z0-9_-]{16})$/m.exec(added.stdout)?.[1];
      const clientSecret = /^client_secret=([A-Za-z0-9_-]{43})$/m.exec(added.stdout)?.[1];
      assert.ok(clientId && clientSecret, added.stdout);
      const row = await t.deps.db.selectFrom('api_clients').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
      assert.notEqual(row.secret_hash, clientSecret);
      assert.equal(row.scopes, 'policies:write policies:read');
      const token = await tokenFor(t, { clientId, clientSecret });

      const listed = await cli(['list']);
      assert.equal(listed.code, 0);
      assert.match(listed.stdout, new RegExp(`^${clientId}\\t基幹システム\\tpolicies:write,policies:read\\t\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t-$`, 'm'));
      assert.doesNotMatch(listed.stdout, new RegExp(clientSecret));

      const revoked = await cli(['revoke', clientId, '--reason', 'rotated']);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.equal((await call(t, 'GET', '/v1/policies/X1', { token })).status, 401, 'its token stops working at once');
      const twice = await cli(['revoke', clientId]);
      assert.equal(twice.code, 2);
      assert.match(twice.stderr, /already revoked/);
    });

    it('refuses an unknown scope, a missing name and wrong usage with exit 2', async () => {
      const unknown = await cli(['add', 'x', '--scopes', 'policies:write,everything']);
      assert.equal(unknown.code, 2);
      assert.equal(unknown.stderr.trim(), 'cannot add API client: unknown scope everything');
      const usage = await cli(['add', 'x']);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /^usage: keizoku api-clients add NAME --scopes/);
      assert.equal((await cli(['revoke', 'kzc_nobody'])).code, 2);
    });

    it('shows an admin the clients with scopes, created, last used and state, and revokes one with a reason (audited)', async () => {
      const client = await newClient(t, 'policies:read');
      await tokenFor(t, client);
      const desk = await logIn('desk.one');
      assert.equal((await desk.get('/console/api-clients')).status, 404, 'admins only');

      const admin = await logIn('admin.one');
      assert.match(textOf((await admin.get('/console')).html), /APIクライアント/);
      const page = await admin.get('/console/api-clients');
      assert.equal(page.status, 200);
      const text = textOf(page.html);
      assert.match(text, new RegExp(`core system ${client.clientId} policies:read 2026-11-25 \\d\\d:\\d\\d 2026-11-25 \\d\\d:\\d\\d 有効`));
      assert.match(text, /基幹システム kzc_\S+ policies:write, policies:read [\d-]+ [\d:]+ [\d-]+ [\d:]+ 無効（[\d-]+ [\d:]+、理由：rotated）/);

      const action = `/console/api-clients/${client.clientId}/revoke`;
      const empty = await admin.post(action, { reason: '' });
      assert.equal(empty.status, 400);
      assert.match(textOf(empty.html), /理由を入力してください/);
      const done = await admin.post(action, { reason: '委託先の変更' });
      assert.equal(done.status, 303);
      const after = await admin.get(done.location!);
      assert.match(textOf(after.html), /APIクライアントを無効化しました。/);
      assert.match(textOf(after.html), /無効（2026-11-25 \d\d:\d\d、理由：委託先の変更）/);
      const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'api_client_revoked').execute();
      const byAdmin = audit.filter((a) => JSON.parse(a.detail).client_id === client.clientId);
      assert.deepEqual(byAdmin.map((a) => [a.actor_kind, JSON.parse(a.detail).reason]), [['staff', '委託先の変更']]);
      const log = await admin.get('/console/audit?kind=api_client_revoked');
      assert.match(textOf(log.html), /APIクライアントの無効化/);
      assert.equal((await admin.post('/console/api-clients/kzc_nobody/revoke', { reason: 'x' })).status, 404);
    });
  });
}
