import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHALLENGE_TTL_MS, consumeChallenge, storeChallenge } from '../../src/platform/auth/challenges.js';
import { ManualClock } from '../../src/platform/clock.js';
import { sha256 } from '../../src/platform/crypto.js';
import { recoverySpec } from '../../src/features/recovery/service.js';
import type { Flow } from '../../src/platform/flow/store.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { loggedIn } from '../support/integration.js';
import { SoftwareAuthenticator, type CeremonyOptions } from '../support/software-authenticator.js';
import { WebClient, textOf } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan.
const BASE = new Date('2026-11-25T01:00:00Z');
const PASSWORD = 'Mt4sQx9v';
const METHODS = '/mypage/changes/login-methods';

async function options(client: WebClient, purpose: 'login' | 'register' | 'reauth'): Promise<CeremonyOptions> {
  const answer = await client.post('/webauthn/options', { purpose });
  assert.equal(answer.status, 200, `options for ${purpose}: ${answer.html.slice(0, 200)}`);
  return JSON.parse(answer.html) as CeremonyOptions;
}

for (const kind of databaseKinds()) {
  describe(`passkeys on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let seq = 0;

    async function customer() {
      seq += 1;
      const policyNumber = `C72000000${seq}`;
      await insertPolicy(t.deps.db, { policy_number: policyNumber });
      const userId = `pk${seq}@example.com`;
      const row = await insertCustomer(t.deps.db, { userId, password: PASSWORD, policies: [policyNumber] });
      return { id: row.id, userId };
    }

    /** A customer with a passkey registered through the pages (the authenticator in software). */
    async function withPasskey() {
      const who = await customer();
      const client = await loggedIn(t, who.userId, PASSWORD);
      const authenticator = new SoftwareAuthenticator(t.baseUrl);
      await client.get(`${METHODS}/register`);
      const credential = authenticator.register(await options(client, 'register'));
      const registered = await client.post(`${METHODS}/register`, { name: '私のスマートフォン', credential });
      assert.equal(registered.location, `${METHODS}?done=registered`, textOf(registered.html).slice(0, 300));
      return { ...who, client, authenticator };
    }

    async function passkeyLogin(authenticator: SoftwareAuthenticator, counter?: number) {
      const client = new WebClient(t.baseUrl);
      await client.get('/login');
      const credential = authenticator.assert(await options(client, 'login'), counter);
      return { client, credential, answer: await client.post('/login/passkey', { credential }) };
    }

    before(async () => {
      t = await startTestApp({ db: kind, clock, host: 'localhost' });
    });
    after(async () => t.close());

    describe('the challenge store', () => {
      const binding = { purpose: 'login', customerId: null, sessionHash: null };

      it('keeps only the hash, and a challenge is good once', async () => {
        await storeChallenge(t.deps.db, 'challenge-once', binding, clock.now());
        const row = await t.deps.db.selectFrom('webauthn_challenges').selectAll().where('challenge_hash', '=', sha256('challenge-once')).executeTakeFirstOrThrow();
        assert.equal(row.expires_at, new Date(clock.now().getTime() + CHALLENGE_TTL_MS).toISOString());
        assert.equal(await consumeChallenge(t.deps.db, 'challenge-once', binding, clock.now()), true);
        assert.equal(await consumeChallenge(t.deps.db, 'challenge-once', binding, clock.now()), false);
      });

      it('expires after five minutes', async () => {
        await storeChallenge(t.deps.db, 'challenge-late', binding, clock.now());
        const late = new Date(clock.now().getTime() + CHALLENGE_TTL_MS);
        assert.equal(await consumeChallenge(t.deps.db, 'challenge-late', binding, late), false);
        assert.equal(await consumeChallenge(t.deps.db, 'challenge-late', binding, new Date(late.getTime() - 1000)), true);
      });

      it('answers only for the purpose, customer and session it was handed to', async () => {
        const bound = { purpose: 'reauth', customerId: 'c-1', sessionHash: 's-1' };
        await storeChallenge(t.deps.db, 'challenge-bound', bound, clock.now());
        assert.equal(await consumeChallenge(t.deps.db, 'challenge-bound', binding, clock.now()), false);
        assert.equal(await consumeChallenge(t.deps.db, 'challenge-bound', { ...bound, sessionHash: 's-2' }, clock.now()), false);
        assert.equal(await consumeChallenge(t.deps.db, 'challenge-bound', { ...bound, customerId: 'c-2' }, clock.now()), false);
        assert.equal(await consumeChallenge(t.deps.db, 'challenge-bound', bound, clock.now()), true);
      });

      it('of parallel uses of one challenge exactly one wins', async () => {
        await storeChallenge(t.deps.db, 'challenge-race', binding, clock.now());
        const results = await Promise.all(Array.from({ length: 8 }, () => consumeChallenge(t.deps.db, 'challenge-race', binding, clock.now())));
        assert.equal(results.filter(Boolean).length, 1, JSON.stringify(results));
      });
    });

    it('a passkey logs in like a password: session, 前回ログイン日時, last use on the list, audit', async () => {
      const { id, authenticator } = await withPasskey();
      clock.advance(60_000);
      const { client, answer } = await passkeyLogin(authenticator);
      assert.equal(answer.status, 303);
      assert.equal(answer.location, '/mypage');
      assert.equal((await client.get('/mypage')).status, 200);
      const row = await t.deps.db.selectFrom('customers').select(['last_login_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.last_login_at, clock.now().toISOString());
      const list = textOf((await client.get(METHODS)).html);
      assert.match(list, /私のスマートフォン\s+2026年11月25日 10時00分\s+2026年11月25日 10時01分/);
      const audit = await t.deps.db.selectFrom('audit_events').select(['kind', 'actor_id']).where('customer_id', '=', id).where('kind', '=', 'passkey_login_succeeded').execute();
      assert.deepEqual(audit, [{ kind: 'passkey_login_succeeded', actor_id: id }]);
    });

    it('a passkey login is on ログイン履歴 as パスキー; a new browser gets ログインのお知らせ, and the browser is known from then on', async () => {
      const { userId, authenticator } = await withPasskey();
      // Queued with the login, in its transaction: the outbox says whether one was asked for.
      const notices = async () => (await t.deps.db.selectFrom('outbox').select('id').where('to_address', '=', userId).where('subject', 'like', '%ログインのお知らせ%').execute()).length;
      const byPassword = await notices();
      clock.advance(60_000);
      const { client, answer } = await passkeyLogin(authenticator);
      assert.equal(answer.location, '/mypage');
      const notice = await t.mail.waitFor(userId, (m) => m.subject.includes('ログインのお知らせ') && m.text.includes('ログイン方法:パスキー'));
      assert.match(notice.text, /ログイン日時:2026年11月25日 10時\d{2}分（日本時間）/);
      assert.match(textOf((await client.get('/mypage/changes/login-history')).html), /2026年11月25日 10時0\d分[\s\S]*パスキー[\s\S]*成功/);
      assert.equal(await notices(), byPassword + 1);
      // The same browser again (its device cookie): recorded, not told.
      await client.get('/mypage');
      assert.equal((await client.post('/logout', {})).location, '/logout');
      await client.get('/login');
      const again = await client.post('/login/passkey', { credential: authenticator.assert(await options(client, 'login')) });
      assert.equal(again.location, '/mypage');
      assert.equal(await notices(), byPassword + 1, 'no notice for a browser that logged in before');
      const events = await t.deps.db.selectFrom('login_events').select(['method', 'succeeded']).innerJoin('customers', 'customers.id', 'login_events.customer_id').where('customers.user_id', '=', userId).execute();
      assert.deepEqual(events.filter((e) => e.method === 'passkey').map((e) => Number(e.succeeded)), [1, 1]);
    });

    it('refuses a replayed assertion and a counter that went back', async () => {
      const { authenticator } = await withPasskey();
      const first = await passkeyLogin(authenticator);
      assert.equal(first.answer.location, '/mypage');
      const again = new WebClient(t.baseUrl);
      await again.get('/login');
      assert.equal((await again.post('/login/passkey', { credential: first.credential })).location, '/login?passkey=failed');
      const behind = await passkeyLogin(authenticator, 1);
      assert.equal(behind.answer.location, '/login?passkey=failed', 'a counter not above the stored one refuses (a cloned key)');
      assert.equal((await behind.client.get('/mypage')).status, 303);
    });

    it('two parallel verifications of one assertion: exactly one logs in', async () => {
      const { authenticator } = await withPasskey();
      const a = new WebClient(t.baseUrl);
      const b = new WebClient(t.baseUrl);
      await Promise.all([a.get('/login'), b.get('/login')]);
      const credential = authenticator.assert(await options(a, 'login'));
      const answers = await Promise.all([a.post('/login/passkey', { credential }), b.post('/login/passkey', { credential })]);
      assert.deepEqual(answers.map((r) => r.location).sort(), ['/login?passkey=failed', '/mypage']);
    });

    it('failed assertions are counted per passkey before the check: the 6th is refused unchecked', async () => {
      const { id, authenticator } = await withPasskey();
      for (let i = 1; i <= 5; i++) {
        const guess = new WebClient(t.baseUrl);
        await guess.get('/login');
        // Signed, but over a challenge the server never handed out.
        const credential = authenticator.assert({ challenge: `made-up-${i}`, rpId: 'localhost' });
        assert.equal((await guess.post('/login/passkey', { credential })).location, '/login?passkey=failed', `attempt ${i}`);
      }
      const { answer } = await passkeyLogin(authenticator);
      assert.equal(answer.location, '/login?passkey=locked');
      const locked = new WebClient(t.baseUrl);
      assert.match(textOf((await locked.get('/login?passkey=locked')).html), /パスキーでのログインの失敗が続いたため、一時的に停止しています。/);
      const failures = await t.deps.db.selectFrom('audit_events').select('kind').where('customer_id', '=', id).where('kind', '=', 'passkey_login_failed').execute();
      assert.equal(failures.length, 5);
      clock.advance(31 * 60_000);
      assert.equal((await passkeyLogin(authenticator)).answer.location, '/mypage', 'after the lock the passkey logs in again');
    });

    it('ご本人確認 with a passkey: only the customer’s own, against a challenge of this session', async () => {
      const { client, authenticator } = await withPasskey();
      const other = await withPasskey();
      clock.advance(11 * 60_000);
      await client.get('/mypage');
      assert.equal((await client.get(`${METHODS}/register`)).location, `/reauth?next=${encodeURIComponent(`${METHODS}/register`)}`);
      await client.get('/reauth');
      const foreign = other.authenticator.assert(await options(client, 'reauth'));
      assert.equal((await client.post('/reauth/passkey', { next: `${METHODS}/register`, credential: foreign })).status, 400, "another customer's passkey does not confirm this one");
      const fromOtherSession = authenticator.assert(await options(other.client, 'reauth'));
      assert.equal((await client.post('/reauth/passkey', { next: `${METHODS}/register`, credential: fromOtherSession })).status, 400, 'a challenge of another session does not count');
      await client.get('/reauth');
      const own = authenticator.assert(await options(client, 'reauth'));
      const back = await client.post('/reauth/passkey', { next: `${METHODS}/register`, credential: own });
      assert.equal(back.location, `${METHODS}/register`);
      assert.equal((await client.get(`${METHODS}/register`)).status, 200);
    });

    it('a suspended account does not log in with its passkey', async () => {
      const { id, authenticator } = await withPasskey();
      await t.deps.db.updateTable('customers').set({ suspended_at: clock.now().toISOString() }).where('id', '=', id).execute();
      assert.equal((await passkeyLogin(authenticator)).answer.location, '/login?passkey=failed');
    });

    it('password login stopped: the right password is told to use the passkey, the last passkey cannot be deleted, recovery restores it and mails', async () => {
      const { id, userId, client, authenticator } = await withPasskey();
      assert.equal((await client.post(`${METHODS}/password-login`, { password_login: 'stop' })).location, `${METHODS}?done=stopped`);
      const right = new WebClient(t.baseUrl);
      await right.get('/login');
      const refused = await right.post('/login', { userId, password: PASSWORD });
      assert.equal(refused.status, 401);
      assert.match(textOf(refused.html), /パスワードでのログインを停止しています。「パスキーでログイン」からログインしてください。/);
      const wrong = await right.post('/login', { userId, password: 'Wrong1234' });
      assert.match(textOf(wrong.html), /ユーザーIDまたはパスワードが正しくありません。/);
      assert.doesNotMatch(textOf(wrong.html), /停止しています/, 'without the right password nothing is told');

      const [passkey] = await t.deps.db.selectFrom('passkeys').select('id').where('customer_id', '=', id).execute();
      const deletion = await client.post(`${METHODS}/${passkey!.id}/delete`, {});
      assert.equal(deletion.status, 409);
      assert.match(textOf(deletion.html), /最後のパスキーは削除できません/);
      assert.equal((await passkeyLogin(authenticator)).answer.location, '/mypage', 'the passkey still logs in');

      await t.deps.db.transaction().execute(async (trx) => {
        const flow = { id: `recovery-${id}`, customerId: id } as unknown as Flow<never, never>;
        await recoverySpec.complete(trx, flow as never, { userId, passwordHash: (await trx.selectFrom('customers').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash }, clock.now(), '127.0.0.1', t.deps);
      });
      const row = await t.deps.db.selectFrom('customers').select('password_login_stopped_at').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.password_login_stopped_at, null);
      await t.mail.waitFor(userId, (m) => m.subject === '【みらい損保】パスワードでのログイン再開のお知らせ');
      await loggedIn(t, userId, PASSWORD);
    });

    it('another customer cannot delete a passkey, and a registration needs the session it was asked in', async () => {
      const owner = await withPasskey();
      const other = await customer();
      const stranger = await loggedIn(t, other.userId, PASSWORD);
      const [passkey] = await t.deps.db.selectFrom('passkeys').select('id').where('customer_id', '=', owner.id).execute();
      await stranger.get(METHODS);
      assert.equal((await stranger.post(`${METHODS}/${passkey!.id}/delete`, {})).location, METHODS);
      assert.equal(await t.deps.db.selectFrom('passkeys').select('id').where('id', '=', passkey!.id).executeTakeFirst().then(Boolean), true);
      // Options asked for in the owner's session, answered in the stranger's: refused.
      const authenticator = new SoftwareAuthenticator(t.baseUrl);
      const credential = authenticator.register(await options(owner.client, 'register'));
      await stranger.get(`${METHODS}/register`);
      const answer = await stranger.post(`${METHODS}/register`, { name: 'よその鍵', credential });
      assert.equal(answer.status, 400);
      assert.match(textOf(answer.html), /パスキーを登録できませんでした。/);
    });
  });
}
