import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomToken } from '../crypto.js';
import { assertSecretsInSlots, fillSecrets, hasTokenShapedLink, openMailText, sealSecrets, secretSlot } from './secrets.js';

const BASE = 'https://keizoku.example/register/verify';

describe('mail secret slots', () => {
  it('names a slot only with a plain lower-case name', () => {
    assert.equal(secretSlot('token'), '{{secret:token}}');
    for (const name of ['', 'Token', '1x', 'a}}', 'a b', 'x'.repeat(33)]) assert.throws(() => secretSlot(name), /not a mail secret name/, name);
  });

  it('sees a token-shaped query or fragment value in a URL, and nothing shorter or outside a URL', () => {
    const token = randomToken();
    assert.ok(hasTokenShapedLink(`以下のURL\n${BASE}?token=${token}\n`));
    assert.ok(hasTokenShapedLink(`${BASE}?a=1&code=${'f'.repeat(32)}`));
    assert.ok(hasTokenShapedLink(`${BASE}#token=${token}`));
    assert.ok(!hasTokenShapedLink(`${BASE}?t=abc123`));
    assert.ok(!hasTokenShapedLink(`${BASE}?token=${secretSlot('token')}`));
    assert.ok(!hasTokenShapedLink(`token=${token} は URL ではありません`));
    assert.ok(!hasTokenShapedLink('https://keizoku.example/mypage/renewals'));
  });

  it('refuses a raw token in the text, a slot without its value and a value without its slot', () => {
    const token = randomToken();
    assert.throws(() => assertSecretsInSlots(`${BASE}?token=${token}`, '件名'), /token-shaped/);
    assert.throws(() => assertSecretsInSlots(`${BASE}?token=${token}`, '件名', { token }), /token-shaped/);
    assert.throws(() => assertSecretsInSlots('本文', `${BASE}?token=${token}`), /token-shaped/);
    assert.throws(() => assertSecretsInSlots(`${BASE}?token=${secretSlot('token')}`, '件名'), /slot "token" has no secret/);
    assert.throws(() => assertSecretsInSlots(`${BASE}?token=${secretSlot('token')}`, '件名', { other: token, token }), /secret "other" has no slot/);
    assert.throws(() => assertSecretsInSlots('{{secret:constructor}}', '件名', {}), /slot "constructor" has no secret/);
    assert.doesNotThrow(() => assertSecretsInSlots(`${BASE}?token=${secretSlot('token')}`, '件名', { token }));
    assert.doesNotThrow(() => assertSecretsInSlots('本文です。', '件名'));
  });

  it('fills every slot, or answers null when one has no value', () => {
    const text = `${BASE}?token=${secretSlot('token')}\nもう一度: ${secretSlot('token')}`;
    assert.equal(fillSecrets(text, { token: 'T' }), `${BASE}?token=T\nもう一度: T`);
    assert.equal(fillSecrets(text, {}), null);
    assert.equal(fillSecrets('$& と $1 は置換されません', {}), '$& と $1 は置換されません');
    assert.equal(fillSecrets(secretSlot('a'), { a: '$&$1' }), '$&$1');
  });
});

describe('sealed mail secrets', () => {
  const serverSecret = randomToken();
  const token = randomToken();
  const row = { id: 'row-1', to_address: 'taro@example.com', text_body: `開いてください。\n${BASE}?token=${secretSlot('token')}\n以上` };

  it('open with the server secret, for the same row and recipient only', () => {
    const sealed = sealSecrets(serverSecret, row.id, row.to_address, { token });
    assert.ok(!sealed.includes(token));
    assert.equal(openMailText(serverSecret, { ...row, secrets_sealed: sealed }), `開いてください。\n${BASE}?token=${token}\n以上`);
    assert.equal(openMailText(randomToken(), { ...row, secrets_sealed: sealed }), null, 'another server secret');
    assert.equal(openMailText(serverSecret, { ...row, id: 'row-2', secrets_sealed: sealed }), null, 'copied to another row');
    assert.equal(openMailText(serverSecret, { ...row, to_address: 'evil@example.com', secrets_sealed: sealed }), null, 'redirected');
    assert.equal(openMailText(serverSecret, { ...row, secrets_sealed: `${sealed.slice(0, -2)}AA` }), null, 'altered');
    assert.equal(openMailText(serverSecret, { ...row, secrets_sealed: 'garbage' }), null);
  });

  it('a row without sealed secrets is sent as it is, unless it still has a slot', () => {
    assert.equal(openMailText(serverSecret, { ...row, text_body: '本文です。', secrets_sealed: null }), '本文です。');
    assert.equal(openMailText(serverSecret, { ...row, secrets_sealed: null }), null);
  });
});
