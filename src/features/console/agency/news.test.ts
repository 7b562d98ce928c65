import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseNews } from './news.js';

const ok = { title: ' 年末年始の営業 ', published_on: '2026-12-01', body: '12月29日から休業します。\r\n\r\n<b>ご注意</b>\r\n' };

it('keeps a title, a date and a body with its line breaks (CRLF read as LF, trailing space dropped), HTML as text', () => {
  assert.deepEqual(parseNews(ok), { ok: true, value: { title: '年末年始の営業', publishedOn: '2026-12-01', body: '12月29日から休業します。\n\n<b>ご注意</b>' } });
});

it('names each missing or wrong field', () => {
  assert.deepEqual(parseNews({ title: '', published_on: '', body: ' \n ' }), { ok: false, errors: { title: 'タイトルを入力してください。', published_on: '掲載日を入力してください。', body: '本文を入力してください。' } });
  assert.deepEqual(parseNews({ ...ok, title: 'あ'.repeat(101), published_on: '2026-02-30', body: 'い'.repeat(2001) }), {
    ok: false,
    errors: { title: 'タイトルは100文字以内で入力してください。', published_on: '掲載日を正しく入力してください（例：2026-12-01）。', body: '本文は2000文字以内で入力してください。' },
  });
  assert.equal(parseNews({ ...ok, title: 'あ'.repeat(100), body: '𠮷'.repeat(2000) }).ok, true, 'limits count characters, not UTF-16 units');
  const control = parseNews({ ...ok, title: 'a\u0007', body: 'b\u0000c' });
  assert.deepEqual(control, { ok: false, errors: { title: 'タイトルに使用できない文字が含まれています。', body: '本文に使用できない文字が含まれています。' } });
  assert.equal(parseNews({ ...ok, title: 'a\nb' }).ok, false, 'a title is one line');
});
