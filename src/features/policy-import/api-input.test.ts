import assert from 'node:assert/strict';
import { it } from 'node:test';
import { policyInputValidator } from './api-input.js';

const validate = policyInputValidator('2026-11-25');
const policy = (changes: Record<string, unknown> = {}) => ({
  policy_number: 'c123',
  holder_family_name: '三住',
  holder_given_name: '太郎',
  holder_family_kana: 'ﾐﾂｽﾐ',
  holder_given_kana: 'タロウ',
  birth_date: '1975-01-01',
  agency_code: 'd0001',
  agency_name: 'みらい保険サービス',
  start_date: '2026-01-01',
  end_date: '2027-01-01',
  ...changes,
});

it('turns JSON numbers and the riders array into the CSV row, normalised as the CSV is', () => {
  const result = validate(policy({ grade: 14, personal_injury: 30000000, bodily_injury: 'unlimited', riders: ['lawyer', 'LAWYER', 'family_bike'], email: null }));
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.policy.policy_number, 'C123');
  assert.equal(result.policy.holder_family_kana, 'ミツスミ');
  assert.equal(result.policy.grade, 14);
  assert.equal(result.policy.personal_injury, '30000000');
  assert.equal(result.policy.riders, 'lawyer;family_bike');
  assert.equal(result.policy.email, null);
  assert.equal(result.policy.status, 'in_force');
});

it('lists type errors and rule errors together, each field once, with the CSV messages', () => {
  const result = validate(policy({ grade: 2.5, claims_this_term: '1', status: 'gone', holder_given_kana: 'taro', nickname: 'x', agency_code: undefined }));
  assert.ok(!result.ok);
  assert.deepEqual(result.errors, [
    { field: 'agency_code', message: 'is required' },
    { field: 'nickname', message: 'is not a known field' },
    { field: 'grade', message: 'must be integer or null' },
    { field: 'claims_this_term', message: 'must be integer or null' },
    { field: 'holder_given_kana', message: '"taro" must be full-width katakana' },
    { field: 'status', message: '"gone" is not one of in_force, cancelled, expired' },
  ]);
});

it('takes the policy number from the path when the body has none, and refuses what is not an object', () => {
  const body: Record<string, unknown> = policy();
  delete body.policy_number;
  const fromPath = validate(body, 'P9');
  assert.ok(fromPath.ok && fromPath.policy.policy_number === 'P9');
  const refused = validate([1], 'P9');
  assert.ok(!refused.ok);
  assert.deepEqual(refused.errors, [{ field: 'body', message: 'must be object' }]);
});
