import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { fieldError, loggedIn } from '../support/integration.js';
import { textOf } from '../support/web-client.js';

// PASSWORD_POLICY=asvs (ASVS 6.2.1, 6.2.5, 6.2.9, 6.2.11, 6.2.12) on the customer's password change;
// the default stays the guide's rule, which refuses the same passphrase.

const PASSPHRASE = 'correct horse battery staple';

for (const kind of databaseKinds()) {
  describe(`the customer password policy on ${kind}`, () => {
    let asvs: TestApp;
    let seed: TestApp;

    before(async () => {
      [asvs, seed] = await Promise.all([startTestApp({ db: kind, env: { PASSWORD_POLICY: 'asvs' } }), startTestApp({ db: kind })]);
      for (const app of [asvs, seed]) {
        await insertPolicy(app.deps.db, { policy_number: 'C700000001' });
        await insertCustomer(app.deps.db, { userId: 'hanako.tanaka@example.com', password: 'Mt4sQx9v', policies: ['C700000001'] });
      }
    });
    after(async () => Promise.all([asvs?.close(), seed?.close()]));

    it('asvs: states the rule, refuses short, context-word and common passwords next to the field, accepts a passphrase of 64 characters or spaces', async () => {
      const client = await loggedIn(asvs, 'hanako.tanaka@example.com', 'Mt4sQx9v');
      const form = await client.get('/mypage/changes/password');
      assert.match(textOf(form.html), /8文字以上64文字以下でご入力ください。英字・数字・記号・スペースなど、どの文字も使え、組み合わせの決まりはありません。/);
      const refused: Array<[string, RegExp]> = [
        ['tk7wqzp', /8文字以上64文字以下で入力してください。/],
        ['hanako.tanaka2026', /メールアドレスやサービス名・会社名を含むパスワードは使えません。/],
        ['keizoku the best', /メールアドレスやサービス名・会社名を含むパスワードは使えません。/],
        ['わたしのみらい損保です', /メールアドレスやサービス名・会社名を含むパスワードは使えません。/],
        ['iloveyou', /推測されやすいパスワード/],
        ['z'.repeat(65), /8文字以上64文字以下/],
      ];
      for (const [password, message] of refused) {
        const page = await client.post('/mypage/changes/password', { current_password: 'Mt4sQx9v', password, password_confirm: password });
        assert.equal(page.status, 400, password);
        assert.match(fieldError(page, 'password'), message, password);
      }
      const done = await client.post('/mypage/changes/password', { current_password: 'Mt4sQx9v', password: PASSPHRASE, password_confirm: PASSPHRASE });
      assert.equal(done.status, 303, textOf(done.html).slice(0, 200));
      await loggedIn(asvs, 'hanako.tanaka@example.com', PASSPHRASE);
    });

    it('the default (the guide’s rule) refuses the same passphrase and says why', async () => {
      const client = await loggedIn(seed, 'hanako.tanaka@example.com', 'Mt4sQx9v');
      assert.match(textOf((await client.get('/mypage/changes/password')).html), /半角6文字以上15文字以下で、必ず英字と数字を混ぜてご入力ください/);
      const page = await client.post('/mypage/changes/password', { current_password: 'Mt4sQx9v', password: PASSPHRASE, password_confirm: PASSPHRASE });
      assert.equal(page.status, 400);
      assert.match(fieldError(page, 'password'), /半角英数字で入力してください|6文字以上15文字以下/);
    });
  });
}
