import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parseForm } from '../../platform/ui/form-parse.js';
import { policyNumberFieldIn } from '../policies/fields.js';
import { policyNumber as csvPolicyNumber } from './fields.js';

describe('証券番号 in the CSV', () => {
  it('the forms and the CSV import accept and refuse the same numbers', () => {
    const form = z.object({ policy_number: policyNumberFieldIn('ja') });
    for (const typed of ['C123456789', 'ｃ１２３', 'C'.repeat(30), 'C'.repeat(31), 'C-123', '証券']) {
      const fromForm = parseForm(form, { policy_number: typed });
      const fromCsv = csvPolicyNumber(typed);
      assert.equal(fromForm.ok, fromCsv.ok, typed);
      if (fromForm.ok && fromCsv.ok) assert.equal(fromForm.value.policy_number, fromCsv.value, typed);
    }
  });
});
