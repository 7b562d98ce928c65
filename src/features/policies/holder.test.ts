import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatBirthDateJa, isKatakana, normalizeKana, normalizeName, sameHolder } from './holder.js';
import { isEmail, normalizeEmail, parseIsoDate } from '../../platform/text.js';
import { normalizePolicyNumber } from './policy-number.js';

const HIRAGANA = Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, i) => String.fromCharCode(0x3041 + i));
// Half-width katakana with and without voiced marks, as phones type them.
const HALF_WIDTH = [...'ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ', 'ｶﾞ', 'ｻﾞ', 'ﾀﾞ', 'ﾊﾞ', 'ﾊﾟ', 'ｳﾞ'];

describe('identity normalisation', () => {
  it('compares names after NFKC and without half- or full-width spaces', () => {
    assert.equal(normalizeName(' 三住　太郎 '), '三住太郎');
    assert.equal(normalizeName('ＳＭＩＴＨ Ｊｏｈｎ'), 'SMITHJohn');
  });

  it('turns hiragana and half-width kana into full-width katakana', () => {
    assert.equal(normalizeKana('みつすみ'), 'ミツスミ');
    assert.equal(normalizeKana('ﾐﾂｽﾐ'), 'ミツスミ');
    assert.equal(normalizeKana('ｶﾞｯｺｳ ﾀﾛｰ'), 'ガッコウタロー');
    assert.equal(normalizeKana('ゔぁいおりん'), 'ヴァイオリン');
    assert.ok(!isKatakana(normalizeKana('三住')));
    assert.ok(!isKatakana(normalizeKana('Mitsusumi')));
  });

  it('any hiragana or half-width kana string becomes katakana (property)', () => {
    const kana = fc.constantFrom(...HIRAGANA, ...HALF_WIDTH, 'ー', ' ', '　');
    fc.assert(
      fc.property(fc.array(kana, { minLength: 1, maxLength: 20 }), (chars) => {
        const value = normalizeKana(chars.join(''));
        return value === '' || isKatakana(value);
      }),
    );
  });

  it('normalisation is idempotent even where removing a space lets NFKC compose (㍱´)', () => {
    for (const text of ['㍱´', 'a ́', 'ｶ ﾞ']) {
      assert.equal(normalizeName(normalizeName(text)), normalizeName(text), text);
      assert.equal(normalizeKana(normalizeKana(text)), normalizeKana(text), text);
      assert.equal(normalizePolicyNumber(normalizePolicyNumber(text)), normalizePolicyNumber(text), text);
    }
  });

  it('normalisation is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        assert.equal(normalizeName(normalizeName(text)), normalizeName(text));
        assert.equal(normalizeKana(normalizeKana(text)), normalizeKana(text));
        assert.equal(normalizePolicyNumber(normalizePolicyNumber(text)), normalizePolicyNumber(text));
        assert.equal(normalizeEmail(normalizeEmail(text)), normalizeEmail(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads 証券番号 and e-mail written with full-width characters', () => {
    assert.equal(normalizePolicyNumber('ｃ１２３４５６７８９'), 'C123456789');
    assert.equal(normalizeEmail(' ＡＢＣ＠ｅｘａｍｐｌｅ．ｃｏｍ '), 'abc@example.com');
    assert.ok(isEmail('abc@example.com'));
    assert.ok(!isEmail('abc@example.com\r\nBcc: x@example.com'));
    assert.ok(!isEmail('<script>alert(1)</script>@example.com'));
    assert.ok(!isEmail("' OR 1=1 --"));
  });

  it('accepts only real calendar dates', () => {
    assert.equal(parseIsoDate('1975-01-01'), '1975-01-01');
    assert.equal(parseIsoDate('１９７５－０１－０１'), '1975-01-01');
    assert.equal(parseIsoDate('１９７５-０１-０１'), '1975-01-01');
    assert.equal(parseIsoDate('1975-02-30'), null);
    assert.equal(parseIsoDate('2024-02-29'), '2024-02-29');
    assert.equal(parseIsoDate('2023-02-29'), null);
    assert.equal(parseIsoDate('1975/01/01'), null);
    assert.equal(formatBirthDateJa('1975-01-01'), '1975年01月01日');
  });

  it('matches a holder however the customer typed the same name', () => {
    const policy = { familyName: '三住', givenName: '太郎', familyKana: 'ミツスミ', givenKana: 'タロウ', birthDate: '1975-01-01' };
    assert.ok(sameHolder({ ...policy, familyName: '三住 ', familyKana: 'みつすみ', givenKana: 'ﾀﾛｳ' }, policy));
    assert.ok(!sameHolder({ ...policy, birthDate: '1975-01-02' }, policy));
    assert.ok(!sameHolder({ ...policy, givenKana: 'ジロウ' }, policy));
  });
});
