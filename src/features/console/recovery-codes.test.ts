import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newRecoveryCodes, normalizeRecoveryCode, recoveryCodeHash } from './recovery-codes.js';

it('makes ten different codes of four groups of four', () => {
  const codes = newRecoveryCodes();
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const code of codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
});

it('forgives case, width, spaces, hyphens and look-alike letters', () => {
  assert.equal(normalizeRecoveryCode('abcd-efgh-jkmn-pqrs'), 'ABCDEFGHJKMNPQRS');
  assert.equal(normalizeRecoveryCode('ＡＢＣＤ ＥＦＧＨ ＪＫＭＮ ＰＱＲＳ'), 'ABCDEFGHJKMNPQRS');
  assert.equal(normalizeRecoveryCode('O0IL-0000-0000-0000'), '0011000000000000');
  assert.equal(normalizeRecoveryCode('ABCD-EFGH-JKMN'), null);
  assert.equal(normalizeRecoveryCode('ABCD-EFGH-JKMN-PQRU'), null, 'U is not in the alphabet');
  assert.equal(normalizeRecoveryCode('123456'), null);
});

it('hashes the normalised code', () => {
  assert.equal(recoveryCodeHash('ABCDEFGHJKMNPQRS'), recoveryCodeHash(normalizeRecoveryCode('abcd efgh jkmn pqrs')!));
  assert.match(recoveryCodeHash('ABCDEFGHJKMNPQRS'), /^[0-9a-f]{64}$/);
});
