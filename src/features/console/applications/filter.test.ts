import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseListQuery } from './filter.js';

describe('the 継続申込 filters', () => {
  it('turn Japan dates into the UTC instants of their midnights, the to-date inclusive', () => {
    const parsed = parseListQuery({ from: '2026-11-01', to: '2026-11-30', agency: 'D0001', state: 'pending' }, ['D0001']);
    assert.deepEqual(parsed, { ok: true, filter: { createdFrom: '2026-10-31T15:00:00.000Z', createdBefore: '2026-11-30T15:00:00.000Z', agencyCode: 'D0001', acknowledged: false } });
    assert.deepEqual(parseListQuery({ from: '', to: '', agency: '', state: '' }, []), { ok: true, filter: { createdFrom: null, createdBefore: null, agencyCode: null, acknowledged: null } });
  });

  it('name the field that is wrong', () => {
    const parsed = parseListQuery({ from: '2026-02-30', to: '2026-01-01', agency: 'D9999', state: 'acknowledged' }, ['D0001']);
    assert.equal(parsed.ok, false);
    assert.deepEqual(Object.keys(parsed.ok ? {} : parsed.problems).sort(), ['agency', 'from']);
    const reversed = parseListQuery({ from: '2026-02-02', to: '2026-02-01', agency: '', state: '' }, []);
    assert.match(reversed.ok ? '' : (reversed.problems.to ?? ''), /同じか後/);
  });
});
