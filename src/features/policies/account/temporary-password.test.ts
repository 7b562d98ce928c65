import assert from 'node:assert/strict';
import { it } from 'node:test';
import { passwordProblem } from '../../../platform/auth/password-rule.js';
import { newTemporaryPassword } from './temporary-password.js';

it('makes 10 characters read out by phone (no i, l, o, 0, 1) that the default customer rule accepts, each one different', () => {
  const policy = { minLength: 6, maxLength: 15 };
  const seen = new Set<string>();
  for (let i = 0; i < 500; i++) {
    const password = newTemporaryPassword('taro@example.com', policy);
    assert.match(password, /^[a-hjkmnp-z2-9]{10}$/);
    assert.equal(passwordProblem(password, 'taro@example.com', policy), null, password);
    seen.add(password);
  }
  assert.equal(seen.size, 500);
});

it('follows a configured rule whose lengths exclude 10', () => {
  assert.equal(newTemporaryPassword('taro@example.com', { minLength: 12, maxLength: 64 }).length, 12);
  assert.equal(newTemporaryPassword('taro@example.com', { minLength: 6, maxLength: 8 }).length, 8);
});
