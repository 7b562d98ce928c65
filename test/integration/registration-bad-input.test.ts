import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { expectStatus, requestRegistration, step1Fields, tokenOf } from '../support/registration.js';
import { textOf, WebClient, type WebPage } from '../support/web-client.js';

const SCRIPT = '<script>alert(1)</script>';
const SQL = "' OR 1=1 --";
const STEP1 = ['family_name', 'given_name', 'family_kana', 'given_kana', 'birth_date', 'email', 'keyword', 'policy_number'];

/** The message shown next to a field (TextField renders it as #f-<name>-error). */
function fieldError(page: WebPage, name: string): string {
  const match = new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(page.html);
  return match?.[1] ?? '';
}

function assertEscaped(page: WebPage): void {
  assert.ok(!page.html.includes(SCRIPT), 'no raw script tag');
  assert.ok(page.html.includes('&lt;script>alert(1)&lt;/script>') || page.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'shown back escaped');
}

for (const kind of databaseKinds()) {
  describe(`registration bad input on ${kind}`, () => {
    let t: TestApp;
    let client: WebClient;
    const counts = async () => ({
      flows: (await t.deps.db.selectFrom('flows').select('id').execute()).length,
      outbox: (await t.deps.db.selectFrom('outbox').select('id').execute()).length,
      customers: (await t.deps.db.selectFrom('customers').select('id').execute()).length,
    });
    before(async () => {
      t = await startTestApp({ db: kind });
      await insertPolicy(t.deps.db);
      // A holder whose names are exactly the hostile strings: they must be stored and shown as typed.
      await insertPolicy(t.deps.db, { policy_number: 'X1', holder_family_name: SCRIPT, holder_given_name: SQL, holder_family_kana: 'テスト', holder_given_kana: 'タロウ', birth_date: '1980-02-29' });
      client = new WebClient(t.baseUrl);
      await client.get('/register');
    });
    after(async () => t.close());

    it('empty, missing and array fields each get their message, and nothing is saved', async () => {
      const before = await counts();
      const empty = await client.post('/register', Object.fromEntries(STEP1.map((f) => [f, ''])));
      assert.equal(empty.status, 400);
      for (const [field, message] of [
        ['family_name', '姓を入力してください。'],
        ['given_name', '名を入力してください。'],
        ['family_kana', 'セイを入力してください。'],
        ['given_kana', 'メイを入力してください。'],
        ['birth_date', '生年月日を入力してください。'],
        ['email', 'メールアドレスを入力してください。'],
        ['keyword', 'キーワードを入力してください。'],
        ['policy_number', '証券番号を入力してください。'],
      ] as const) {
        assert.equal(fieldError(empty, field), message);
      }
      assert.match(fieldError(empty, 'agree'), /利用規約/);
      // The summary takes the focus and links each problem to its field, in the form's order.
      assert.match(empty.html, /<div class="error-summary-box" id="error-summary" tabindex="-1" autofocus(="")?>/);
      assert.match(empty.html, /<a href="#f-family_name">姓を入力してください。<\/a><\/li><li><a href="#f-given_name">名を入力してください。<\/a>/);
      assert.match(empty.html, /<a href="#f-agree">利用規約/);
      assert.equal((await client.post('/register', {})).status, 400);
      const arrays = await client.post('/register', step1Fields({ family_name: ['三住', '三住'], policy_number: ['C123456789', 'X'] }));
      assert.equal(arrays.status, 400);
      assert.equal(fieldError(arrays, 'family_name'), '姓を入力してください。');
      assert.deepEqual(await counts(), before);
    });

    it('overlong fields are refused with a length message, never a 500', async () => {
      const long = 'あ'.repeat(300);
      const page = await client.post('/register', Object.fromEntries([...STEP1.map((f) => [f, long]), ['agree', '1']]));
      assert.equal(page.status, 400);
      assert.match(fieldError(page, 'family_name'), /30文字以内/);
      assert.match(fieldError(page, 'family_kana'), /30文字以内/);
      assert.match(fieldError(page, 'email'), /254文字以内/);
      assert.match(fieldError(page, 'policy_number'), /30文字以内/);
      assert.match(fieldError(page, 'birth_date'), /正しく入力/);
      const huge = await client.post('/register', step1Fields({ family_name: 'x'.repeat(40_000) }));
      assert.ok(huge.status >= 400 && huge.status < 500, `got ${huge.status}`);
    });

    it('利用規約に同意します。 stays ticked after a problem and after 修正する, and unticked when it was not ticked', async () => {
      const ticked = /<input id="f-agree" type="checkbox" name="agree" value="1" checked/;
      const withTick = await client.post('/register', step1Fields({ family_name: '' }));
      assert.equal(withTick.status, 400);
      assert.match(withTick.html, ticked, 'kept after an error');
      const withoutTick = await client.post('/register', step1Fields({ family_name: '', agree: '' }));
      assert.doesNotMatch(withoutTick.html, ticked, 'never ticked for the customer');
      const other = new WebClient(t.baseUrl);
      await other.get('/register');
      expectStatus(await other.post('/register', step1Fields()), 303, 'to confirmation');
      const back = await other.get('/register');
      assert.match(back.html, /value="三住"/);
      assert.match(back.html, ticked, 'kept after 修正する');
    });

    it('reads full-width 証券番号 and e-mail, hiragana and half-width kana as the policy has them', async () => {
      const page = await client.post('/register', step1Fields({ policy_number: 'ｃ１２３４５６７８９', email: 'ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＣＯＭ', family_kana: 'みつすみ', given_kana: 'ﾀﾛｳ', family_name: '三住 ', given_name: '　太郎' }));
      assert.equal(page.status, 303);
      const confirm = textOf((await client.get('/register/confirm')).html);
      assert.match(confirm, /メールアドレス taro@example\.com/);
      assert.match(confirm, /証券番号 C123456789/);
      assert.match(confirm, /契約者氏名カナ ミツスミ タロウ/);
    });

    it('refuses kanji or Latin letters in セイ/メイ', async () => {
      const page = await client.post('/register', step1Fields({ family_kana: '三住', given_kana: 'Taro' }));
      assert.equal(page.status, 400);
      assert.equal(fieldError(page, 'family_kana'), 'セイはカタカナまたはひらがなで入力してください。');
      assert.equal(fieldError(page, 'given_kana'), 'メイはカタカナまたはひらがなで入力してください。');
      assert.match(page.html, /value="三住"/);
    });

    it('refuses impossible and future birth dates', async () => {
      const impossible = await client.post('/register', step1Fields({ birth_date: '1975-02-30' }));
      assert.equal(fieldError(impossible, 'birth_date'), '生年月日を正しく入力してください（例：1975-01-01）。');
      const future = await client.post('/register', step1Fields({ birth_date: '2999-01-01' }));
      assert.equal(fieldError(future, 'birth_date'), '生年月日に未来の日付は入力できません。');
      const words = await client.post('/register', step1Fields({ birth_date: 'yesterday' }));
      assert.equal(words.status, 400);
    });

    it('a mismatch of any one item gets one message that names none of them', async () => {
      const messages = new Set<string>();
      const changes: Array<Record<string, string>> = [{ birth_date: '1975-01-02' }, { given_kana: 'ジロウ' }, { family_name: '三井' }, { policy_number: 'C000000000' }];
      for (const change of changes) {
        const page = await client.post('/register', step1Fields(change));
        assert.equal(page.status, 400);
        const summary = /class="error-summary"[^>]*>\s*<p>([^<]*)</.exec(page.html)?.[1] ?? '';
        assert.match(summary, /ご契約を確認できませんでした/);
        messages.add(summary);
        for (const f of STEP1) assert.equal(fieldError(page, f), '', `no field is singled out (${f})`);
      }
      assert.equal(messages.size, 1);
    });

    it('HTML and SQL text in every field is shown back escaped and never runs', async () => {
      const before = await counts();
      for (const hostile of [SCRIPT, SQL]) {
        const page = await client.post('/register', Object.fromEntries([...STEP1.map((f) => [f, hostile]), ['agree', '1']]));
        assert.equal(page.status, 400);
        if (hostile === SCRIPT) assertEscaped(page);
        else assert.ok(page.html.includes('value="&#39; OR 1=1 --"') || page.html.includes(`value="' OR 1=1 --"`), 'SQL text shown back as typed');
        assert.match(fieldError(page, 'keyword'), /半角英数字/);
        assert.match(fieldError(page, 'email'), /正しく入力/);
      }
      assert.deepEqual(await counts(), before);
      assert.equal((await t.deps.db.selectFrom('policies').select('policy_number').execute()).length, 2);
    });

    it('a holder named with HTML and SQL text registers, is shown escaped and is stored as typed', async () => {
      const other = new WebClient(t.baseUrl);
      const path = await requestRegistration(t, other, { family_name: SCRIPT, given_name: SQL, family_kana: 'てすと', given_kana: 'たろう', birth_date: '1980-02-29', policy_number: 'x1', email: 'odd@example.com', keyword: 'Odd12345' });
      await other.get(path);
      expectStatus(await other.post('/register/verify', { token: tokenOf(path), keyword: 'Odd12345' }), 303, 'verify');
      await other.get('/register/credentials');
      expectStatus(await other.post('/register/credentials', { user_id: 'odd@example.com', user_id_confirm: 'odd@example.com', password: 'Od7dPw2x', password_confirm: 'Od7dPw2x', agree: '1' }), 303, 'credentials');
      const confirm = await other.get('/register/credentials/confirm');
      assertEscaped(confirm);
      expectStatus(await other.post('/register/credentials/confirm', {}), 303, 'complete');
      const stored = await t.deps.db.selectFrom('customers').selectAll().where('user_id', '=', 'odd@example.com').executeTakeFirstOrThrow();
      assert.equal(stored.family_name, SCRIPT);
      assert.equal(stored.given_name, SQL);
    });

    it('CR/LF in the e-mail address never reaches a mail header', async () => {
      const before = await counts();
      for (const email of ['taro@example.com\r\nBcc: evil@example.com', 'taro@example.com\nSubject: x', 'taro@exa\rmple.com']) {
        const page = await client.post('/register', step1Fields({ email }));
        assert.equal(page.status, 400);
        assert.match(fieldError(page, 'email'), /正しく入力/);
      }
      assert.deepEqual(await counts(), before);
    });

    it('the ID/password step: normalised ID, refused passwords, mismatching confirmations', async () => {
      const other = new WebClient(t.baseUrl);
      const path = await requestRegistration(t, other, { email: 'step8@example.com', keyword: 'Step8abc' });
      await other.get(path);
      expectStatus(await other.post('/register/verify', { token: tokenOf(path), keyword: 'Step8abc' }), 303, 'verify');
      await other.get('/register/credentials');
      const post = (fields: Record<string, string>) =>
        other.post('/register/credentials', { user_id: 'step8@example.com', user_id_confirm: 'step8@example.com', password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x', agree: '1', ...fields });
      const cases: Array<[Record<string, string>, string, RegExp]> = [
        [{ password: 'Ｋｚ７ｐＷｑ２ｘ', password_confirm: 'Ｋｚ７ｐＷｑ２ｘ' }, 'password', /^半角英数字で入力してください。入力されたパスワードに全角の英数字が含まれています/],
        [{ password: 'Kz7pW', password_confirm: 'Kz7pW' }, 'password', /6文字以上15文字以下/],
        [{ password: 'Kz7pWq2x9Lm4Rt5a', password_confirm: 'Kz7pWq2x9Lm4Rt5a' }, 'password', /6文字以上15文字以下/],
        [{ password: 'KzpWqxab', password_confirm: 'KzpWqxab' }, 'password', /英字と数字/],
        [{ password: '73920571', password_confirm: '73920571' }, 'password', /英字と数字/],
        [{ user_id: 'a1b2c3@x.jp', user_id_confirm: 'a1b2c3@x.jp', password: 'a1b2c3@x.jp', password_confirm: 'a1b2c3@x.jp' }, 'password', /ユーザーIDと同じ/],
        [{ password: 'abc123', password_confirm: 'abc123' }, 'password', /推測されやすい/],
        [{ password_confirm: 'Kz7pWq2y' }, 'password_confirm', /一致しません/],
        [{ user_id_confirm: 'other@example.com' }, 'user_id_confirm', /一致しません/],
        [{ user_id: '', user_id_confirm: '' }, 'user_id', /入力してください/],
        [{ user_id: 'step8@example.com\r\nBcc: x@example.com' }, 'user_id', /正しく入力/],
        [{ user_id: SCRIPT, user_id_confirm: SCRIPT, password: SCRIPT, password_confirm: SCRIPT }, 'user_id', /正しく入力/],
        [{ password: SQL, password_confirm: SQL }, 'password', /^半角英数字で/],
        [{ agree: '' }, 'agree', /利用規約/],
        [{ user_id: 'x'.repeat(300) + '@example.com' }, 'user_id', /254文字以内/],
      ];
      for (const [fields, field, message] of cases) {
        const page = await post(fields);
        assert.equal(page.status, 400, JSON.stringify(fields));
        assert.match(fieldError(page, field), message, JSON.stringify(fields));
        assert.ok(!/type="password"[^>]*value="[^"]+"/.test(page.html), 'passwords are never shown back');
        if (fields.user_id === SCRIPT) assertEscaped(page);
      }
      assert.match((await post({ password: 'Kz7pW', password_confirm: 'Kz7pW' })).html, /<input id="f-agree" type="checkbox" name="agree" value="1" checked/, 'the tick stays after a problem');
      const flow = await t.deps.db.selectFrom('flows').select(['state', 'data']).where('data', 'like', '%step8@example.com%').executeTakeFirstOrThrow();
      assert.equal(flow.state, 'verified');
      const ok = await post({ user_id: 'ＳＴＥＰ８＠example.com' });
      assert.equal(ok.status, 303);
      assert.match(textOf((await other.get('/register/credentials/confirm')).html), /メールアドレス（ユーザーID） step8@example\.com パスワード ●●●●●●●●/);
      const saved = await t.deps.db.selectFrom('flows').select('data').where('data', 'like', '%step8@example.com%').executeTakeFirstOrThrow();
      assert.doesNotMatch(saved.data, /Kz7pWq2x/);
      assert.match(saved.data, /\$argon2id\$/);
    });

    it('an empty or overlong keyword at the link gets a message and counts nothing', async () => {
      const other = new WebClient(t.baseUrl);
      const path = await requestRegistration(t, other, { email: 'kw@example.com', keyword: 'Kw123456' });
      await other.get(path);
      const empty = await other.post('/register/verify', { token: tokenOf(path), keyword: '' });
      assert.equal(empty.status, 400);
      assert.equal(fieldError(empty, 'keyword'), 'キーワードを入力してください。');
      const long = await other.post('/register/verify', { token: tokenOf(path), keyword: 'k'.repeat(500) });
      assert.equal(long.status, 400);
      const hostile = await other.post('/register/verify', { token: tokenOf(path), keyword: SCRIPT });
      assert.equal(hostile.status, 400);
      assert.ok(!hostile.html.includes(SCRIPT));
      const flow = await t.deps.db.selectFrom('flows').select('keyword_failures').where('data', 'like', '%kw@example.com%').executeTakeFirstOrThrow();
      assert.equal(flow.keyword_failures, 1);
      expectStatus(await other.post('/register/verify', { token: tokenOf(path), keyword: 'Ｋｗ１２３４５６' }), 303, 'full-width keyword accepted');
    });
  });
}
