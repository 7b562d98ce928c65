import assert from 'node:assert/strict';
import { it } from 'node:test';
import { policyStatus, policyStatusLabel } from './policy-status.js';

const policy = { end_date: '2026-12-27', last_procedure_at: null };
const label = (p: { end_date: string; last_procedure_at: string | null }, today: string) => policyStatusLabel(policyStatus(p, today));

it('is 契約中 through 満期日 and 満期日経過 from the day after', () => {
  assert.equal(label(policy, '2026-11-25'), '契約中');
  assert.equal(label(policy, '2026-12-27'), '契約中');
  assert.equal(label(policy, '2026-12-28'), '満期日経過');
});

it('is 継続手続済 with the Japan date of a procedure inside this term’s window, even after 満期日', () => {
  const renewed = { ...policy, last_procedure_at: '2026-11-25T15:30:00.000Z' }; // 0:30 on the 26th in Japan
  assert.equal(label(renewed, '2026-11-26'), '継続手続済（2026年11月26日）');
  assert.equal(label(renewed, '2027-01-05'), '継続手続済（2026年11月26日）');
});

it('ignores a procedure from before this term’s window (an earlier term’s renewal)', () => {
  const older = { ...policy, last_procedure_at: '2025-11-20T01:00:00.000Z' };
  assert.equal(label(older, '2026-11-25'), '契約中');
  const dayBefore = { ...policy, last_procedure_at: '2026-10-26T01:00:00.000Z' };
  assert.equal(label(dayBefore, '2026-11-25'), '契約中');
  const firstDay = { ...policy, last_procedure_at: '2026-10-27T01:00:00.000Z' };
  assert.equal(label(firstDay, '2026-11-25'), '継続手続済（2026年10月27日）');
});
