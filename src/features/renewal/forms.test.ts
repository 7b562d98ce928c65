import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_RATES_FILE } from '../../config.js';
import { parseForm } from '../../platform/ui/form-parse.js';
import { confirmationsForm, contractForm, coverageValues, parseCustomCoverage, parseManYen, parsePaymentForm, postedRevision } from './forms.js';
import { loadRateTable, type Coverage } from './rating/index.js';

const rates = loadRateTable(DEFAULT_RATES_FILE);
const holder = { birthDate: '1975-01-01', termStart: '2026-12-27' };
const coverage: Coverage = {
  ageCondition: '35', driverScope: 'family', usePurpose: 'leisure', bodilyInjury: 'unlimited', propertyDamage: 'unlimited', personalInjury: 30000000,
  vehicleCoverage: 'general', vehicleAmount: 2200000, vehicleDeductible: '5-10', riders: ['lawyer', 'road_assistance'],
};

it('step 1 needs both answers, and no default', () => {
  assert.deepEqual(parseForm(contractForm, { vehicle_changed: 'yes', insured_changed: 'no' }), { ok: true, value: { vehicle_changed: 'yes', insured_changed: 'no' } });
  const missing = parseForm(contractForm, { vehicle_changed: ['yes'] });
  assert.equal(missing.ok, false);
  assert.deepEqual(Object.keys(missing.ok ? {} : missing.errors).sort(), ['insured_changed', 'vehicle_changed']);
});

it('the custom form round-trips a coverage (車両保険金額 in 万円)', () => {
  const values = coverageValues(coverage);
  assert.equal(values.vehicle_amount, '220');
  assert.deepEqual(parseCustomCoverage(rates, values, holder), { ok: true, coverage });
});

it('reads 万円 in half- or full-width digits, with or without 万円', () => {
  assert.equal(parseManYen('２２０'), 2200000);
  assert.equal(parseManYen(' 220万円 '), 2200000);
  assert.equal(parseManYen('1,000'), 10000000);
  for (const bad of ['', '22.5', '-220', '220円', 'abc', '1'.repeat(20)]) assert.equal(parseManYen(bad), null, bad);
});

it('without 車両保険, amount and 免責金額 are ignored', () => {
  const result = parseCustomCoverage(rates, { ...coverageValues(coverage), vehicle_coverage: 'none', vehicle_amount: 'x', vehicle_deductible: 'y' }, holder);
  assert.deepEqual(result, { ok: true, coverage: { ...coverage, vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null } });
});

it('puts rating’s reasons next to the form field they concern', () => {
  const young = parseCustomCoverage(rates, { ...coverageValues(coverage), age_condition: '26' }, { birthDate: '2004-06-01', termStart: '2026-12-27' });
  assert.equal(young.ok, false);
  assert.match(young.ok ? '' : (young.errors.age_condition ?? ''), /22歳のため、運転者年齢条件「26歳以上」はお選びいただけません/);
  const odd = parseCustomCoverage(rates, { ...coverageValues(coverage), vehicle_amount: '225' }, holder);
  assert.match(odd.ok ? '' : (odd.errors.vehicle_amount ?? ''), /10万円単位/);
  const riders = parseCustomCoverage(rates, { ...coverageValues(coverage), riders: ['lawyer', 'lawyer'] }, holder);
  assert.match(riders.ok ? '' : (riders.errors.riders ?? ''), /特約の選択が正しくありません/);
});

it('意向確認: every box is required and only "1" checks it', () => {
  const all = { confirm_coverage: '1', confirm_drivers: '1', confirm_use: '1', confirm_matters: '1' };
  assert.equal(parseForm(confirmationsForm, all).ok, true);
  const one = parseForm(confirmationsForm, { ...all, confirm_use: 'on' });
  assert.deepEqual(Object.keys(one.ok ? {} : one.errors), ['confirm_use']);
});

it('お支払方法: keep means the current method; コンビニ払い has no 月払', () => {
  assert.deepEqual(parsePaymentForm({ payment_method: 'keep', payment_frequency: 'monthly' }, 'bank'), { ok: true, value: { method: 'bank', changed: false, frequency: 'monthly' } });
  assert.deepEqual(parsePaymentForm({ payment_method: 'card', payment_frequency: 'annual' }, 'bank'), { ok: true, value: { method: 'card', changed: true, frequency: 'annual' } });
  assert.deepEqual(parsePaymentForm({ payment_method: 'bank', payment_frequency: 'annual' }, 'bank'), { ok: true, value: { method: 'bank', changed: false, frequency: 'annual' } });
  const refused = parsePaymentForm({ payment_method: 'keep', payment_frequency: 'monthly' }, 'convenience');
  assert.match(refused.ok ? '' : (refused.errors.payment_frequency ?? ''), /コンビニ払いは年払（一括払）のみ/);
});

it('reads the posted revision, anything odd as -1', () => {
  assert.equal(postedRevision({ revision: '12' }), 12);
  for (const bad of [{}, { revision: ['1'] }, { revision: '1e3' }, { revision: '-1' }, { revision: '9'.repeat(20) }, null]) assert.equal(postedRevision(bad), -1);
});
