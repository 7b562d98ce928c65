import assert from 'node:assert/strict';
import { it } from 'node:test';
import { furthest, reachable, renewalPlace, stepNumber } from './flow.js';

it('numbers the seven steps and gives each its URL', () => {
  assert.deepEqual(['contract', 'plans', 'premium', 'matters', 'payment', 'review', 'completed'].map((s) => stepNumber(s as never)), [1, 2, 3, 4, 5, 6, 7]);
  const ref = '0123456789abcdef0123456789abcdef'; // a policy's reference (features/policies/policy-ref.ts)
  assert.equal(renewalPlace(ref, 'contract'), `/renewal/${ref}`);
  assert.equal(renewalPlace(ref, 'matters'), `/renewal/${ref}/important-matters`);
  assert.equal(renewalPlace('A/B', 'review'), '/renewal/A%2FB/review');
});

it('a step may be shown up to where the flow is, and none once it is completed', () => {
  assert.equal(reachable('contract', 'plans'), true);
  assert.equal(reachable('payment', 'review'), true);
  assert.equal(reachable('review', 'payment'), false);
  assert.equal(reachable('contract', 'completed'), false);
  assert.equal(furthest('review', 'plans'), 'review');
  assert.equal(furthest('premium', 'payment'), 'payment');
});
