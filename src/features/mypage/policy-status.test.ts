import assert from 'node:assert/strict';
import { it } from 'node:test';
import { policyStatus, policyStatusLabel, type StatusInput } from './policy-status.js';

const policy: StatusInput = { end_date: '2026-12-27', last_procedure_at: null, status: 'in_force' };
const label = (p: StatusInput, today: string) => policyStatusLabel(policyStatus(p, today));

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

it('is 解約 when the core system says cancelled, and 満期日経過 when it retired the policy as expired', () => {
  assert.equal(label({ ...policy, status: 'cancelled' }, '2026-11-25'), '解約');
  assert.equal(label({ ...policy, status: 'cancelled', last_procedure_at: '2026-11-25T01:00:00.000Z' }, '2026-11-26'), '解約');
  assert.equal(label({ ...policy, status: 'expired' }, '2026-11-25'), '満期日経過');
});

it('reads in English on an English page, the renewal date in English', () => {
  const en = (p: StatusInput, today: string) => policyStatusLabel(policyStatus(p, today), 'en');
  assert.equal(en(policy, '2026-11-25'), 'In force');
  assert.equal(en(policy, '2026-12-28'), 'Expired');
  assert.equal(en({ ...policy, status: 'cancelled' }, '2026-11-25'), 'Cancelled');
  assert.equal(en({ ...policy, last_procedure_at: '2026-11-25T15:30:00.000Z' }, '2026-11-26'), 'Renewed (26 November 2026)');
});
