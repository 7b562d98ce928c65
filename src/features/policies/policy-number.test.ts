import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parseForm } from '../../platform/ui/form-parse.js';
import { policyNumberFieldIn } from './fields.js';
import { isPolicyNumber, normalizePolicyNumber, POLICY_NUMBER_MAX_LENGTH } from './policy-number.js';

describe('the 証券番号 rule', () => {
  it('allows what the CSV contract allows: letters and digits, at most 30', () => {
    assert.equal(POLICY_NUMBER_MAX_LENGTH, 30);
    assert.ok(isPolicyNumber('C'.repeat(30)));
    assert.ok(!isPolicyNumber('C'.repeat(31)));
    assert.ok(!isPolicyNumber('C-123'));
    assert.ok(!isPolicyNumber('c123'), 'stored upper case');
  });

  it('the forms say the length in Japanese', () => {
    const result = parseForm(z.object({ policy_number: policyNumberFieldIn('ja') }), { policy_number: 'C'.repeat(31) });
    assert.deepEqual(result, { ok: false, errors: { policy_number: '証券番号は30文字以内で入力してください。' } });
    assert.equal(normalizePolicyNumber(' c 12 '), 'C12', 'a customer may type spaces');
  });
});
