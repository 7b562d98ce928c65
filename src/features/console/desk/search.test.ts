import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserLabel } from './labels.js';
import { criterionOf, parseSearch, phoneDigits } from './search.js';
import { parsePersonId, parseReason, personId } from './service.js';

describe('the desk search rules', () => {
  it('reads kana in any spelling as full-width katakana without spaces, and other names as kanji', () => {
    for (const text of ['ミツスミ タロウ', 'みつすみ　たろう', 'ﾐﾂｽﾐ ﾀﾛｳ', ' ミツスミタロウ ']) assert.deepEqual(criterionOf('name', text), { key: 'name', script: 'kana', value: 'ミツスミタロウ' }, text);
    assert.deepEqual(criterionOf('name', '三住　太郎'), { key: 'name', script: 'kanji', value: '三住太郎' });
    assert.deepEqual(criterionOf('name', 'ｶﾞｯﾂ'), { key: 'name', script: 'kana', value: 'ガッツ' });
    assert.equal(criterionOf('name', '　 '), null);
  });

  it('normalises 証券番号, e-mail and phone as they are stored', () => {
    assert.deepEqual(criterionOf('policy', ' ｃ１２３ 456 '), { key: 'policy', value: 'C123456' });
    assert.deepEqual(criterionOf('email', ' ＡＢＣ@Example.COM '), { key: 'email', value: 'abc@example.com' });
    assert.equal(phoneDigits('０３（１２３４）５６７８'), '0312345678');
    assert.equal(criterionOf('phone', 'abc'), null);
  });

  it('parses the query string: form, search or a problem, never a throw', () => {
    assert.deepEqual(parseSearch({}), { kind: 'form' });
    assert.equal(parseSearch({ q: 'x', by: 'nope' }).kind, 'problem');
    assert.equal(parseSearch({ q: 'あ'.repeat(101), by: 'name' }).kind, 'problem');
    assert.equal(parseSearch({ q: 'ミツスミ', by: 'name', page: '0' }).kind, 'problem');
    assert.equal(parseSearch({ q: ['ミツスミ', 'x'], by: ['name'] }).kind, 'search');
    assert.equal(parseSearch({ q: { a: 1 }, by: 'name' }).kind, 'form');
    const parsed = parseSearch({ q: 'やまだ', by: 'name', page: '2' });
    assert.ok(parsed.kind === 'search' && parsed.page === 2 && parsed.criterion.key === 'name');
  });

  it('keys people in URLs: a customer by id, a holder by policy-<証券番号>; anything else is nobody', () => {
    assert.equal(personId({ kind: 'holder', key: 'S1' }), 'policy-S1');
    assert.deepEqual(parsePersonId('policy-S1'), { kind: 'holder', policyNumber: 'S1' });
    assert.deepEqual(parsePersonId('0b8f0c7e-1111-4222-8333-444455556666'), { kind: 'customer', customerId: '0b8f0c7e-1111-4222-8333-444455556666' });
    for (const id of ['policy-', 'policy-s1', 'policy-' + 'A'.repeat(31), '0B8F0C7E-1111-4222-8333-444455556666', '', '__proto__']) assert.equal(parsePersonId(id), null, id);
  });

  it('asks a reason of 1 to 200 characters on one line', () => {
    assert.deepEqual(parseReason('  電話で本人確認 '), { ok: true, reason: '電話で本人確認' });
    assert.deepEqual(parseReason(' '), { ok: false, problem: 'reason_missing' });
    assert.deepEqual(parseReason('😀'.repeat(200)), { ok: true, reason: '😀'.repeat(200) });
    assert.deepEqual(parseReason('あ'.repeat(201)), { ok: false, problem: 'reason_too_long' });
    assert.deepEqual(parseReason('a\nb'), { ok: false, problem: 'reason_invalid' });
  });

  it('names browsers briefly', () => {
    assert.equal(browserLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'), 'Chrome（Windows）');
    assert.equal(browserLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'), 'Safari（iOS）');
    assert.equal(browserLabel('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0'), 'Edge（Windows）');
    assert.equal(browserLabel(''), '不明');
    assert.equal(browserLabel('curl/8.0'), 'その他');
  });
});
