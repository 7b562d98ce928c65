import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { disableStaffRow } from '../../src/features/console/admin/repository.js';
import { disableStaff } from '../../src/features/console/admin/staff-admin-service.js';
import { findStaffByLogin } from '../../src/features/console/repository.js';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { recordAudit } from '../../src/platform/auth/audit.js';
import { ManualClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/crypto.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { MailCatcher, type CaughtMail } from '../support/mail-catcher.js';
import { codeAt, completeSetup, staffLogin } from '../support/staff.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan.
const BASE = new Date('2026-11-25T01:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Test-2026';

const ADMIN_GETS = ['/console/staff', '/console/staff/new', '/console/audit', '/console/audit.csv'];
const ADMIN_POSTS = ['/console/staff', '/disable', '/enable', '/role', '/mfa-reset'];

for (const kind of databaseKinds()) {
  describe(`console administrator's pages on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let ipCount = 0;
    const browser = () => new WebClient(t.baseUrl, { 'x-forwarded-for': `198.51.100.${++ipCount}` });
    const freshCode = (secret = SECRET) => {
      clock.advance(30_000);
      return codeAt(secret, clock.now());
    };
    async function logIn(login: string, password = PASSWORD, secret = SECRET): Promise<WebClient> {
      const client = browser();
      const answer = await staffLogin(client, login, password, freshCode(secret));
      assert.equal(answer.status, 303, `${login}: ${textOf(answer.html)}`);
      return client;
    }
    const idOf = async (login: string) => (await findStaffByLogin(t.deps.db, login))!.id;
    /** GET the page first (for its CSRF token), then post the form. */
    async function submit(client: WebClient, formPage: string, action: string, fields: Record<string, string>): Promise<WebPage> {
      assert.equal((await client.get(formPage)).status, 200, formPage);
      return client.post(action, fields);
    }
    /** The setup link of a mail, as a path on the test app (the mail names the configured base URL). */
    const setupPathIn = (mail: CaughtMail) => {
      const url = new URL(MailCatcher.firstUrl(mail));
      assert.equal(url.pathname, '/console/setup');
      assert.match(url.searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{43}$/);
      return `${url.pathname}${url.search}`;
    };
    const tableOf = (page: WebPage) => textOf(/<tbody>(.*?)<\/tbody>/s.exec(page.html)?.[1] ?? '');

    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { TRUST_PROXY: '127.0.0.1' } });
      await insertPolicy(t.deps.db);
      await insertCustomer(t.deps.db, { userId: 'abc@example.com', password: 'Abc12345', policies: ['C123456789'] });
      const ready = (login: string, role: 'admin' | 'desk' | 'agency', name = `職員 ${login}`) => ({ login, name, role, agencyCode: role === 'agency' ? 'D0001' : null, password: PASSWORD, totpSecret: SECRET });
      await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [
        ready('admin.one', 'admin'),
        ready('admin.two', 'admin', '管理, "二郎"'),
        ready('desk.one', 'desk'),
        ready('desk.two', 'desk'),
        ready('agency.one', 'agency'),
      ]);
    });
    after(async () => t.close());

    it('desk and agency staff get 404 on every admin URL; a visitor is sent to the login', async () => {
      const target = await idOf('desk.two');
      for (const login of ['desk.one', 'agency.one']) {
        const client = await logIn(login);
        await client.get('/console');
        for (const path of [...ADMIN_GETS, `/console/staff/${target}`]) {
          const page = await client.get(path);
          assert.equal(page.status, 404, `${login} GET ${path}`);
          assert.match(textOf(page.html), /ページが見つかりません/);
        }
        for (const path of ADMIN_POSTS.map((p) => (p.startsWith('/console') ? p : `/console/staff/${target}${p}`))) {
          assert.equal((await client.post(path, { reason: 'x', role: 'admin', login: 'evil.one', name: 'x', email: 'x@example.com' })).status, 404, `${login} POST ${path}`);
        }
        assert.doesNotMatch((await client.get('/console')).html, /スタッフ管理/, 'no admin menu');
      }
      const visitor = browser();
      for (const path of ADMIN_GETS) assert.equal((await visitor.get(path)).location, '/console/login', path);
      assert.equal((await findStaffByLogin(t.deps.db, 'desk.two'))!.enabled, 1, 'nothing changed');
      assert.equal(await findStaffByLogin(t.deps.db, 'evil.one'), undefined);
    });

    it('adds a staff member: the setup URL goes by mail, not on the screen, and the link sets them up', async () => {
      const admin = await logIn('admin.one');
      assert.match((await admin.get('/console')).html, /href="\/console\/staff">スタッフ管理/);
      const added = await submit(admin, '/console/staff/new', '/console/staff', { login: 'New.Desk', name: '新人 デスク', email: 'new.desk@example.com', role: 'desk', agency: '', reason: '4月入社' });
      assert.equal(added.status, 303, textOf(added.html));
      const id = await idOf('new.desk');
      assert.equal(added.location, `/console/staff/${id}?done=added`);
      const shown = await admin.get(added.location!);
      assert.match(textOf(shown.html), /登録したメールアドレスに送信しました/);
      assert.doesNotMatch(shown.html, /token=/, 'the URL is not shown');
      const mail = await t.mail.waitFor('new.desk@example.com');
      assert.match(mail.subject, /管理コンソール 初期設定のご案内/);
      const outbox = await t.deps.db.selectFrom('outbox').select(['text_body']).where('to_address', '=', 'new.desk@example.com').executeTakeFirstOrThrow();
      assert.doesNotMatch(outbox.text_body, /token=[A-Za-z0-9_-]{43}/, 'the outbox keeps the token sealed');
      const { secret } = await completeSetup(t, clock, setupPathIn(mail), 'Shinjin-Desk-2026');
      await logIn('new.desk', 'Shinjin-Desk-2026', secret);
      const list = textOf((await admin.get('/console/staff')).html);
      assert.match(list, /new\.desk 新人 デスク インターネットデスク - 有効 登録済 2026-11-25 10:\d\d/);
      const event = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'staff_created').where('subject_id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([event.actor_kind, event.actor_id, event.subject_kind], ['staff', await idOf('admin.one'), 'staff']);
      const detail = JSON.parse(event.detail) as { reason: string; before: null; after: { role: string } };
      assert.equal(detail.reason, '4月入社');
      assert.equal(detail.before, null);
      assert.equal(detail.after.role, 'desk');
    });

    it('refuses bad add forms with a 400 and field messages, never a 5xx', async () => {
      const admin = await logIn('admin.one');
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ login: 'x', name: 'a', email: 'a@example.com', role: 'desk', agency: '', reason: 'r' }, /ログインIDは半角英小文字/],
        [{ login: 'desk.one', name: 'a', email: 'a@example.com', role: 'desk', agency: '', reason: 'r' }, /すでに使われています/],
        [{ login: 'agent.new', name: 'a', email: 'a@example.com', role: 'agency', agency: '', reason: 'r' }, /代理店を選択してください/],
        [{ login: 'agent.new', name: 'a', email: 'a@example.com', role: 'agency', agency: 'Z9999', reason: 'r' }, /代理店を一覧から選択/],
        [{ login: 'desk.new', name: 'a', email: 'a@example.com', role: 'desk', agency: 'D0001', reason: 'r' }, /代理店は、権限が「代理店」のときだけ/],
        [{ login: 'desk.new', name: 'a', email: 'not-mail', role: 'root', agency: '', reason: '' }, /権限を選択してください/],
        [{ login: 'desk.new', name: 'あ'.repeat(101), email: 'a@example.com', role: 'desk', agency: '', reason: 'x'.repeat(201) }, /理由は200文字以内/],
      ];
      for (const [fields, message] of cases) {
        const page = await submit(admin, '/console/staff/new', '/console/staff', fields);
        assert.equal(page.status, 400, JSON.stringify(fields));
        assert.match(textOf(page.html), message);
      }
      await admin.get('/console/staff/new');
      const bodies: Array<Record<string, string | string[]>> = [{}, { login: ['a', 'b'] }, { login: '<script>alert(1)</script>', name: '\r\nBcc: x@example.com', email: '\r\n@x', role: '__proto__', agency: '../', reason: '😀' }];
      for (const body of bodies) {
        const page = await admin.post('/console/staff', body);
        assert.ok(page.status < 500 && page.status !== 303, `${JSON.stringify(body)}: ${page.status}`);
      }
      assert.equal(await findStaffByLogin(t.deps.db, 'desk.new'), undefined);
    });

    it('disabling ends the member’s sessions at once and refuses their login; enabling restores it', async () => {
      const admin = await logIn('admin.one');
      const desk = await logIn('desk.two');
      const id = await idOf('desk.two');
      const page = `/console/staff/${id}`;
      assert.equal((await submit(admin, page, `${page}/disable`, { reason: '' })).status, 400, 'a reason is required');
      assert.equal((await desk.get('/console')).status, 200, 'not yet');
      const disabled = await submit(admin, page, `${page}/disable`, { reason: '退職' });
      assert.equal(disabled.location, `${page}?done=disabled`);
      const sessions = await t.deps.db.selectFrom('sessions').select(['revoked_at']).where('actor_kind', '=', 'staff').where('actor_id', '=', id).execute();
      assert.ok(sessions.length >= 1 && sessions.every((s) => s.revoked_at !== null), 'every session revoked in the same transaction');
      assert.equal((await desk.get('/console')).location, '/console/login');
      assert.equal((await staffLogin(browser(), 'desk.two', PASSWORD, freshCode())).status, 401);
      assert.match(textOf((await admin.get('/console/staff')).html), /desk\.two 職員 desk\.two インターネットデスク - 停止/);
      assert.equal((await submit(admin, page, `${page}/disable`, { reason: '二重' })).status, 409, 'already disabled');
      const enabled = await submit(admin, page, `${page}/enable`, { reason: '復職' });
      assert.equal(enabled.location, `${page}?done=enabled`);
      await logIn('desk.two');
      const events = await t.deps.db.selectFrom('audit_events').selectAll().where('subject_id', '=', id).where('kind', 'in', ['staff_disabled', 'staff_enabled']).orderBy('at').execute();
      assert.deepEqual(events.map((e) => [e.kind, JSON.parse(e.detail)]), [
        ['staff_disabled', { reason: '退職', before: { enabled: true }, after: { enabled: false } }],
        ['staff_enabled', { reason: '復職', before: { enabled: false }, after: { enabled: true } }],
      ]);
    });

    it('a role change takes effect on the member’s next request', async () => {
      const admin = await logIn('admin.one');
      const desk = await logIn('desk.one');
      const id = await idOf('desk.one');
      const page = `/console/staff/${id}`;
      assert.equal((await desk.get('/console/staff')).status, 404);
      assert.equal((await submit(admin, page, `${page}/role`, { role: 'admin', agency: '', reason: '管理者に昇格' })).location, `${page}?done=role`);
      assert.equal((await desk.get('/console/staff')).status, 200, 'the same session, now an admin');
      assert.equal((await submit(admin, page, `${page}/role`, { role: 'agency', agency: '', reason: 'x' })).status, 400);
      assert.equal((await submit(admin, page, `${page}/role`, { role: 'agency', agency: 'NOPE', reason: 'x' })).status, 400);
      assert.equal((await submit(admin, page, `${page}/role`, { role: 'agency', agency: 'D0001', reason: '代理店へ出向' })).status, 303);
      assert.equal((await desk.get('/console/staff')).status, 404);
      assert.match(textOf((await desk.get('/console')).html), /代理店コード D0001/);
      // A second on, so that the newest event is this one (two changes in one instant would tie on `at`).
      clock.advance(1000);
      assert.equal((await submit(admin, page, `${page}/role`, { role: 'desk', agency: '', reason: '戻り' })).status, 303);
      const event = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'staff_role_changed').where('subject_id', '=', id).orderBy('at', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(event.detail), { reason: '戻り', before: { role: 'agency', agency_code: 'D0001' }, after: { role: 'desk', agency_code: null } });
    });

    it('MFA reset ends the sessions, mails a new setup link that works, and the old TOTP secret no longer does', async () => {
      const admin = await logIn('admin.one');
      // A member with an address (the demo-style accounts have none: refused).
      const noMail = await idOf('agency.one');
      const refused = await submit(admin, `/console/staff/${noMail}`, `/console/staff/${noMail}/mfa-reset`, { reason: '紛失' });
      assert.equal(refused.status, 409);
      assert.match(textOf(refused.html), /メールアドレスが登録されていない/);
      await submit(admin, '/console/staff/new', '/console/staff', { login: 'reset.me', name: '再設定 太郎', email: 'reset.me@example.com', role: 'desk', agency: '', reason: '追加' });
      const first = await completeSetup(t, clock, setupPathIn(await t.mail.waitFor('reset.me@example.com')), 'Reset-Me-Pass-01');
      const member = await logIn('reset.me', 'Reset-Me-Pass-01', first.secret);
      const id = await idOf('reset.me');
      const before = t.mail.messages.length;
      const reset = await submit(admin, `/console/staff/${id}`, `/console/staff/${id}/mfa-reset`, { reason: 'スマートフォン紛失' });
      assert.equal(reset.location, `/console/staff/${id}?done=mfa`);
      assert.equal((await member.get('/console')).location, '/console/login', 'session ended');
      const mail = await t.mail.waitFor('reset.me@example.com', (m) => t.mail.messages.indexOf(m) >= before);
      assert.match(mail.text, /2段階認証が、管理者によりリセットされました/);
      // The old password and secret: refused (the password is cleared; setup sets a new one).
      assert.equal((await staffLogin(browser(), 'reset.me', 'Reset-Me-Pass-01', freshCode(first.secret))).status, 401);
      assert.equal(await t.deps.db.selectFrom('staff_recovery_codes').select('id').where('staff_id', '=', id).executeTakeFirst(), undefined, 'recovery codes cleared');
      const second = await completeSetup(t, clock, setupPathIn(mail), 'Reset-Me-Pass-02');
      assert.notEqual(second.secret, first.secret);
      const client = browser();
      await client.get('/console/login');
      assert.equal((await client.post('/console/login', { login: 'reset.me', password: 'Reset-Me-Pass-02' })).status, 303);
      await client.get('/console/login/code');
      assert.equal((await client.post('/console/login/code', { code: freshCode(first.secret) })).status, 401, 'the old secret no longer works');
      assert.equal((await client.post('/console/login/code', { code: codeAt(second.secret, clock.now()) })).status, 303);
      const event = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'staff_mfa_reset').where('subject_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(event.detail).reason, 'スマートフォン紛失');
      assert.equal(event.actor_id, await idOf('admin.one'));
    });

    it('an admin cannot disable, demote or reset themselves, and the last enabled admin stays', async () => {
      const admin = await logIn('admin.one');
      const self = await idOf('admin.one');
      const page = `/console/staff/${self}`;
      assert.match(textOf((await admin.get(page)).html), /自分自身の停止・権限の変更・2段階認証のリセットはできません/);
      for (const [action, fields] of [['disable', {}], ['role', { role: 'desk', agency: '' }], ['mfa-reset', {}]] as const) {
        const answer = await submit(admin, page, `${page}/${action}`, { ...fields, reason: '自分で' });
        assert.equal(answer.status, 409, action);
        assert.match(textOf(answer.html), /自分自身に対しては/);
      }
      const row = (await findStaffByLogin(t.deps.db, 'admin.one'))!;
      assert.deepEqual([row.enabled, row.role], [1, 'admin']);
      // The guard in the update itself: the only enabled admin cannot be disabled, whoever asks.
      const two = await idOf('admin.two');
      const promoted = await t.deps.db.selectFrom('staff_accounts').select('id').where('role', '=', 'admin').where('enabled', '=', 1).execute();
      await t.deps.db.updateTable('staff_accounts').set({ enabled: 0 }).where('id', 'in', promoted.map((p) => p.id).filter((p) => p !== two)).execute();
      try {
        assert.equal(await disableStaffRow(t.deps.db, two, clock.now()), false);
        assert.equal((await findStaffByLogin(t.deps.db, 'admin.two'))!.enabled, 1);
      } finally {
        await t.deps.db.updateTable('staff_accounts').set({ enabled: 1 }).where('id', 'in', promoted.map((p) => p.id)).execute();
      }
      // Two admins disabling each other at the same moment: one of them stays.
      const one = await idOf('admin.one');
      const outcomes = await Promise.all([disableStaff(t.deps, { staffId: one, ip: '192.0.2.1' }, two, '同時'), disableStaff(t.deps, { staffId: two, ip: '192.0.2.2' }, one, '同時')]);
      assert.deepEqual(outcomes.map((o) => o.ok).sort(), [false, true]);
      const left = await t.deps.db.selectFrom('staff_accounts').select('login').where('role', '=', 'admin').where('enabled', '=', 1).execute();
      assert.equal(left.length, 1);
      await t.deps.db.updateTable('staff_accounts').set({ enabled: 1 }).where('id', 'in', [one, two]).execute();
    });

    it('unknown or tampered staff ids answer 404, never 500', async () => {
      const admin = await logIn('admin.one');
      await admin.get('/console/staff');
      for (const id of [newId(), 'nope', 'x'.repeat(500), encodeURIComponent("' OR 1=1 --"), '%E3%81', '%FF', '..%2F..%2Fetc', encodeURIComponent('あ'), '%20']) {
        const shown = (await admin.get(`/console/staff/${id}`)).status;
        assert.ok(shown === 404 || shown === 400, `GET ${id}: ${shown}`);
        for (const action of ['disable', 'enable', 'role', 'mfa-reset']) {
          const status = (await admin.post(`/console/staff/${id}/${action}`, { reason: '改ざん', role: 'admin', agency: '' })).status;
          assert.ok(status === 404 || status === 400, `POST ${id}/${action}: ${status}`);
        }
      }
      assert.equal((await admin.get('/console/staff/%00')).status, 404);
    });

    it('the audit log: newest first, 50 a page, filters by staff, customer, kind and Japan days; viewing it is logged', async () => {
      const admin = await logIn('admin.one');
      const customer = await t.deps.db.selectFrom('customers').select('id').executeTakeFirstOrThrow();
      const deskId = await idOf('desk.two');
      const rows = Array.from({ length: 120 }, (_, i) => ({
        id: newId(),
        at: new Date(Date.parse('2026-11-10T00:00:00Z') + i * 60_000).toISOString(),
        kind: 'paging_probe',
        actor_kind: 'customer',
        actor_id: customer.id,
        customer_id: customer.id,
        subject_kind: null,
        subject_id: null,
        ip: '203.0.113.9',
        detail: JSON.stringify({ n: i, email: 'abc@example.com' }),
      }));
      await t.deps.db.insertInto('audit_events').values(rows).execute();
      const page1 = await admin.get('/console/audit?kind=paging_probe');
      assert.equal(page1.status, 200);
      const ns = (page: WebPage) => [...page.html.matchAll(/n: (\d+)/g)].map((m) => Number(m[1]));
      assert.deepEqual(ns(page1), Array.from({ length: 50 }, (_, i) => 119 - i), 'newest first');
      assert.match(page1.html, /href="\/console\/audit\?kind=paging_probe&amp;page=2" rel="next"/);
      assert.doesNotMatch(page1.html, /abc@example\.com/, 'personal data trimmed');
      assert.match(textOf(page1.html), /お客さま/);
      assert.match(page1.html, new RegExp(`href="/console/customers/${customer.id}"`));
      assert.deepEqual(ns(await admin.get('/console/audit?kind=paging_probe&page=2')), Array.from({ length: 50 }, (_, i) => 69 - i));
      const page3 = await admin.get('/console/audit?kind=paging_probe&page=3');
      assert.deepEqual(ns(page3), Array.from({ length: 20 }, (_, i) => 19 - i));
      assert.doesNotMatch(page3.html, /rel="next"/);
      assert.match(page3.html, /rel="prev"/);

      // Japan days: 2026-11-10 09:00 JST is the first event; the day before ends at 2026-11-10T15:00Z… in Japan.
      const day = await admin.get('/console/audit?kind=paging_probe&from=2026-11-10&to=2026-11-10');
      assert.equal(ns(day).length, 50);
      assert.equal(ns(await admin.get('/console/audit?kind=paging_probe&from=2026-11-11')).length, 0);
      assert.equal(ns(await admin.get('/console/audit?kind=paging_probe&to=2026-11-09')).length, 0);
      await recordAudit(t.deps.db, new Date('2026-11-20T14:59:59Z'), { kind: 'staff_logout', actor: { kind: 'staff', id: deskId }, subject: { kind: 'staff', id: deskId } });
      await recordAudit(t.deps.db, new Date('2026-11-20T15:00:00Z'), { kind: 'staff_logout', actor: { kind: 'staff', id: deskId }, subject: { kind: 'staff', id: deskId } });
      const jst21 = textOf((await admin.get('/console/audit?kind=staff_logout&from=2026-11-21&to=2026-11-21')).html);
      assert.match(jst21, /2026-11-21 00:00:00 職員ログアウト desk\.two（職員 desk\.two） 職員 desk\.two/);
      assert.doesNotMatch(jst21, /2026-11-20 23:59:59/);
      assert.match(textOf((await admin.get('/console/audit?kind=staff_logout&from=2026-11-20&to=2026-11-20')).html), /2026-11-20 23:59:59/);

      // By staff member (who acted or was acted on) and by customer.
      const byStaff = tableOf(await admin.get(`/console/audit?staff=${deskId}`));
      assert.match(byStaff, /職員の停止/);
      assert.match(byStaff, /職員の再開/);
      assert.doesNotMatch(byStaff, /paging_probe/);
      const byCustomer = await admin.get(`/console/audit?customer=${customer.id}&kind=paging_probe&page=3`);
      assert.equal(ns(byCustomer).length, 20);
      assert.equal(ns(await admin.get(`/console/audit?customer=${newId()}&kind=paging_probe`)).length, 0);

      const viewed = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'audit_log_viewed').where('actor_id', '=', await idOf('admin.one')).execute();
      assert.ok(viewed.length >= 10);

      // Bad filters: a 400 page with messages, never a 5xx.
      for (const query of ['from=2026-02-30', 'to=yesterday', 'from=2026-11-21&to=2026-11-20', 'page=0', 'page=-1', 'page=1e9', 'kind=DROP%20TABLE', 'customer=%3Cscript%3E', 'page=%FF', 'from=%00']) {
        const page = await admin.get(`/console/audit?${query}`);
        assert.ok(page.status === 400 || page.status === 404, `${query}: ${page.status}`);
        const csv = await admin.get(`/console/audit.csv?${query}`);
        assert.ok(csv.status === 400 || csv.status === 404, `csv ${query}: ${csv.status}`);
      }
      for (const query of ['staff=%E3%81', 'staff=%FF', `staff=${'x'.repeat(3000)}`, 'kind=a&kind=b', 'customer[]=1', '__proto__[x]=1', 'from=2026-11-10&from=2026-11-11']) {
        const status = (await admin.get(`/console/audit?${query}`)).status;
        assert.ok(status < 500, `${query}: ${status}`);
      }
      assert.equal((await admin.get('/console/audit?page=999999&kind=paging_probe')).status, 200);
      assert.equal((await admin.get('/console/audit?staff=unknown')).status, 200);
    });

    it('the CSV: BOM, CRLF, RFC 4180 quoting and formula guards, with the page’s filters; the export is logged', async () => {
      const admin = await logIn('admin.two');
      const target = await idOf('desk.two');
      const page = `/console/staff/${target}`;
      await submit(admin, page, `${page}/disable`, { reason: '=HYPERLINK("http://evil.example/","x")' });
      await submit(admin, page, `${page}/enable`, { reason: '+81, "quoted"' });
      const response = await fetch(`${t.baseUrl}/console/audit.csv?staff=${await idOf('admin.two')}&kind=staff_disabled`, { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': admin.headers['x-forwarded-for']! } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="audit-log\.csv"/);
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
      const text = bytes.subarray(3).toString('utf8');
      assert.ok(text.endsWith('\r\n'));
      assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'every line ends with CRLF');
      const lines = text.split('\r\n');
      assert.equal(lines[0], '日時,種別,操作者,対象,IP,理由/詳細');
      assert.equal(lines.at(-1), '', 'the last line ends with CRLF too');
      const line = lines.find((l) => l.includes('HYPERLINK'));
      assert.ok(line, 'the disabling is in the CSV');
      assert.match(line, /^2026-11-25 \d\d:\d\d:\d\d,職員の停止,"admin\.two（管理, ""二郎""）",職員 desk\.two,198\.51\.100\.\d+,"'=HYPERLINK\(""http:\/\/evil\.example\/"",""x""\) \/ before: \{enabled: true\} \/ after: \{enabled: false\}"$/);
      const all = await fetch(`${t.baseUrl}/console/audit.csv?staff=${await idOf('admin.two')}&kind=staff_enabled`, { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': admin.headers['x-forwarded-for']! } });
      assert.match(await all.text(), /,"'\+81, ""quoted"" \/ before/);
      const exported = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'audit_log_exported').where('detail', 'like', '%"kind":"staff_disabled"%').executeTakeFirstOrThrow();
      assert.equal(exported.actor_id, await idOf('admin.two'));
      assert.equal(JSON.parse(exported.detail).rows, lines.length - 2);
    });
  });
}
