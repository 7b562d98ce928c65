import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { RECENT_AUTH_MS } from '../../src/platform/auth/recent-auth.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { WebClient, textOf } from '../support/web-client.js';
import { ALL_CONFIRMED, BASE, USER, loggedIn, place, revisionOf, seedRenewal } from './renewal-support.js';

// Step-up (decision 0022): e-mail, password, passkeys and the renewal's payment choice need a
// login or a re-entry of the password within the last 10 minutes; else the re-entry page, and back.

const reauthFor = (path: string) => `/reauth?next=${encodeURIComponent(path)}`;

/** Ten minutes and a second after the session last proved its owner. */
const STALE_MS = RECENT_AUTH_MS + 1000;

for (const kind of databaseKinds()) {
  describe(`step-up on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;

    before(async () => {
      t = await startTestApp({ db: kind, clock });
      await seedRenewal(t.deps);
    });
    after(async () => t.close());

    /** GET and POST of `path` both go to the re-entry page; the password there brings the customer back. */
    async function stepsUp(client: WebClient, path: string, form: Record<string, string>): Promise<void> {
      await client.get('/mypage'); // the form's token, as a page opened before the ten minutes had it
      const page = await client.get(path);
      assert.equal(page.status, 303, `GET ${path} asks again`);
      assert.equal(page.location, reauthFor(path));
      const post = await client.post(path, form);
      assert.equal(post.status, 303, `POST ${path} asks again and changes nothing`);
      assert.equal(post.location, reauthFor(path));
      const reauth = await client.get(reauthFor(path));
      assert.match(textOf(reauth.html), /ご本人確認.*パスワード(またはパスキー)?をもう一度ご入力いただく必要があります/s);
      const wrong = await client.post('/reauth', { next: path, password: 'Wrong0000' });
      assert.equal(wrong.status, 400);
      assert.match(textOf(wrong.html), /パスワードが正しくありません。/);
      const back = await client.post('/reauth', { next: path, password: USER.password });
      assert.equal(back.status, 303);
      assert.equal(back.location, path);
      assert.equal((await client.get(path)).status, 200, `${path} opens after the re-entry`);
    }

    it('メールアドレスの変更', async () => {
      const client = await loggedIn(t);
      assert.equal((await client.get('/mypage/changes/email')).status, 200, 'right after the login: no question');
      clock.advance(STALE_MS);
      await stepsUp(client, '/mypage/changes/email', { new_email: 'new@example.com', new_email_confirm: 'new@example.com', current_password: USER.password });
      const pending = await t.deps.db.selectFrom('flows').select('id').where('kind', '=', 'email_change').execute();
      assert.equal(pending.length, 0, 'the POST before the re-entry started no change');
    });

    it('パスワードの変更', async () => {
      const client = await loggedIn(t);
      clock.advance(STALE_MS);
      await stepsUp(client, '/mypage/changes/password', { current_password: USER.password, password: 'Newpass123', password_confirm: 'Newpass123' });
      await loggedIn(t);
    });

    it('パスキーの登録, 削除 and the password-login switch', async () => {
      const client = await loggedIn(t);
      clock.advance(STALE_MS);
      await stepsUp(client, '/mypage/changes/login-methods/register', { name: '鍵' });
      clock.advance(STALE_MS);
      const stop = await client.post('/mypage/changes/login-methods/password-login', { password_login: 'stop' });
      assert.equal(stop.location, reauthFor('/mypage/changes/login-methods/password-login'));
      const options = await client.post('/webauthn/options', { purpose: 'register' });
      assert.equal(options.status, 403, 'no registration options for a stale session');

      // 削除 of a passkey: its confirmation page and the POST both ask again; the passkey stays.
      const owner = await t.deps.db.selectFrom('customers').select('id').where('user_id', '=', USER.userId).executeTakeFirstOrThrow();
      const at = clock.now().toISOString();
      await t.deps.db.insertInto('passkeys').values({ id: 'pk-step-up', customer_id: owner.id, credential_id: 'cred-step-up', public_key: 'AA', counter: 0, transports: '[]', name: '鍵', created_at: at, last_used_at: null }).execute();
      clock.advance(STALE_MS);
      await stepsUp(client, '/mypage/changes/login-methods/pk-step-up/delete', {});
      assert.ok(await t.deps.db.selectFrom('passkeys').select('id').where('id', '=', 'pk-step-up').executeTakeFirst(), 'the stale POST deleted nothing');
      assert.equal((await client.post('/mypage/changes/login-methods/pk-step-up/delete', {})).location, '/mypage/changes/login-methods?done=removed');
    });

    it('the renewal payment choice', async () => {
      const client = await loggedIn(t);
      const at = place;
      await client.get(at(''));
      await client.post(at(''), { vehicle_changed: 'yes', insured_changed: 'yes' });
      await client.get(at('/plans'));
      await client.post(at('/plans'), { plan: 'same' });
      await client.get(at('/premium'));
      await client.post(at('/premium'), {});
      const matters = await client.get(at('/important-matters'));
      assert.equal((await client.post(at('/important-matters'), { ...ALL_CONFIRMED, revision: revisionOf(matters) })).location, at('/payment'));
      clock.advance(STALE_MS);
      await stepsUp(client, at('/payment'), { payment_method: 'keep', payment_frequency: 'annual' });
      assert.equal((await client.post(at('/payment'), { payment_method: 'keep', payment_frequency: 'annual' })).location, at('/review'));
    });

    it('the return path is only ever a page of this site', async () => {
      const client = await loggedIn(t);
      await client.get('/reauth');
      for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
        const answer = await client.post('/reauth', { next, password: USER.password });
        assert.equal(answer.location, '/mypage', next);
      }
      assert.equal((await new WebClient(t.baseUrl).get('/reauth')).location, '/login?next=%2Freauth');
    });
  });
}
