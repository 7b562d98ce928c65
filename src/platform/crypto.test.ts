import assert from 'node:assert/strict';
import { it } from 'node:test';
import { randomToken, sealText, unsealText } from './crypto.js';

it('a sealed text opens only with the same secret, purpose and context', () => {
  const secret = randomToken();
  const sealed = sealText(secret, 'purpose-a', '秘密のURL', 'row-1');
  assert.doesNotMatch(sealed, /秘密/);
  assert.notEqual(sealText(secret, 'purpose-a', '秘密のURL', 'row-1'), sealed, 'a fresh IV each time');
  assert.equal(unsealText(secret, 'purpose-a', sealed, 'row-1'), '秘密のURL');
  assert.equal(unsealText(randomToken(), 'purpose-a', sealed, 'row-1'), null);
  assert.equal(unsealText(secret, 'purpose-b', sealed, 'row-1'), null);
  assert.equal(unsealText(secret, 'purpose-a', sealed, 'row-2'), null);
  assert.equal(unsealText(secret, 'purpose-a', sealed), null);
  assert.equal(unsealText(secret, 'purpose-a', sealText(secret, 'purpose-a', 'x')), 'x');
});

it('refuses a truncated authentication tag', () => {
  const secret = randomToken();
  const raw = Buffer.from(sealText(secret, 'p', ''), 'base64url');
  assert.equal(raw.length, 28);
  assert.equal(unsealText(secret, 'p', raw.subarray(0, 16).toString('base64url')), null);
});
