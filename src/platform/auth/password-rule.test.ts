import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { passwordProblem, passwordRuleText } from './password-rule.js';

const policy = { minLength: 6, maxLength: 15 };
const userId = 'taro@example.com';

describe('password rule', () => {
  it('accepts 6–15 half-width characters mixing letters and digits', () => {
    assert.equal(passwordProblem('Kz7pWq', userId, policy), null);
    assert.equal(passwordProblem('Kz7pWq2x9Lm4Rt5', userId, policy), null);
    assert.equal(passwordProblem('Kz7-pW!q2', userId, policy), null);
  });

  it('refuses full-width characters with a 半角英数字で… message that says what was full-width', () => {
    assert.match(passwordProblem('Ｋｚ７ｐＷｑ２ｘ', userId, policy) ?? '', /^半角英数字で.*全角の英数字が含まれています/);
    assert.match(passwordProblem('Kz7pWqあ', userId, policy) ?? '', /^半角英数字で.*全角の文字（かな・漢字・記号など）が含まれています/);
    assert.match(passwordProblem('Kz7p　Wq2', userId, policy) ?? '', /^半角英数字で.*全角の文字/);
    assert.match(passwordProblem('Kz7p Wq2', userId, policy) ?? '', /^半角英数字で.*スペースは使えません/);
  });

  it('refuses a length outside the policy, and follows a longer configured policy', () => {
    assert.match(passwordProblem('Kz7pW', userId, policy) ?? '', /6文字以上15文字以下/);
    assert.match(passwordProblem('Kz7pWq2x9Lm4Rt5a', userId, policy) ?? '', /6文字以上15文字以下/);
    assert.match(passwordProblem('Kz7pWq2x', userId, { minLength: 12, maxLength: 64 }) ?? '', /12文字以上64文字以下/);
    assert.match(passwordRuleText({ minLength: 12, maxLength: 64 }), /半角12文字以上64文字以下/);
  });

  it('refuses passwords without letters or without digits', () => {
    assert.match(passwordProblem('KzpWqxab', userId, policy) ?? '', /英字と数字/);
    assert.match(passwordProblem('73920571', userId, policy) ?? '', /英字と数字/);
  });

  it('refuses the user ID itself and common passwords', () => {
    assert.match(passwordProblem('a1@b.jp', 'a1@b.jp', policy) ?? '', /ユーザーID/);
    assert.match(passwordProblem('ABC123', userId, policy) ?? '', /推測されやすい/);
    assert.match(passwordProblem('password1', userId, policy) ?? '', /推測されやすい/);
  });

  it('never accepts anything without both a letter and a digit (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (password) => {
        const ok = passwordProblem(password, userId, policy) === null;
        return !ok || (/[A-Za-z]/.test(password) && /[0-9]/.test(password) && password.length >= 6 && password.length <= 15);
      }),
    );
  });
});

describe('password rule PASSWORD_POLICY=asvs (ASVS 6.2)', () => {
  const asvs = { kind: 'asvs' as const, minLength: 8, maxLength: 64, contextWords: ['keizoku', 'みらい損保', 'mirai-sonpo'] };

  it('6.2.1/6.2.9: at least 8 characters, and 64 allowed (counted in characters, not bytes)', () => {
    assert.match(passwordProblem('tk7wqzp', userId, asvs) ?? '', /8文字以上64文字以下/);
    assert.equal(passwordProblem('tk7wqzpv', userId, asvs), null);
    assert.equal(passwordProblem('川'.repeat(10) + 'z'.repeat(54), userId, asvs), null, '64 characters, 94 bytes');
    assert.match(passwordProblem('z'.repeat(65), userId, asvs) ?? '', /8文字以上64文字以下/);
  });

  it('6.2.5: no composition rule — letters only, digits only, spaces and Japanese are accepted', () => {
    assert.equal(passwordProblem('correct horse battery staple', userId, asvs), null);
    assert.equal(passwordProblem('73920571846', userId, asvs), null);
    assert.equal(passwordProblem('ふじさんのぼりたい', userId, asvs), null);
    assert.match(passwordProblem('tab\there-please', userId, asvs) ?? '', /制御文字/);
  });

  it("6.2.11: refuses the user ID, its local part and the service's context words, in any case or width", () => {
    assert.match(passwordProblem('TARO@example.com', userId, asvs) ?? '', /ユーザーID/);
    assert.match(passwordProblem('mytaro2026pass', 'taro2026@example.com', asvs) ?? '', /メールアドレスやサービス名/);
    assert.match(passwordProblem('Keizoku-2026!', userId, asvs) ?? '', /サービス名/);
    assert.match(passwordProblem('ＫＥＩＺＯＫＵ１２３', userId, asvs) ?? '', /サービス名/);
    assert.match(passwordProblem('わたしのみらい損保', userId, asvs) ?? '', /サービス名/);
    assert.match(passwordProblem('mirai-sonpo-web', userId, asvs) ?? '', /サービス名/);
  });

  it('6.2.12: refuses passwords of the offline common-password list', () => {
    for (const common of ['password', 'iloveyou', 'sunshine', 'PASSWORD1', 'qwertyuiop']) {
      assert.match(passwordProblem(common, userId, asvs) ?? '', /推測されやすい/, common);
    }
  });

  it('states the rule without a composition demand', () => {
    const text = passwordRuleText(asvs);
    assert.match(text, /^8文字以上64文字以下でご入力ください。/);
    assert.match(text, /組み合わせの決まりはありません/);
    assert.doesNotMatch(text, /必ず英字と数字/);
  });
});
