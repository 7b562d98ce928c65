import assert from 'node:assert/strict';
import { it } from 'node:test';
import { gradeLabel, paymentLabel, productLabel, yen } from './labels.js';

it('shows yen with thousands separators and a dash for nothing', () => {
  assert.equal(yen(58200), '58,200円');
  assert.equal(yen(1234567), '1,234,567円');
  assert.equal(yen(null), '-');
});

it('names products, payment methods and grades, keeping unknown codes visible', () => {
  assert.equal(productLabel('auto'), '自動車保険');
  assert.equal(productLabel('fire'), 'fire');
  assert.equal(paymentLabel('bank'), '口座振替');
  assert.equal(paymentLabel(null), '-');
  assert.equal(gradeLabel(14), '14等級');
});
