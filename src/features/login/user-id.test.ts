import assert from 'node:assert/strict';
import { it } from 'node:test';
import { normalizeEmail } from '../../platform/text.js';
import { normalizeUserId } from './user-id.js';

it('turns full-width letters, digits and symbols into half-width lower case', () => {
  assert.equal(normalizeUserId('ＡＢＣ１２３＠ＥＸＡＭＰＬＥ．ＣＯＭ'), 'abc123@example.com');
});

it('trims spaces around the ID, including the full-width space', () => {
  assert.equal(normalizeUserId('　 Abc@Example.com \t'), 'abc@example.com');
});

it('keeps inner characters it cannot normalise, so such an ID simply matches no account', () => {
  assert.equal(normalizeUserId('a\r\nb'), 'a\r\nb');
  assert.equal(normalizeUserId("' OR 1=1 --"), "' or 1=1 --");
});

it('agrees with how registration stores the address (normalizeEmail)', () => {
  for (const text of ['ＡＢＣ＠ＥＸＡＭＰＬＥ．ＣＯＭ', ' Taro@Example.com ', 'İx@example.com', 'ｱｲｳ@example.com']) {
    assert.equal(normalizeUserId(text), normalizeEmail(text), text);
  }
});

it('is idempotent', () => {
  for (const text of ['ＡＢＣ', ' x@y.z ', 'ｱｲｳ', 'Ⅻ']) {
    assert.equal(normalizeUserId(normalizeUserId(text)), normalizeUserId(text));
  }
});
