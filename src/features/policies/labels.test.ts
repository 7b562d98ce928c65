import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as l from './labels.js';
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

it('names the auto policy codes: class, coverages, deductible, riders, conditions', () => {
  assert.equal(l.vehicleClassLabel('kei_car'), '自家用軽四輪乗用車');
  assert.equal(l.coverageAmountLabel('unlimited'), '無制限');
  assert.equal(l.coverageAmountLabel('30000000'), '3,000万円');
  assert.equal(l.coverageAmountLabel('none'), 'なし');
  assert.equal(l.manYen(2200000), '220万円');
  assert.equal(l.manYen(1234567), '1,234,567円');
  assert.equal(l.vehicleCoverageLabel('limited'), 'エコノミー型');
  assert.equal(l.deductibleLabel('5-10'), '1回目 5万円・2回目以降 10万円');
  assert.equal(l.deductibleLabel('0-10'), '1回目 0万円・2回目以降 10万円');
  assert.equal(l.deductibleLabel(null), '-');
  assert.equal(l.ridersLabel('lawyer;road_assistance'), '弁護士費用特約、ロードアシスタンス特約');
  assert.equal(l.ridersLabel(''), 'なし');
  assert.equal(l.ageConditionLabel('all'), '全年齢');
  assert.equal(l.driverScopeLabel('self_spouse'), '本人・配偶者限定');
  assert.equal(l.usePurposeLabel('commute'), '通勤・通学');
  assert.equal(l.accidentYearsLabel(0), '0年');
});
