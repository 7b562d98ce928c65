import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { loggedIn } from '../support/integration.js';
import { completeAtLink, expectStatus, mailPath, nextMail, requestRegistration } from '../support/registration.js';
import { WebClient } from '../support/web-client.js';

// ASVS 14.2.4: audit `detail` carries no mail address or phone number where operations do not
// need it. The exceptions are the changes whose before and after are the point: email_changed
// (from, to) and service_stopped (the user ID the account had). Names, birth dates and postal
// addresses are never in any detail.

const PASSWORD = 'Kz7pWq2x';
const NEW_PASSWORD = 'Rb8nTy3m';
const ALLOWED = new Set(['email_changed', 'service_stopped']);
const MAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
// The phone numbers this test types or has on file, with or without their hyphens (a generic phone
// pattern would match the digits of a random id).
const PHONE = /090-?1111-?2222|03-?5555-?6666/;

for (const kind of databaseKinds()) {
  describe(`personal data in audit detail on ${kind}`, () => {
    let t: TestApp;

    before(async () => {
      t = await startTestApp({ db: kind });
      await insertPolicy(t.deps.db, { email: 'taro@example.com', phone: '090-1111-2222', postal_code: '1000005', address: '東京都千代田区丸の内1-1-1' });
    });
    after(async () => t.close());

    it('registration, recovery, an e-mail change request and an address change write no mail address, phone, name or address into detail', async () => {
      const client = new WebClient(t.baseUrl);
      const link = await requestRegistration(t, client);
      await completeAtLink(client, '/register', link, { keyword: 'Abc123', userId: 'taro@example.com', password: PASSWORD });

      const recovering = new WebClient(t.baseUrl);
      await recovering.get('/recovery');
      const mail = nextMail(t, 'taro@example.com');
      expectStatus(await recovering.post('/recovery', { email: 'taro@example.com', birth_date: '1975-01-01' }), 303, 'POST /recovery');
      const keyword = /<dd class="keyword">([^<]*)</.exec((await recovering.get('/recovery/sent')).html)?.[1] ?? '';
      await completeAtLink(recovering, '/recovery', mailPath(await mail()), { keyword, userId: 'taro@example.com', password: NEW_PASSWORD });

      const settings = await loggedIn(t, 'taro@example.com', NEW_PASSWORD);
      await settings.get('/mypage/changes/email');
      const changeMail = nextMail(t, 'taro.new@example.com');
      expectStatus(await settings.post('/mypage/changes/email', { new_email: 'taro.new@example.com', new_email_confirm: 'taro.new@example.com', current_password: NEW_PASSWORD }), 303, 'POST email');
      await changeMail();
      await settings.get('/mypage/changes/address');
      expectStatus(await settings.post('/mypage/changes/address', { postal_code: '1500001', address: '東京都渋谷区神宮前2-2-2', phone: '03-5555-6666' }), 303, 'POST address');

      const rows = await t.deps.db.selectFrom('audit_events').select(['kind', 'detail']).orderBy('at').execute();
      const kinds = rows.map((r) => r.kind);
      for (const expected of ['registration_started', 'registration_mail_sent', 'registration_completed', 'recovery_requested', 'recovery_mail_sent', 'recovery_completed', 'email_change_requested', 'address_change_requested']) {
        assert.ok(kinds.includes(expected as never), `${expected} in ${kinds.join()}`);
      }
      for (const row of rows.filter((r) => !ALLOWED.has(r.kind))) {
        assert.doesNotMatch(row.detail, MAIL, `${row.kind}: ${row.detail}`);
        assert.doesNotMatch(row.detail, PHONE, `${row.kind}: ${row.detail}`);
        assert.doesNotMatch(row.detail, /三住|太郎|ミツスミ|1975-01-01|東京都|1500001/, `${row.kind}: ${row.detail}`);
      }
      const requested = rows.find((r) => r.kind === 'email_change_requested')!;
      assert.equal((JSON.parse(requested.detail) as { to: string }).to, 't***@example.com', 'the requested address masked: enough to tell a typo from a lost mail');
    });
  });
}
