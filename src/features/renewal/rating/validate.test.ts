import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageAt, validateCoverage } from './validate.js';
import { rates, sampleCoverage } from './test-fixtures.js';
import type { Coverage } from './types.js';

const holder = { birthDate: '1975-01-01', termStart: '2026-12-27' };
const problems = (change: Partial<Coverage>, who = holder) => validateCoverage(rates, { ...sampleCoverage, ...change }, who);
const fields = (change: Partial<Coverage>, who = holder) => problems(change, who).map((p) => p.field);
const none = { vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null } as const;

describe('ageAt (満年齢 at a date)', () => {
  it('turns a year older on the birthday', () => {
    assert.equal(ageAt('1991-12-27', '2026-12-26'), 34);
    assert.equal(ageAt('1991-12-27', '2026-12-27'), 35);
    assert.equal(ageAt('2005-04-01', '2026-03-31'), 20);
  });
  it('counts a 29 February birthday from 1 March in other years', () => {
    assert.equal(ageAt('2004-02-29', '2025-02-28'), 20);
    assert.equal(ageAt('2004-02-29', '2025-03-01'), 21);
    assert.equal(ageAt('2004-02-29', '2028-02-29'), 24);
  });
  it('refuses dates that do not exist', () => {
    assert.throws(() => ageAt('1990-02-30', '2026-01-01'), /birthDate/);
    assert.throws(() => ageAt('1990-01-01', '2026/01/01'), /date/);
  });
});

describe('validateCoverage', () => {
  it('accepts the sample policies as they are', () => {
    assert.deepEqual(problems({}), []);
    assert.deepEqual(problems({ ...none, ageCondition: '26', driverScope: 'self_spouse', usePurpose: 'commute', personalInjury: 50_000_000, riders: ['lawyer'] }, { birthDate: '1990-06-30', termStart: '2026-12-10' }), []);
  });

  it('refuses an age condition the holder does not meet at the term start, and says why', () => {
    const young = { birthDate: '1991-12-28', termStart: '2026-12-27' }; // 34 on the start date, 35 the day after
    assert.deepEqual(problems({ ageCondition: '35' }, young), [{ field: 'ageCondition', message: 'ご契約者さまは保険始期日に34歳のため、運転者年齢条件「35歳以上」はお選びいただけません。' }]);
    assert.deepEqual(problems({ ageCondition: '26' }, young), []);
    assert.deepEqual(problems({ ageCondition: '35' }, { birthDate: '1991-12-27', termStart: '2026-12-27' }), [], 'the 35th birthday itself is enough');
    assert.deepEqual(fields({ ageCondition: '21' }, { birthDate: '2006-01-01', termStart: '2026-12-27' }), ['ageCondition']);
    assert.deepEqual(fields({ ageCondition: 'all' }, { birthDate: '2008-12-27', termStart: '2026-12-27' }), []);
  });

  it('refuses a vehicle amount outside the range or off its steps', () => {
    const message = '車両保険金額は50万円から800万円までの間で、10万円単位で指定してください。';
    for (const vehicleAmount of [400_000, 8_100_000, 2_250_000, 0, -1_000_000, 1.5, Number.NaN, null]) {
      assert.deepEqual(problems({ vehicleAmount }), [{ field: 'vehicleAmount', message }], String(vehicleAmount));
    }
    assert.deepEqual(problems({ vehicleAmount: 500_000 }), []);
    assert.deepEqual(problems({ vehicleAmount: 8_000_000 }), []);
  });

  it('refuses a deductible not in the list, naming the list', () => {
    const message = '免責金額は次の中からお選びください：1回目 0万円・2回目以降 10万円、1回目 5万円・2回目以降 10万円、1回目 10万円・2回目以降 10万円、1回目 15万円・2回目以降 15万円。';
    assert.deepEqual(problems({ vehicleDeductible: '3-10' }), [{ field: 'vehicleDeductible', message }]);
    assert.deepEqual(problems({ vehicleDeductible: null }), [{ field: 'vehicleDeductible', message }]);
  });

  it('refuses an amount or deductible without 車両保険', () => {
    assert.deepEqual(problems({ vehicleCoverage: 'none' }), [
      { field: 'vehicleAmount', message: '車両保険をつけない場合、車両保険金額は指定できません。' },
      { field: 'vehicleDeductible', message: '車両保険をつけない場合、免責金額は指定できません。' },
    ]);
    assert.deepEqual(fields({ ...none, vehicleDeductible: '5-10' }), ['vehicleDeductible']);
    assert.deepEqual(problems(none), []);
  });

  it('refuses limits, amounts and riders the table does not offer, and values from outside the contract', () => {
    assert.deepEqual(fields({ propertyDamage: 7_000_000 }), ['propertyDamage']);
    assert.deepEqual(fields({ personalInjury: 40_000_000 }), ['personalInjury']);
    assert.deepEqual(fields({ bodilyInjury: 100_000_000 as never }), ['bodilyInjury']);
    assert.deepEqual(fields({ riders: ['lawyer', 'lawyer'] }), ['riders']);
    assert.deepEqual(fields({ riders: ['toString' as never] }), ['riders']);
    assert.deepEqual(fields({ riders: 'lawyer' as never }), ['riders']);
    assert.deepEqual(fields({ vehicleCoverage: 'full' as never }), ['vehicleCoverage']);
    assert.deepEqual(fields({ ageCondition: '30' as never, driverScope: '__proto__' as never, usePurpose: 'race' as never }), ['ageCondition', 'driverScope', 'usePurpose']);
  });

  it('writes every message in Japanese', () => {
    const all = problems({ ageCondition: '35', propertyDamage: 1, personalInjury: 1, vehicleAmount: 1, vehicleDeductible: 'x', riders: ['x' as never] }, { birthDate: '2000-01-01', termStart: '2026-01-01' });
    assert.equal(all.length, 6);
    for (const p of all) assert.match(p.message, /[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
