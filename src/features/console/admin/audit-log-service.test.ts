import assert from 'node:assert/strict';
import { it } from 'node:test';
import { detailText, japanDayStart, japanTimestamp, parseAuditQuery } from './audit-log-service.js';

const EMPTY = { staff: '', customer: '', kind: '', from: '', to: '', page: '' };

it('reads Japan days as the instants they start and end', () => {
  assert.equal(japanDayStart('2026-11-21')?.toISOString(), '2026-11-20T15:00:00.000Z');
  for (const bad of ['2026-02-30', '2026-13-01', '26-11-21', '2026-11-21T00:00', '', '1999-12-31']) assert.equal(japanDayStart(bad), null, bad);
  const parsed = parseAuditQuery({ ...EMPTY, from: '2026-11-21', to: '2026-11-21' });
  assert.ok(parsed.ok);
  assert.deepEqual([parsed.filter.from, parsed.filter.until], ['2026-11-20T15:00:00.000Z', '2026-11-21T15:00:00.000Z']);
  assert.equal(japanTimestamp(new Date('2026-11-20T15:00:00Z')), '2026-11-21 00:00:00');
});

it('names every field it cannot use', () => {
  const parsed = parseAuditQuery({ staff: 'x', customer: '<b>', kind: 'Drop Table', from: '2026-11-22', to: '2026-11-21', page: '0' });
  assert.deepEqual(parsed.ok ? [] : parsed.problems, ['customer', 'kind', 'range', 'page']);
  assert.deepEqual(parseAuditQuery(EMPTY), { ok: true, page: 1, filter: { staffId: null, customerId: null, kind: null, from: null, until: null } });
});

it('shows the reason first and leaves personal data out', () => {
  assert.equal(detailText(JSON.stringify({ reason: '退職', before: { enabled: true }, after: { enabled: false } })), '退職 / before: {enabled: true} / after: {enabled: false}');
  assert.equal(detailText(JSON.stringify({ after: { name: '山田 太郎', email: 'a@example.com', role: 'desk' } })), 'after: {name: （省略）, email: （省略）, role: desk}');
  assert.equal(detailText('not json'), '');
  assert.ok(detailText(JSON.stringify({ reason: 'x'.repeat(400) })).endsWith('…'));
});
