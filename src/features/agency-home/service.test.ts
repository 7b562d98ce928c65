import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseFinder, plausibleAgencyCode, toNewsItem } from './service.js';

it('shapes a news row: Japanese date, machine date, one paragraph a line', () => {
  const item = toNewsItem({ id: 'n1', published_on: '2026-11-25', title: '年末年始', body: '一行目\r\n\r\n二行目\n' });
  assert.deepEqual(item, { id: 'n1', isoDate: '2026-11-25', dateText: '2026年11月25日', title: '年末年始', paragraphs: ['一行目', '二行目'] });
});

it('shows a stored date it cannot read as it is, without a datetime', () => {
  const item = toNewsItem({ id: 'n2', published_on: '2026-13-45', title: 't', body: 'b' });
  assert.equal(item.isoDate, null);
  assert.equal(item.dateText, '2026-13-45');
});

it('looks up only codes that could be an agency', () => {
  assert.ok(plausibleAgencyCode('D0001'));
  assert.ok(plausibleAgencyCode('代理店1'));
  assert.ok(!plausibleAgencyCode(''));
  assert.ok(!plausibleAgencyCode('x'.repeat(65)));
  assert.ok(!plausibleAgencyCode('D0001\u0000'));
  assert.ok(!plausibleAgencyCode('D0001\r\n'));
});

it('reads the finder from the query string: no q is the top page, a bad one a problem', () => {
  assert.equal(parseFinder({}), null);
  assert.deepEqual(parseFinder({ q: 'あおば' }), { q: 'あおば', page: 1 });
  assert.deepEqual(parseFinder({ q: ['あおば', 'x'], page: '3' }), { q: 'あおば', page: 3 });
  assert.deepEqual(parseFinder({ q: 'あ\u0000お' }), { q: 'あお', page: 1 });
  assert.deepEqual(parseFinder({ q: ' 　' }), { q: ' 　', problem: 'empty' });
  assert.deepEqual(parseFinder({ q: 'あ'.repeat(51) }), { q: '', problem: 'too_long' });
  assert.deepEqual(parseFinder({ q: 'a', page: '501' }), { q: 'a', problem: 'bad_page' });
  assert.deepEqual(parseFinder({ q: 'a', page: '-1' }), { q: 'a', problem: 'bad_page' });
});
