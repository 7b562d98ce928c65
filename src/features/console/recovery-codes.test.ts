import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RECOVERY_CODE_BITS, newRecoveryCodes, normalizeRecoveryCode, recoveryCodeHash } from './recovery-codes.js';

const GROUP = '[0-9A-HJKMNP-TV-Z]{4}';

it('makes ten different codes of six groups of four, 120 random bits each (ASVS 6.5.2: at least 112)', () => {
  const codes = newRecoveryCodes();
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const code of codes) assert.match(code, new RegExp(`^${GROUP}(-${GROUP}){5}$`));
  assert.equal(RECOVERY_CODE_BITS, 120);
  const distinct = new Set(newRecoveryCodes().concat(newRecoveryCodes(), newRecoveryCodes()).join('').replace(/-/g, ''));
  assert.equal(distinct.size, 32, 'every letter of the alphabet is drawn');
});

it('forgives case, width, spaces, hyphens and look-alike letters', () => {
  assert.equal(normalizeRecoveryCode('abcd-efgh-jkmn-pqrs-tvwx-yz01'), 'ABCDEFGHJKMNPQRSTVWXYZ01');
  assert.equal(normalizeRecoveryCode('ＡＢＣＤ ＥＦＧＨ ＪＫＭＮ ＰＱＲＳ ＴＶＷＸ ＹＺ０１'), 'ABCDEFGHJKMNPQRSTVWXYZ01');
  assert.equal(normalizeRecoveryCode('O0IL-0000-0000-0000-0000-0000'), '001100000000000000000000');
  assert.equal(normalizeRecoveryCode('ABCD-EFGH-JKMN-PQRS-TVWX'), null);
  assert.equal(normalizeRecoveryCode('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2'), null);
  assert.equal(normalizeRecoveryCode('ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U'), null, 'U is not in the alphabet');
  assert.equal(normalizeRecoveryCode('123456'), null);
});

it('still reads the 16-character codes issued before decision 0021', () => {
  assert.equal(normalizeRecoveryCode('abcd-efgh-jkmn-pqrs'), 'ABCDEFGHJKMNPQRS');
  assert.equal(normalizeRecoveryCode('ABCD-EFGH-JKMN-PQR'), null);
});

it('hashes the normalised code', () => {
  assert.equal(recoveryCodeHash('ABCDEFGHJKMNPQRSTVWXYZ01'), recoveryCodeHash(normalizeRecoveryCode('abcd efgh jkmn pqrs tvwx yz01')!));
  assert.match(recoveryCodeHash('ABCDEFGHJKMNPQRSTVWXYZ01'), /^[0-9a-f]{64}$/);
});
