import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_RATES_FILE } from '../../config.js';
import { coverageRows, currentCoverage, deductibleWords, economyCoverage, recommendedCoverage, sameCoverage } from './coverage.js';
import { loadRateTable, type Coverage } from './rating/index.js';

const rates = loadRateTable(DEFAULT_RATES_FILE);

const PRIUS = {
  vehicle_class: 'private_car',
  age_condition: '35',
  driver_scope: 'family',
  use_purpose: 'leisure',
  bodily_injury: 'unlimited',
  property_damage: 'unlimited',
  personal_injury: '30000000',
  vehicle_coverage: 'general',
  vehicle_amount: 2200000,
  vehicle_deductible: '5-10',
  riders: 'road_assistance;lawyer',
  grade: 14,
  accident_coefficient_years: 0,
  claims_this_term: 0,
};

const current = currentCoverage(PRIUS) as Coverage;

it('reads the policy columns as rating’s coverage, riders in one order', () => {
  assert.deepEqual(current, {
    ageCondition: '35', driverScope: 'family', usePurpose: 'leisure', bodilyInjury: 'unlimited', propertyDamage: 'unlimited', personalInjury: 30000000,
    vehicleCoverage: 'general', vehicleAmount: 2200000, vehicleDeductible: '5-10', riders: ['lawyer', 'road_assistance'],
  });
  assert.deepEqual(currentCoverage({ ...PRIUS, vehicle_coverage: 'none', vehicle_amount: null, vehicle_deductible: null, riders: null, personal_injury: 'none', property_damage: '50000000' }), {
    ...current, vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null, riders: [], personalInjury: 'none', propertyDamage: 50000000,
  });
});

it('gives up (not online) on columns it does not understand', () => {
  for (const broken of [{ age_condition: null }, { age_condition: '30' }, { riders: 'lawyer;sunroof' }, { property_damage: 'lots' }, { bodily_injury: '100000000' }, { vehicle_amount: null }]) {
    assert.equal(currentCoverage({ ...PRIUS, ...broken }), null, JSON.stringify(broken));
  }
});

it('おすすめ adds 弁護士費用特約 and ロードアシスタンス特約 and lifts 人身傷害 to 5,000万円; a richer one keeps its amount', () => {
  const bare: Coverage = { ...current, riders: [], personalInjury: 'none', propertyDamage: 20000000 };
  assert.deepEqual(recommendedCoverage(rates, bare), { ...bare, riders: ['lawyer', 'road_assistance'], personalInjury: 50000000, propertyDamage: 'unlimited' });
  const rich: Coverage = { ...current, personalInjury: 100000000, riders: ['family_bike'] };
  assert.deepEqual(recommendedCoverage(rates, rich), { ...rich, riders: ['lawyer', 'road_assistance', 'family_bike'] });
});

it('保険料を抑えた narrows 車両保険 step by step, and without it keeps only 弁護士費用特約', () => {
  const limited = economyCoverage(rates, current);
  assert.deepEqual(limited, { ...current, vehicleCoverage: 'limited', vehicleDeductible: '15-15' });
  assert.deepEqual(economyCoverage(rates, limited), { ...current, vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null });
  const none: Coverage = { ...current, vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null, riders: ['lawyer', 'road_assistance', 'family_bike'] };
  assert.deepEqual(economyCoverage(rates, none).riders, ['lawyer']);
});

it('compares coverages whatever the order of riders', () => {
  assert.equal(sameCoverage(current, { ...current, riders: ['road_assistance', 'lawyer'] }), true);
  assert.equal(sameCoverage(current, { ...current, personalInjury: 50000000 }), false);
});

it('words the coverage as the screens and the PDF show it', () => {
  assert.deepEqual(coverageRows(current), [
    ['運転者年齢条件', '35歳以上'],
    ['運転者限定', '家族限定'],
    ['使用目的', '日常・レジャー'],
    ['対人賠償', '無制限'],
    ['対物賠償', '無制限'],
    ['人身傷害', '3,000万円'],
    ['車両保険', '一般型 220万円（免責金額 1回目 5万円・2回目以降 10万円）'],
    ['特約', '弁護士費用特約、ロードアシスタンス特約'],
  ]);
  assert.equal(coverageRows({ ...current, riders: [], vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null })[6]?.[1], 'なし');
  assert.equal(deductibleWords('0-10'), '1回目 0万円・2回目以降 10万円');
});
