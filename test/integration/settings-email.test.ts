import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { INVALID_CREDENTIALS } from '../../src/features/login/views.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { fieldError, summaryOf } from '../support/integration.js';
import { mailPath, nextMail, tokenOf } from '../support/registration.js';
import { WebClient, textOf, type WebPage } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan.
const BASE = new Date('2026-11-25T01:00:00Z');
const HOUR = 3_600_000;
const PASSWORD = 'Mt4sQx9v';

async function login(t: TestApp, userId: string, password: string, next?: string): Promise<{ client: WebClient; page: WebPage }> {
  const client = new WebClient(t.baseUrl);
  await client.get(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  const page = await client.post('/login', { userId, password, ...(next ? { next } : {}) });
  return { client, page };
}

async function loggedIn(t: TestApp, userId: string, password = PASSWORD): Promise<WebClient> {
  const { client, page } = await login(t, userId, password);
  assert.equal(page.status, 303, `login ${userId}`);
  return client;
}


for (const kind of databaseKinds()) {
  describe(`メールアドレス（ユーザーID）の変更 on ${kind}`, () => {
    const clock = new ManualClock(BASE);
    let t: TestApp;
    let seq = 0;

    async function customer() {
      seq += 1;
      const policyNumber = `C6000000${String(seq).padStart(2, '0')}`;
      await insertPolicy(t.deps.db, { policy_number: policyNumber });
      const userId = `m${seq}@example.com`;
      const row = await insertCustomer(t.deps.db, { userId, password: PASSWORD, policies: [policyNumber] });
      return { id: row.id, userId };
    }

    const userIdOf = async (id: string) => (await t.deps.db.selectFrom('customers').select('user_id').where('id', '=', id).executeTakeFirstOrThrow()).user_id;
    const emailFlows = async (id: string) => t.deps.db.selectFrom('flows').select(['state']).where('kind', '=', 'email_change').where('customer_id', '=', id).execute();
    const outboxTo = async (to: string) => t.deps.db.selectFrom('outbox').select('subject').where('to_address', '=', to).execute();

    /** Asks for the change on `client` and returns the link's path from the real mail. */
    async function requestChange(client: WebClient, newEmail: string): Promise<string> {
      await client.get('/mypage/changes/email');
      const mail = nextMail(t, newEmail);
      const answer = await client.post('/mypage/changes/email', { new_email: newEmail, new_email_confirm: newEmail, current_password: PASSWORD });
      assert.equal(answer.status, 303);
      assert.equal(answer.location, '/mypage/changes/email/sent');
      return mailPath(await mail());
    }

    before(async () => {
      t = await startTestApp({ db: kind, clock });
    });
    after(async () => t.close());
    beforeEach(() => clock.advance(5 * 60_000));

    it('refuses bad entries (empty, overlong, CR/LF, markup, mismatch, the current address, a wrong password) and sends nothing', async () => {
      const c = await customer();
      const client = await loggedIn(t, c.userId);
      const form = await client.get('/mypage/changes/email');
      for (const label of ['新しいメールアドレス（ユーザーID）', '新しいメールアドレス（確認用）', '現在のパスワード']) assert.match(form.html, new RegExp(`>${label}</label>`));
      const cases: Array<[Record<string, string | string[]>, Record<string, RegExp>]> = [
        [{}, { new_email: /新しいメールアドレス（ユーザーID）を入力してください。/, current_password: /現在のパスワードを入力してください。/ }],
        [{ new_email: `${'a'.repeat(250)}@example.com`, new_email_confirm: 'x', current_password: 'p'.repeat(129) }, { new_email: /254文字以内/, current_password: /128文字以内/ }],
        [{ new_email: 'new@example.com\r\nBcc: victim@example.com', new_email_confirm: 'new@example.com\r\nBcc: victim@example.com', current_password: PASSWORD }, { new_email: /正しく入力/ }],
        [{ new_email: '<script>alert(1)</script>@example.com', new_email_confirm: 'x', current_password: PASSWORD }, { new_email: /正しく入力/ }],
        [{ new_email: "' OR '1'='1", new_email_confirm: "' OR '1'='1", current_password: PASSWORD }, { new_email: /正しく入力/ }],
        [{ new_email: 'new@example.com', new_email_confirm: 'neo@example.com', current_password: PASSWORD }, { new_email_confirm: /一致しません/ }],
        [{ new_email: 'new@example.com', new_email_confirm: '', current_password: PASSWORD }, { new_email_confirm: /確認用）を入力してください。/ }],
        [{ new_email: c.userId.toUpperCase().replace('@', '＠'), new_email_confirm: c.userId, current_password: PASSWORD }, { new_email: /現在のメールアドレス（ユーザーID）と同じです。/ }],
        [{ new_email: ['a@example.com', 'b@example.com'], new_email_confirm: 'a@example.com', current_password: [PASSWORD, PASSWORD] }, { new_email: /入力してください。/, current_password: /入力してください。/ }],
        [{ new_email: 'new@example.com', new_email_confirm: 'new@example.com', current_password: 'Wrong1234' }, { current_password: /^現在のパスワードが正しくありません。$/ }],
      ];
      for (const [fields, expected] of cases) {
        const page = await client.post('/mypage/changes/email', fields);
        assert.equal(page.status, 400, JSON.stringify(fields).slice(0, 80));
        assert.ok(summaryOf(page).length > 0);
        for (const [name, message] of Object.entries(expected)) assert.match(fieldError(page, name), message, `${name} in ${JSON.stringify(fields).slice(0, 60)}`);
        assert.doesNotMatch(page.html, /<script>alert/);
        assert.doesNotMatch(page.html, new RegExp(PASSWORD));
      }
      const typed = await client.post('/mypage/changes/email', { new_email: 'new@example.com', new_email_confirm: 'neo@example.com', current_password: PASSWORD });
      assert.match(typed.html, /value="new@example.com"/);
      assert.match(typed.html, /value="neo@example.com"/);
      assert.deepEqual(await emailFlows(c.id), []);
      assert.deepEqual(await outboxTo('new@example.com'), []);
      assert.equal(await userIdOf(c.id), c.userId);
    });

    it('changes the user ID through the link mailed to the new address; the old address gets a notice', async () => {
      const c = await customer();
      const other = await loggedIn(t, c.userId);
      const client = await loggedIn(t, c.userId);
      await client.get('/mypage/changes/email');
      const mailToNew = nextMail(t, 'taro.new@example.com');
      const answer = await client.post('/mypage/changes/email', { new_email: 'Taro.New＠Example.com', new_email_confirm: 'taro.new@example.com', current_password: PASSWORD });
      assert.equal(answer.status, 303);
      const sent = textOf((await client.get('/mypage/changes/email/sent')).html);
      assert.match(sent, /新しいメールアドレス（taro\.new@example\.com）宛てに、「メールアドレス変更のご確認」メールを送信しました。/);
      assert.match(sent, /URLの有効期限は、メール送信から48時間です。/);
      assert.match(textOf((await client.get('/mypage/changes')).html), /taro\.new@example\.com 宛てに確認メールをお送りしています。/);
      const mail = await mailToNew();
      assert.equal(mail.subject, '【みらい損保】メールアドレス変更のご確認');
      assert.match(mail.text, /一回のお手続きのみ有効/);
      assert.match(mail.text, /ご利用期限:2026年11月27日/);
      const path = mailPath(mail);
      assert.match(path, /^\/mypage\/changes\/email\/confirm\?token=[A-Za-z0-9_-]{43}$/);
      assert.equal(await userIdOf(c.id), c.userId, 'nothing changes before the link is used');

      // A link scanner's GETs use nothing up; the page asks for the button.
      for (let i = 0; i < 2; i += 1) {
        const look = await client.get(path);
        assert.equal(look.status, 200);
        assert.match(textOf(look.html), new RegExp(`現在のメールアドレス（ユーザーID） ${c.userId} 新しいメールアドレス（ユーザーID） taro\\.new@example\\.com`));
        assert.match(look.html, /<button type="submit" class="button primary">変更する<\/button>/);
      }
      const notice = nextMail(t, c.userId);
      const confirmed = await client.post('/mypage/changes/email/confirm', { token: tokenOf(path) });
      assert.equal(confirmed.status, 303);
      assert.equal(confirmed.location, '/mypage/changes/email/complete');
      assert.match(textOf((await client.get(confirmed.location!)).html), /メールアドレス（ユーザーID）を変更しました。 メールアドレス（ユーザーID） taro\.new@example\.com/);
      assert.equal(await userIdOf(c.id), 'taro.new@example.com');
      assert.equal((await client.get('/mypage')).status, 200, 'this browser stays logged in');
      assert.equal((await other.get('/mypage')).status, 303, 'other sessions end');

      const told = await notice();
      assert.equal(told.subject, '【みらい損保】メールアドレス変更のお知らせ');
      assert.match(told.text, /変更後のメールアドレス:t\*\*\*@example\.com/);
      assert.doesNotMatch(told.text, /taro\.new@/);

      const old = await login(t, c.userId, PASSWORD);
      assert.equal(old.page.status, 401);
      assert.ok(old.page.html.includes(INVALID_CREDENTIALS));
      assert.equal((await login(t, 'taro.new@example.com', PASSWORD)).page.status, 303);

      const again = await client.get(path);
      assert.equal(again.status, 410);
      assert.match(textOf(again.html), /このURLは既に使用されています。/);
      assert.equal((await client.post('/mypage/changes/email/confirm', { token: tokenOf(path) })).status, 410);
      const kinds = (await t.deps.db.selectFrom('audit_events').select('kind').where('customer_id', '=', c.id).execute()).map((r) => r.kind);
      assert.ok(kinds.includes('email_change_requested') && kinds.includes('email_changed'), kinds.join());
    });

    it('refuses an expired link and changes nothing', async () => {
      const c = await customer();
      const path = await requestChange(await loggedIn(t, c.userId), 'late@example.com');
      clock.advance(48 * HOUR + 60_000);
      const client = await loggedIn(t, c.userId);
      const look = await client.get(path);
      assert.equal(look.status, 410);
      assert.match(textOf(look.html), /このURLは有効期限が過ぎています。/);
      assert.match(look.html, /<a class="button" href="\/mypage\/changes\/email">メールアドレスの変更をやり直す<\/a>/);
      assert.equal((await client.post('/mypage/changes/email/confirm', { token: tokenOf(path) })).status, 410);
      assert.equal(await userIdOf(c.id), c.userId);
    });

    it('refuses the change when the address became someone else’s user ID meanwhile', async () => {
      const c = await customer();
      const d = await customer();
      const client = await loggedIn(t, c.userId);
      const path = await requestChange(client, 'shared@example.com');
      const dPath = await requestChange(await loggedIn(t, d.userId), 'shared@example.com');
      const dClient = await loggedIn(t, d.userId);
      await dClient.get(dPath);
      assert.equal((await dClient.post('/mypage/changes/email/confirm', { token: tokenOf(dPath) })).status, 303);
      assert.equal(await userIdOf(d.id), 'shared@example.com');

      const look = await client.get(path);
      assert.equal(look.status, 409);
      assert.match(summaryOf(look), /既に他のお客さまのユーザーIDとして登録されているため、ご利用いただけません。/);
      assert.doesNotMatch(look.html, />変更する<\/button>/);
      const post = await client.post('/mypage/changes/email/confirm', { token: tokenOf(path) });
      assert.equal(post.status, 409);
      assert.equal(await userIdOf(c.id), c.userId);
      assert.deepEqual((await emailFlows(c.id)).map((f) => f.state), ['refused']);
      assert.equal((await client.get(path)).status, 410, 'the link is used up');
    });

    it('answers an address another customer holds like any other, without mailing it', async () => {
      const c = await customer();
      const d = await customer();
      const client = await loggedIn(t, c.userId);
      await client.get('/mypage/changes/email');
      const before = (await outboxTo(d.userId)).length;
      const answer = await client.post('/mypage/changes/email', { new_email: d.userId, new_email_confirm: d.userId, current_password: PASSWORD });
      assert.equal(answer.status, 303);
      assert.equal(answer.location, '/mypage/changes/email/sent');
      assert.match(textOf((await client.get(answer.location!)).html), /確認メールを送信しました。/);
      assert.equal((await outboxTo(d.userId)).length, before);
    });

    it('a newer request retires the older link; another customer’s session cannot use a link', async () => {
      const c = await customer();
      const d = await customer();
      const client = await loggedIn(t, c.userId);
      const first = await requestChange(client, 'first@example.com');
      const second = await requestChange(client, 'second@example.com');
      const replaced = await client.get(first);
      assert.equal(replaced.status, 410);
      assert.match(textOf(replaced.html), /新しいご案内メールの送信やお手続きがあったため/);
      const stranger = await loggedIn(t, d.userId);
      const foreign = await stranger.get(second);
      assert.equal(foreign.status, 410);
      assert.match(textOf(foreign.html), /URLが正しくないか/);
      assert.equal((await stranger.post('/mypage/changes/email/confirm', { token: tokenOf(second) })).status, 410);
      assert.equal(await userIdOf(d.id), d.userId);
      assert.equal(await userIdOf(c.id), c.userId);
      for (const token of ['', 'x', 'A'.repeat(43), ['a', 'b']]) {
        assert.equal((await client.post('/mypage/changes/email/confirm', { token })).status, 410, String(token));
      }
    });

    it('opening the link logged out goes through login and back to the same page', async () => {
      const c = await customer();
      const path = await requestChange(await loggedIn(t, c.userId), 'back@example.com');
      const fresh = new WebClient(t.baseUrl);
      const redirect = await fresh.get(path);
      assert.equal(redirect.status, 303);
      assert.equal(redirect.location, `/login?next=${encodeURIComponent(path)}`);
      const { client, page } = await login(t, c.userId, PASSWORD, path);
      assert.equal(page.location, path);
      const look = await client.get(path);
      assert.equal(look.status, 200);
      assert.equal((await client.post('/mypage/changes/email/confirm', { token: tokenOf(path) })).status, 303);
      assert.equal(await userIdOf(c.id), 'back@example.com');
    });
  });
}
