import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPolicyNumber } from './policy-number.js';
import { policyRef } from './policy-ref.js';

describe('policyRef (ASVS 14.2.1)', () => {
  const secret = 'a'.repeat(43);

  it('is 32 hex characters, the same each time, and never reads as a 証券番号', () => {
    const ref = policyRef(secret, 'C123456789');
    assert.match(ref, /^[0-9a-f]{32}$/);
    assert.equal(policyRef(secret, 'C123456789'), ref);
    assert.equal(isPolicyNumber(ref), false);
    assert.ok(!ref.includes('123456789'));
  });

  it('differs per policy and per server secret', () => {
    assert.notEqual(policyRef(secret, 'C123456789'), policyRef(secret, 'C123456790'));
    assert.notEqual(policyRef(secret, 'C123456789'), policyRef('b'.repeat(43), 'C123456789'));
  });
});
