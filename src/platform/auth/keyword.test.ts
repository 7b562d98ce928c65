import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateKeyword, isKeyword, normalizeKeyword } from './keyword.js';

describe('keywords', () => {
  it('takes a chosen keyword of 4–16 half-width letters and digits, full-width typing read as half-width', () => {
    assert.ok(isKeyword('Abc123'));
    assert.ok(isKeyword(normalizeKeyword('Ａｂｃ１２３')));
    assert.equal(normalizeKeyword('Ａｂｃ１２３'), 'Abc123');
    assert.ok(!isKeyword('Ab1'));
    assert.ok(!isKeyword('Abc123Abc123Abc12'));
    assert.ok(!isKeyword('Abc 123'));
    assert.ok(!isKeyword('<script>'));
  });

  it('generates six unambiguous characters with letters and digits', () => {
    for (let i = 0; i < 200; i += 1) {
      const keyword = generateKeyword();
      assert.match(keyword, /^[A-Za-z2-9]{6}$/);
      assert.match(keyword, /[A-Za-z]/);
      assert.match(keyword, /[0-9]/);
      assert.doesNotMatch(keyword, /[01OoIl]/);
    }
  });
});
