import assert from 'node:assert/strict';
import { it } from 'node:test';
import { randomToken } from '../crypto.js';
import { seal, unseal } from './seal.js';

it('a sealed value opens only with the browser key it was sealed for', () => {
  const key = randomToken();
  const sealed = seal(key, 'Abc123');
  assert.doesNotMatch(sealed, /Abc123/);
  assert.equal(unseal(key, sealed), 'Abc123');
  assert.equal(unseal(randomToken(), sealed), null);
  assert.equal(unseal(key, `${sealed.slice(0, -2)}AA`), null);
  assert.equal(unseal(key, 'garbage'), null);
});
