import assert from 'node:assert/strict';
import { it } from 'node:test';
import { groupedSecret, matchTotp, newTotpSecret, sealTotpSecret, timeStep, totpCode, totpUri, unsealTotpSecret } from './totp.js';

// RFC 6238 appendix B, SHA-1 key "12345678901234567890", the last six of the eight digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

it('gives the RFC 6238 codes (SHA-1, 30 s) in six digits', () => {
  assert.equal(totpCode(RFC_SECRET, new Date(59_000)), '287082');
  assert.equal(totpCode(RFC_SECRET, new Date(1_111_111_109_000)), '081804');
  assert.equal(totpCode(RFC_SECRET, new Date(1_234_567_890_000)), '005924');
});

it('matches a code one step either side and names its step', () => {
  const at = new Date(1_111_111_109_000);
  const step = timeStep(at);
  assert.equal(matchTotp(RFC_SECRET, '081804', at), step);
  assert.equal(matchTotp(RFC_SECRET, '081804', new Date(at.getTime() + 30_000)), step, 'the previous step still matches');
  assert.equal(matchTotp(RFC_SECRET, '081804', new Date(at.getTime() + 90_000)), null);
  assert.equal(matchTotp(RFC_SECRET, '81804', at), null);
  assert.equal(matchTotp(RFC_SECRET, '08180x', at), null);
});

it('makes 160-bit base32 secrets, an otpauth URI and groups of four', () => {
  const secret = newTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.notEqual(newTotpSecret(), secret);
  const uri = new URL(totpUri(secret, 'デモ損保 コンソール', 'first.admin'));
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.searchParams.get('secret'), secret);
  assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
  assert.equal(groupedSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
});

it('seals the secret for one account only', () => {
  const sealed = sealTotpSecret('server-secret', 'staff-1', RFC_SECRET);
  assert.ok(!sealed.includes(RFC_SECRET));
  assert.equal(unsealTotpSecret('server-secret', 'staff-1', sealed), RFC_SECRET);
  assert.equal(unsealTotpSecret('server-secret', 'staff-2', sealed), null);
  assert.equal(unsealTotpSecret('other-secret', 'staff-1', sealed), null);
});
