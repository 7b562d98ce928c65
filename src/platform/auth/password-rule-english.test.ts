import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblem, passwordRuleText, type PasswordPolicy } from './password-rule.js';

const seed: PasswordPolicy = { minLength: 6, maxLength: 15 };
const asvs: PasswordPolicy = { minLength: 8, maxLength: 64, kind: 'asvs', contextWords: ['keizoku', 'みらい損保'] };
const userId = 'taro@example.com';
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

describe('the password rule in the page’s language', () => {
  it('Japanese is the platform’s own, word for word', () => {
    for (const policy of [seed, asvs]) {
      assert.equal(passwordRuleText(policy, 'ja'), passwordRuleText(policy));
      for (const password of ['', 'Kz7', 'KzpWqxab', 'Ｋｚ７ｐＷｑ２ｘ', 'password1', 'tab\there-please']) assert.equal(passwordProblem(password, userId, policy, 'ja'), passwordProblem(password, userId, policy));
    }
  });

  it('states the rule in English', () => {
    assert.equal(passwordRuleText(seed, 'en'), '6 to 15 half-width characters, with both letters and digits (symbols are allowed too).');
    assert.match(passwordRuleText(asvs, 'en'), /^8 to 64 characters\. Any characters can be used/);
  });

  it('gives every problem of either rule in English', () => {
    const cases: Array<[PasswordPolicy, string, string]> = [
      [seed, '', 'Password is required.'],
      [seed, 'Ｋｚ７ｐＷｑ２ｘ', 'Please use half-width letters and digits: the password contains full-width letters or digits (switch your keyboard to half-width input).'],
      [seed, 'Kz7pWqあ', 'Please use half-width letters and digits: the password contains full-width characters (kana, kanji or symbols).'],
      [seed, 'Kz7p Wq2', 'Please use half-width letters and digits. Spaces cannot be used.'],
      [seed, 'Kz7pW', 'Please use 6 to 15 characters.'],
      [seed, '73920571', 'Please use both letters and digits.'],
      [seed, 'a1@b.jp', 'The password cannot be the same as your user ID.'],
      [seed, 'password1', 'This password is too easy to guess. Please choose another one.'],
      [asvs, 'tab\there-please', 'Control characters such as line breaks and tabs cannot be used.'],
      [asvs, 'tk7wqzp', 'Please use 8 to 64 characters.'],
      [asvs, 'TARO@example.com', 'The password cannot be the same as your user ID.'],
      [asvs, 'Keizoku-2026!', 'The password cannot contain your e-mail address, our service name or our company name.'],
    ];
    for (const [policy, password, english] of cases) {
      const id = password === 'a1@b.jp' ? 'a1@b.jp' : userId;
      assert.ok(passwordProblem(password, id, policy), `${password} is refused`);
      assert.equal(passwordProblem(password, id, policy, 'en'), english, password);
      assert.doesNotMatch(english, JAPANESE);
    }
    assert.equal(passwordProblem('Kz7pWq2x', userId, seed, 'en'), null);
  });
});
