import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addStaff } from '../../src/features/console/staff-service.js';
import { choosePassword, confirmTotp, openSetup } from '../../src/features/console/setup-service.js';
import { checkStaffCode } from '../../src/features/console/login-service.js';
import { loadDemoData } from '../../src/commands/demo/service.js';
import { DEMO_STAFF_PASSWORD, DEMO_TOTP_SECRET } from '../../src/commands/demo/staff.js';
import { ManualClock } from '../../src/platform/clock.js';
import { sha256 } from '../../src/platform/crypto.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { codeAt, completeSetup, secretShown, setupPathOf, staffCli, staffLogin } from '../support/staff.js';
import { WebClient, textOf } from '../support/web-client.js';

const PASSWORD = 'Kanri-Desk-2026x';

for (const kind of databaseKinds()) {
  describe(`staff accounts from the CLI to the console on ${kind}`, () => {
    // Real time at the start (the CLI stamps its tokens with it), moved on by the tests.
    const clock = new ManualClock(new Date());
    let t: TestApp;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      await insertPolicy(t.deps.db); // agency D0001
    });
    after(async () => t.close());

    it('refuses bad accounts with a clear message and a non-zero exit', async () => {
      const cases: Array<[string[], RegExp]> = [
        [['add', '--login', 'ab', '--name', '短い', '--role', 'desk'], /--login must be 3-64 characters/],
        [['add', '--login', 'Upper.Case', '--name', '大文字', '--role', 'desk'], /--login must be 3-64 characters/],
        [['add', '--login', 'someone', '--name', '誰か', '--role', 'boss'], /--role must be one of admin, desk, agency/],
        [['add', '--login', 'agent1', '--name', '代理店 一郎', '--role', 'agency'], /--agency CODE is required/],
        [['add', '--login', 'agent2', '--name', '代理店 二郎', '--role', 'agency', '--agency', 'Z9999'], /no agency with code Z9999/],
        [['add', '--login', 'someone', '--role', 'desk'], /missing --name/],
        [['remove', 'x'], /usage: keizoku staff add/],
      ];
      const results = await Promise.all(cases.map(([args]) => staffCli(t, args)));
      results.forEach((result, i) => {
        assert.notEqual(result.code, 0, cases[i]![0].join(' '));
        assert.match(result.stderr, cases[i]![1]);
      });
      assert.equal((await t.deps.db.selectFrom('staff_accounts').select('id').execute()).length, 0, 'nothing was created');
    });

    it('creates an admin whose setup URL sets a password, enrols TOTP and shows ten recovery codes once; then password + code log in', async () => {
      const added = await staffCli(t, ['add', '--login', 'first.admin', '--name', '管理 花子', '--role', 'admin', '--email', 'hanako@example.com']);
      assert.equal(added.code, 0, added.stderr);
      const setupPath = setupPathOf(t, added.stdout);
      const token = new URL(setupPath, t.baseUrl).searchParams.get('token')!;
      const stored = await t.deps.db.selectFrom('staff_setup_tokens').selectAll().execute();
      assert.deepEqual(stored.map((r) => r.token_hash), [sha256(token)], 'only the SHA-256 of the token is stored');

      const duplicate = await staffCli(t, ['add', '--login', 'first.admin', '--name', '別人', '--role', 'desk']);
      assert.notEqual(duplicate.code, 0);
      assert.match(duplicate.stderr, /the login first\.admin is taken/);

      // A link scanner's GETs do not use the link up.
      const scanner = new WebClient(t.baseUrl);
      assert.equal((await scanner.get(setupPath)).status, 200);
      assert.equal((await scanner.get(setupPath)).status, 200);

      const person = new WebClient(t.baseUrl);
      const form = await person.get(setupPath);
      assert.match(textOf(form.html), /管理 花子 さん（ログインID：first\.admin）/);
      const tooShort = await person.post('/console/setup', { token, password: 'Abcdef12345', confirm: 'Abcdef12345' });
      assert.equal(tooShort.status, 400);
      assert.match(textOf(tooShort.html), /12文字以上64文字以下で入力してください/);
      const tooLong = await person.post('/console/setup', { token, password: `A1${'b'.repeat(63)}`, confirm: `A1${'b'.repeat(63)}` });
      assert.equal(tooLong.status, 400);
      const common = await person.post('/console/setup', { token, password: 'password1234', confirm: 'password1234' });
      assert.equal(common.status, 400);
      assert.match(textOf(common.html), /推測されやすいパスワード/);
      const mismatch = await person.post('/console/setup', { token, password: PASSWORD, confirm: `${PASSWORD}x` });
      assert.equal(mismatch.status, 400);
      assert.match(textOf(mismatch.html), /一致しません/);
      assert.equal((await person.post('/console/setup', { token, password: PASSWORD, confirm: PASSWORD })).status, 303);

      const totp = await person.get('/console/setup/totp');
      assert.match(totp.html, /<img class="qr-code" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="[^"]+"/);
      const secret = secretShown(totp.html);
      assert.match(secret, /^[A-Z2-7]{32}$/);
      const account = await t.deps.db.selectFrom('staff_accounts').selectAll().where('login', '=', 'first.admin').executeTakeFirstOrThrow();
      assert.equal(account.password_hash, null, 'nothing moves to the account before the code is confirmed');
      const pending = await t.deps.db.selectFrom('staff_setup_tokens').selectAll().executeTakeFirstOrThrow();
      assert.ok(pending.pending_totp_sealed && !pending.pending_totp_sealed.includes(secret), 'the secret is kept sealed');

      const wrong = await person.post('/console/setup/totp', { code: String((Number(codeAt(secret, clock.now())) + 1) % 1_000_000).padStart(6, '0') });
      assert.equal(wrong.status, 400);
      assert.match(textOf(wrong.html), /確認コードが正しくありません/);
      const done = await person.post('/console/setup/totp', { code: codeAt(secret, clock.now()) });
      assert.equal(done.status, 200);
      const codes = [...done.html.matchAll(/<li>([0-9A-Z-]{29})<\/li>/g)].map((m) => m[1]!);
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);

      const enrolled = await t.deps.db.selectFrom('staff_accounts').selectAll().where('login', '=', 'first.admin').executeTakeFirstOrThrow();
      assert.ok(enrolled.password_hash?.startsWith('$argon2id$'));
      assert.ok(enrolled.totp_secret_sealed && !enrolled.totp_secret_sealed.includes(secret), 'the secret is stored sealed, not in plain text');
      const storedCodes = await t.deps.db.selectFrom('staff_recovery_codes').select('code_hash').where('staff_id', '=', enrolled.id).execute();
      assert.equal(storedCodes.length, 10);
      assert.ok(storedCodes.every((c) => /^[0-9a-f]{64}$/.test(c.code_hash) && !codes.some((code) => c.code_hash.includes(code))));

      // The link is used: neither a scanner nor the person can open it again.
      assert.equal((await scanner.get(setupPath)).status, 410);
      assert.equal((await person.get('/console/setup/totp')).status, 410);

      const listed = await staffCli(t, ['list']);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /first\.admin\s+管理 花子\s+admin\s+-\s+yes\s+enrolled/);

      // The code of the step confirmed at setup is used already.
      const replayedAtSetup = await staffLogin(new WebClient(t.baseUrl), 'first.admin', PASSWORD, codeAt(secret, clock.now()));
      assert.equal(replayedAtSetup.status, 401);

      clock.advance(30_000);
      const browser = new WebClient(t.baseUrl);
      const code = codeAt(secret, clock.now());
      const loggedIn = await staffLogin(browser, 'FIRST.ADMIN', PASSWORD, code);
      assert.equal(loggedIn.status, 303);
      assert.equal(loggedIn.location, '/console');
      const home = await browser.get('/console');
      assert.equal(home.status, 200);
      assert.match(textOf(home.html), /管理 花子/);
      assert.match(textOf(home.html), /管理者/);
      assert.match(home.html, /<button type="submit" class="button">ログアウト<\/button>/);

      // The same code again, from another browser: refused (replay).
      const replay = await staffLogin(new WebClient(t.baseUrl), 'first.admin', PASSWORD, code);
      assert.equal(replay.status, 401);
      assert.match(textOf(replay.html), /確認コードが正しくありません/);

      // A recovery code works once.
      const withRecovery = new WebClient(t.baseUrl);
      assert.equal((await staffLogin(withRecovery, 'first.admin', PASSWORD, codes[3]!.toLowerCase())).status, 303);
      assert.equal((await withRecovery.get('/console')).status, 200);
      assert.match(textOf((await withRecovery.get('/console')).html), /未使用のリカバリーコード 9個/);
      assert.equal((await staffLogin(new WebClient(t.baseUrl), 'first.admin', PASSWORD, codes[3]!)).status, 401);

      // Logout ends the session.
      const forged = await browser.post('/console/logout', { _csrf: 'forged' });
      assert.equal(forged.status, 403);
      assert.equal(forged.headers.get('clear-site-data'), null, 'a refused logout clears nothing');
      const out = await browser.post('/console/logout', {});
      assert.equal(out.location, '/console/logout');
      assert.equal(out.headers.get('clear-site-data'), '"cache", "storage"', 'the browser drops its cache and storage (the session cookie is cleared by Set-Cookie)');
      assert.match(textOf((await browser.get('/console/logout')).html), /ログアウトしました/);
      assert.equal((await browser.get('/console')).location, '/console/login');

      const kinds = (await t.deps.db.selectFrom('audit_events').select(['kind', 'actor_kind']).orderBy('at').execute()).map((e) => e.kind);
      for (const expected of ['staff_created', 'staff_setup_password_chosen', 'staff_setup_code_failed', 'staff_setup_completed', 'staff_login_succeeded', 'staff_login_failed', 'staff_recovery_code_used', 'staff_logout']) {
        assert.ok(kinds.includes(expected as never), `audit ${expected}`);
      }
      const success = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'staff_login_succeeded').executeTakeFirstOrThrow();
      assert.deepEqual([success.actor_kind, success.actor_id], ['staff', enrolled.id]);
    });

    it('an agency account names an existing agency; its setup URL expires after 24 hours', async () => {
      const added = await staffCli(t, ['add', '--login', 'agent.d0001', '--name', '代理店 太郎', '--role', 'agency', '--agency', 'D0001']);
      assert.equal(added.code, 0, added.stderr);
      const setupPath = setupPathOf(t, added.stdout);
      const later = new ManualClock(clock.now());
      clock.advance(24 * 3_600_000 + 60_000);
      try {
        const page = await new WebClient(t.baseUrl).get(setupPath);
        assert.equal(page.status, 410);
        assert.match(textOf(page.html), /有効期限（発行から24時間）が切れている/);
      } finally {
        clock.set(later.now());
      }
      const { secret } = await completeSetup(t, clock, setupPath, 'Dairiten-Pass-77');
      clock.advance(30_000);
      const client = new WebClient(t.baseUrl);
      assert.equal((await staffLogin(client, 'agent.d0001', 'Dairiten-Pass-77', codeAt(secret, clock.now()))).status, 303);
      assert.match(textOf((await client.get('/console')).html), /代理店コード D0001/);
    });

    it('parallel confirmations complete a setup once, and parallel uses of one recovery code log in once', async () => {
      const deps = { db: t.deps.db, clock, secret: t.deps.secret };
      const added = await addStaff(deps, { login: 'race.desk', name: '競合 試験', role: 'desk', agencyCode: null, email: null });
      assert.ok(added.ok);
      assert.equal((await choosePassword(deps, added.setupToken, 'Race-Condition-1', 'Race-Condition-1', '127.0.0.1')).kind, 'ok');
      const setup = await openSetup(deps, added.setupToken);
      const code = codeAt(setup!.pendingSecret!, clock.now());
      const confirmations = await Promise.all(Array.from({ length: 8 }, () => confirmTotp(deps, added.setupToken, code, '127.0.0.1')));
      const completed = confirmations.filter((c) => c.kind === 'ok');
      assert.equal(completed.length, 1, confirmations.map((c) => c.kind).join(','));
      assert.ok(confirmations.every((c) => c.kind === 'ok' || c.kind === 'gone'));
      const codes = completed[0]!.kind === 'ok' ? completed[0]!.recoveryCodes : [];
      assert.equal((await t.deps.db.selectFrom('staff_recovery_codes').select('id').where('staff_id', '=', added.staffId).execute()).length, 10);
      const uses = await Promise.all(Array.from({ length: 4 }, (_, i) => checkStaffCode(deps, { staffId: added.staffId, code: codes[0]!, ip: `198.51.100.${i}` })));
      assert.equal(uses.filter((u) => u.kind === 'ok').length, 1, uses.map((u) => u.kind).join(','));
    });

    it('a 16-character recovery code issued before decision 0021 still logs in, once', async () => {
      const deps = { db: t.deps.db, clock, secret: t.deps.secret };
      const staff = await t.deps.db.selectFrom('staff_accounts').select('id').where('login', '=', 'race.desk').executeTakeFirstOrThrow();
      const legacy = 'ABCD-EFGH-JKMN-PQRS';
      const hash = sha256(`staff-recovery:${legacy.replace(/-/g, '')}`);
      await t.deps.db.insertInto('staff_recovery_codes').values({ id: 'legacy-code', staff_id: staff.id, code_hash: hash, created_at: clock.now().toISOString(), used_at: null }).execute();
      assert.equal((await checkStaffCode(deps, { staffId: staff.id, code: legacy.toLowerCase(), ip: '198.51.100.20' })).kind, 'ok');
      assert.equal((await checkStaffCode(deps, { staffId: staff.id, code: legacy, ip: '198.51.100.21' })).kind, 'invalid');
    });

    it("the demo's staff log in with the printed password and TOTP secret, loading again resets them", async () => {
      await loadDemoData(t.deps.db, clock.now());
      const report = await loadDemoData(t.deps.db, clock.now());
      assert.equal(report.staff, 4);
      const demo = await t.deps.db.selectFrom('staff_accounts').select(['login', 'role', 'agency_code']).where('login', 'like', 'demo-%').orderBy('login').execute();
      assert.deepEqual(demo.map((s) => [s.login, s.role, s.agency_code]), [['demo-admin', 'admin', null], ['demo-d0001', 'agency', 'D0001'], ['demo-d0002', 'agency', 'D0002'], ['demo-desk', 'desk', null]]);
      clock.advance(30_000);
      const client = new WebClient(t.baseUrl);
      assert.equal((await staffLogin(client, 'demo-d0002', DEMO_STAFF_PASSWORD, codeAt(DEMO_TOTP_SECRET, clock.now()))).status, 303);
      assert.match(textOf((await client.get('/console')).html), /代理店コード D0002/);
    });
  });
}
