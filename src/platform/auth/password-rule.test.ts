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

  it('refuses full-width characters with the 半角英数字で… message', () => {
    assert.match(passwordProblem('Ｋｚ７ｐＷｑ２ｘ', userId, policy) ?? '', /^半角英数字で/);
    assert.match(passwordProblem('Kz7pWqあ', userId, policy) ?? '', /^半角英数字で/);
    assert.match(passwordProblem('Kz7p Wq2', userId, policy) ?? '', /^半角英数字で/);
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
