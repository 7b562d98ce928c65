import assert from 'node:assert/strict';
import { it } from 'node:test';
import { withoutQueryStrings } from './outbox.js';

it('drops the query strings of URLs and keeps the rest of the text', () => {
  const text = '以下のURLを開いてください。\nhttps://keizoku.example/recovery/verify?token=abc_DEF-123&x=1\nご利用期限:2026年11月27日18時30分まで';
  assert.equal(withoutQueryStrings(text), '以下のURLを開いてください。\nhttps://keizoku.example/recovery/verify?\nご利用期限:2026年11月27日18時30分まで');
  assert.equal(withoutQueryStrings('http://localhost:3000/a?b=1#top と http://localhost:3000/c'), 'http://localhost:3000/a?#top と http://localhost:3000/c');
  assert.equal(withoutQueryStrings('token=abc は URL ではありません'), 'token=abc は URL ではありません');
});
