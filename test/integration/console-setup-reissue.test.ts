import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findStaffByLogin } from '../../src/features/console/repository.js';
import { upsertReadyStaff } from '../../src/features/console/staff-service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { MailCatcher, type CaughtMail } from '../support/mail-catcher.js';
import { nextMail } from '../support/registration.js';
import { codeAt, completeSetup, staffLogin } from '../support/staff.js';
import { WebClient, textOf } from '../support/web-client.js';

// 初期設定URLの再発行 on both dialects: an admin mails a new setup link to a member who has not
// finished the setup; the links before it stop working; audited; refused once the setup is done.

const BASE = new Date('2026-11-25T01:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Console-Reissue-2026';

const pathOf = (mail: CaughtMail) => {
  const url = new URL(MailCatcher.firstUrl(mail));
  return `${url.pathname}${url.search}`;
};

for (const kind of databaseKinds()) {
  describe(`setup link reissue on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let n = 0;
    const browser = () => new WebClient(t.baseUrl, { 'x-forwarded-for': `198.51.100.${++n}` });
    async function logIn(login: string): Promise<WebClient> {
      const client = browser();
      clock.advance(30_000);
      assert.equal((await staffLogin(client, login, PASSWORD, codeAt(SECRET, clock.now()))).status, 303);
      return client;
    }
    const idOf = async (login: string) => (await findStaffByLogin(t.deps.db, login))!.id;

    before(async () => {
      t = await startTestApp({ db: kind, clock, env: { TRUST_PROXY: '127.0.0.1' } });
      await upsertReadyStaff(t.deps.db, t.deps.secret, clock.now(), [
        { login: 'admin.one', name: '管理 一郎', role: 'admin', agencyCode: null, password: PASSWORD, totpSecret: SECRET },
        { login: 'desk.one', name: '窓口 一子', role: 'desk', agencyCode: null, password: PASSWORD, totpSecret: SECRET },
      ]);
    });
    after(async () => t.close());

    it('mails a new link to a member whose link expired; the old links stop working; the new one sets up; audited with the reason', async () => {
      const admin = await logIn('admin.one');
      const firstMail = nextMail(t, 'late.starter@example.com');
      await admin.get('/console/staff/new');
      await admin.post('/console/staff', { login: 'late.starter', name: '遅手 始', email: 'late.starter@example.com', role: 'desk', agency: '', reason: '新任' });
      const oldPath = pathOf(await firstMail());
      const id = await idOf('late.starter');
      clock.advance(25 * 3_600_000);
      assert.equal((await browser().get(oldPath)).status, 410, 'the first link has expired');

      const admin2 = await logIn('admin.one');
      const page = await admin2.get(`/console/staff/${id}`);
      assert.match(textOf(page.html), /初期設定URLの再発行 初期設定のURLの有効期限（24時間）が切れたとき/);
      const refused = await admin2.post(`/console/staff/${id}/setup-link`, { reason: '' });
      assert.equal(refused.status, 400);
      assert.match(textOf(refused.html), /理由を入力してください/);
      const second = nextMail(t, 'late.starter@example.com');
      await admin2.get(`/console/staff/${id}`);
      const done = await admin2.post(`/console/staff/${id}/setup-link`, { reason: 'URLの期限切れ' });
      assert.equal(done.location, `/console/staff/${id}?done=setup`);
      assert.match(textOf((await admin2.get(done.location)).html), /初期設定のURLを再発行し、登録済みのメールアドレスに送信しました/);
      const mail = await second();
      assert.match(mail.subject, /管理コンソール 初期設定のご案内/);
      assert.match(mail.text, /遅手 始 さん（ログインID:late\.starter）の管理コンソールの初期設定のURLを、管理者が再発行しました。/);
      const newPath = pathOf(mail);

      // A third issue retires the second: only the newest link opens.
      const third = nextMail(t, 'late.starter@example.com');
      await admin2.get(`/console/staff/${id}`);
      await admin2.post(`/console/staff/${id}/setup-link`, { reason: 'メール紛失' });
      const newestPath = pathOf(await third());
      assert.equal((await browser().get(newPath)).status, 410, 'the earlier reissued link stops working');
      const setup = await completeSetup(t, clock, newestPath, 'Late-Starter-Pass-01');
      clock.advance(30_000);
      assert.equal((await staffLogin(browser(), 'late.starter', 'Late-Starter-Pass-01', codeAt(setup.secret, clock.now()))).status, 303);

      const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('kind', '=', 'staff_setup_reissued').where('subject_id', '=', id).orderBy('at').execute();
      assert.deepEqual(audit.map((e) => JSON.parse(e.detail).reason), ['URLの期限切れ', 'メール紛失']);
      assert.equal(audit[0]!.actor_id, await idOf('admin.one'));
      assert.equal(JSON.parse(audit[0]!.detail).before.setup_link_used, false);
    });

    it('refuses a member who finished the setup (2段階認証のリセット is for them) and is 404 for desk staff', async () => {
      const admin = await logIn('admin.one');
      const desk = await idOf('desk.one');
      const page = await admin.get(`/console/staff/${desk}`);
      assert.ok(!textOf(page.html).includes('初期設定URLの再発行'), 'not offered');
      const refused = await admin.post(`/console/staff/${desk}/setup-link`, { reason: '確認' });
      assert.equal(refused.status, 409);
      assert.match(textOf(refused.html), /初期設定を済ませているため、初期設定のURLは再発行できません/);
      const deskClient = await logIn('desk.one');
      await deskClient.get('/console');
      assert.equal((await deskClient.post(`/console/staff/${desk}/setup-link`, { reason: '確認' })).status, 404);
      assert.equal((await t.deps.db.selectFrom('audit_events').select('id').where('kind', '=', 'staff_setup_reissued').where('subject_id', '=', desk).execute()).length, 0);
    });
  });
}
