import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAddress, normalizePhone, normalizePostalCode } from './contact.js';

describe('postal code', () => {
  it('takes seven digits with or without a hyphen, full-width or not', () => {
    for (const typed of ['100-0005', '1000005', '１００－０００５', '１００ー０００５', ' 100‐0005 ', '〒100-0005']) {
      assert.equal(normalizePostalCode(typed), '100-0005', typed);
    }
  });

  it('refuses anything else', () => {
    for (const typed of ['', '100-000', '10000055', '10-00005', 'abc-defg', '100-0005\r\n', '<b>100</b>', "1000005' OR 1=1"]) {
      assert.equal(normalizePostalCode(typed), null, typed);
    }
  });
});

describe('phone', () => {
  it('takes digits and hyphens, 10 or 11 digits from a leading 0', () => {
    assert.equal(normalizePhone('03-1234-5678'), '03-1234-5678');
    assert.equal(normalizePhone('０９０－１２３４－５６７８'), '090-1234-5678');
    assert.equal(normalizePhone('09012345678'), '09012345678');
    assert.equal(normalizePhone(' 0120 000 000 '), '0120000000');
  });

  it('refuses letters, brackets, too few or many digits and stray hyphens', () => {
    for (const typed of ['', '1234567890', '03-1234-567', '090-1234-56789', '03(1234)5678', '03--1234-5678', '-0312345678', '03-1234-5678-', 'tel:0312345678', '03-1234-5678\n']) {
      assert.equal(normalizePhone(typed), null, typed);
    }
  });
});

describe('address', () => {
  it('normalises width and spaces', () => {
    assert.deepEqual(checkAddress(' 東京都千代田区丸の内１－１－１　ｶﾞｰﾃﾞﾝ 101 '), { value: '東京都千代田区丸の内1-1-1 ガーデン 101' });
  });

  it('refuses empty, overlong, line breaks and markup; keeps other text as text', () => {
    assert.deepEqual(checkAddress('　 '), { problem: 'empty' });
    assert.deepEqual(checkAddress('あ'.repeat(101)), { problem: 'too_long' });
    assert.deepEqual(checkAddress('あ'.repeat(100)), { value: 'あ'.repeat(100) });
    assert.deepEqual(checkAddress('東京都\r\n千代田区'), { problem: 'characters' });
    assert.deepEqual(checkAddress('<script>alert(1)</script>'), { problem: 'characters' });
    assert.deepEqual(checkAddress("東京都'; DROP TABLE policies; --"), { value: "東京都'; DROP TABLE policies; --" });
  });
});
