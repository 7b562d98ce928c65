import assert from 'node:assert/strict';
import { it } from 'node:test';
import { expiryCsvName, expiryQueryString, monthLabel, monthOptions, parseExpiryQuery, rangeOf } from './expiry.js';

it('shows this month and the next by default, and one month when chosen, across the year end', () => {
  assert.deepEqual(rangeOf(null, '2026-11-25'), { from: '2026-11-01', until: '2027-01-01' });
  assert.deepEqual(rangeOf(null, '2026-12-31'), { from: '2026-12-01', until: '2027-02-01' });
  assert.deepEqual(rangeOf('2026-12', '2026-11-25'), { from: '2026-12-01', until: '2027-01-01' });
  assert.deepEqual(rangeOf('2027-02', '2026-11-25'), { from: '2027-02-01', until: '2027-03-01' });
});

it('offers six months back and twelve ahead', () => {
  const months = monthOptions('2026-11-25');
  assert.equal(months.length, 19);
  assert.equal(months[0], '2026-05');
  assert.equal(months[6], '2026-11');
  assert.equal(months.at(-1), '2027-11');
  assert.equal(monthLabel('2027-01'), '2027年1月');
});

it('reads the query: a bad month or status is a problem, an empty one the default', () => {
  assert.deepEqual(parseExpiryQuery({ month: '', status: '', agency: '' }), { ok: true, query: { month: null, status: null, agency: '' } });
  assert.deepEqual(parseExpiryQuery({ month: '2026-12', status: 'not_started', agency: 'D0001' }), { ok: true, query: { month: '2026-12', status: 'not_started', agency: 'D0001' } });
  for (const month of ['2026-13', '2026-1', '26-01', '2026-12-01', '１９９９-01']) {
    assert.deepEqual(parseExpiryQuery({ month, status: '', agency: '' }).ok, false, month);
  }
  const bad = parseExpiryQuery({ month: 'x', status: 'done', agency: '' });
  assert.ok(!bad.ok && bad.problems.join() === 'month,status');
});

it('names the CSV by agency and month, and keeps the view in its links', () => {
  assert.equal(expiryCsvName('D0001', rangeOf('2026-12', '2026-11-25'), '2026-12'), '満期管理_D0001_2026-12.csv');
  assert.equal(expiryCsvName('D0001', rangeOf(null, '2026-11-25'), null), '満期管理_D0001_2026-11_2026-12.csv');
  assert.equal(expiryQueryString({ month: null, status: null, agency: null }), '');
  assert.equal(expiryQueryString({ month: '2026-12', status: 'applied', agency: 'D0001' }), '?agency=D0001&month=2026-12&status=applied');
});
