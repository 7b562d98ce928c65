// Golden cases worked out by hand from rates/default.json. Each comment carries the arithmetic:
// exact products (no rounding on the way), then 1円未満 and 10円未満 cut (切捨て) at the end.
// Monthly: annual × 1.05 ÷ 12, cut to 10 yen; the total is 12 instalments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quote } from './quote.js';
import { input, rates } from './test-fixtures.js';
import type { Quote } from './types.js';

function premiums(q: Quote) {
  return { annualPremium: q.annualPremium, monthlyPremium: q.monthlyPremium, totalPayable: q.totalPayable };
}

describe('quote: golden cases', () => {
  it('1. sample C123456789: 普通乗用車, 15等級無事故, 35歳以上, 家族限定, 一般型220万円 5-10, 弁護士+ロード', () => {
    // 128,000 × 0.49 (15等級 −51%) = 62,720
    //   × 0.53 (35歳以上) = 33,241.6 × 0.95 (家族限定) = 31,579.52 × 1 (レジャー) × 1 (対物無制限) × 1 (人身3,000万円)
    // 車両: amount factor 0.60 + 0.02 × (2,200,000 − 500,000)/100,000 = 0.60 + 0.34 = 0.94
    //   1 + 0.70 × 0.94 × 1.00 (5-10) = 1.658 → 31,579.52 × 1.658 = 52,358.84416
    // + 2,000 (弁護士) + 500 (ロード) = 54,858.84416 → 54,858 → 54,850 (rounding −8)
    const q = quote(rates, input());
    assert.deepEqual(premiums(q), { annualPremium: 54_850, monthlyPremium: null, totalPayable: 54_850 });
    assert.deepEqual(q.breakdown, [
      { label: '基本保険料（自家用普通乗用車）', kind: 'base', value: 128_000 },
      { label: 'ノンフリート等級 15等級（無事故）', kind: 'factor', value: 0.49, note: '51%割引' },
      { label: '運転者年齢条件（35歳以上）', kind: 'factor', value: 0.53 },
      { label: '運転者限定（家族限定）', kind: 'factor', value: 0.95 },
      { label: '使用目的（日常・レジャー）', kind: 'factor', value: 1 },
      { label: '対物賠償（無制限）', kind: 'factor', value: 1 },
      { label: '人身傷害（3,000万円）', kind: 'factor', value: 1 },
      { label: '車両保険（一般型・220万円、免責金額 1回目 5万円・2回目以降 10万円）', kind: 'factor', value: 1.658, note: '1 + 0.7000 × 0.9400 × 1.0000' },
      { label: '弁護士費用特約', kind: 'addition', value: 2_000 },
      { label: 'ロードアシスタンス特約', kind: 'addition', value: 500 },
      { label: '端数処理', kind: 'rounding', value: -8, note: '10円未満切捨て' },
    ]);
  });

  it('2. the same, paid monthly: 5% surcharge, 12 equal instalments', () => {
    // 54,850 × 1.05 = 57,592.5; ÷ 12 = 4,799.375 → 4,790; total 4,790 × 12 = 57,480
    const q = quote(rates, input({ paymentFrequency: 'monthly' }));
    assert.deepEqual(premiums(q), { annualPremium: 54_850, monthlyPremium: 4_790, totalPayable: 57_480 });
  });

  it('3. sample C123456790: 軽四輪, 8等級無事故, 全年齢, 限定なし, エコノミー型130万円 10-10, no riders', () => {
    // 80,000 × 0.60 (8等級 −40%) = 48,000 × 1 (全年齢) × 1 (限定なし) × 1 × 1 × 1
    // 車両: 0.60 + 0.02 × 8 = 0.76; 1 + 0.32 × 0.76 × 0.88 = 1 + 0.214016 = 1.214016
    // 48,000 × 1.214016 = 58,272.768 → 58,272 → 58,270
    const q = quote(rates, input({
      vehicleClass: 'kei_car', next: { grade: 8, accidentCoefficientYears: 0 },
      coverage: { ageCondition: 'all', driverScope: 'any', vehicleCoverage: 'limited', vehicleAmount: 1_300_000, vehicleDeductible: '10-10', riders: [] },
    }));
    assert.equal(q.annualPremium, 58_270);
    assert.deepEqual(q.breakdown.at(-2), { label: '車両保険（エコノミー型・130万円、免責金額 1回目 10万円・2回目以降 10万円）', kind: 'factor', value: 1.214016, note: '1 + 0.3200 × 0.7600 × 0.8800' });
    assert.deepEqual(q.breakdown.at(-1), { label: '端数処理', kind: 'rounding', value: -2, note: '10円未満切捨て' });
  });

  it('4. sample C223344556 after an accident: 小型乗用車, 3等級 (期間3年), 26歳以上, 本人・配偶者, 通勤, 人身5,000万円, 車両なし, 弁護士', () => {
    // 118,000 × 1.12 (3等級 +12%) = 132,160 × 0.56 (26歳以上) = 74,009.6 × 0.91 (本人・配偶者) = 67,348.736
    //   × 1.08 (通勤・通学) = 72,736.63488 × 1 (対物無制限) × 1.03 (人身5,000万円) = 74,918.7339264
    // + 2,000 = 76,918.7339264 → 76,918 → 76,910
    const q = quote(rates, input({
      vehicleClass: 'small_private_car', next: { grade: 3, accidentCoefficientYears: 3 },
      coverage: { ageCondition: '26', driverScope: 'self_spouse', usePurpose: 'commute', personalInjury: 50_000_000, vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null, riders: ['lawyer'] },
    }));
    assert.equal(q.annualPremium, 76_910);
    assert.deepEqual(q.breakdown[1], { label: 'ノンフリート等級 3等級（事故有・事故有係数適用期間3年）', kind: 'factor', value: 1.12, note: '12%割増' });
    assert.ok(!q.breakdown.some((line) => line.label.startsWith('車両保険')), 'no 車両保険 line without 車両保険');
  });

  it('5. sample C334455667: 普通乗用車, 20等級無事故, 35歳以上, 本人限定, 業務, 一般型300万円 0-10, 弁護士+個人賠償', () => {
    // 128,000 × 0.37 (20等級 −63%) = 47,360 × 0.53 = 25,100.8 × 0.89 (本人限定) = 22,339.712 × 1.18 (業務) = 26,360.86016
    // 車両: 0.60 + 0.02 × 25 = 1.10; 1 + 0.70 × 1.10 × 1.15 (0-10) = 1.8855 → 26,360.86016 × 1.8855 = 49,703.40183168
    // + 2,000 + 1,500 = 53,203.40183168 → 53,203 → 53,200; monthly 53,200 × 1.05 / 12 = 4,655 → 4,650; × 12 = 55,800
    const q = quote(rates, input({
      next: { grade: 20, accidentCoefficientYears: 0 }, paymentFrequency: 'monthly',
      coverage: { driverScope: 'self', usePurpose: 'business', vehicleAmount: 3_000_000, vehicleDeductible: '0-10', riders: ['lawyer', 'personal_liability'] },
    }));
    assert.deepEqual(premiums(q), { annualPremium: 53_200, monthlyPremium: 4_650, totalPayable: 55_800 });
  });

  it('6. 事故有係数: 12等級 with 2 years left, 21歳以上, 対物1,000万円, 人身傷害なし', () => {
    // 128,000 × 0.73 (12等級 事故有 −27%) = 93,440 × 0.78 (21歳以上) = 72,883.2 × 1 × 1
    //   × 0.97 (対物1,000万円) = 70,696.704 × 0.80 (人身傷害なし) = 56,557.3632 → 56,557 → 56,550
    const q = quote(rates, input({
      next: { grade: 12, accidentCoefficientYears: 2 },
      coverage: { ageCondition: '21', driverScope: 'any', propertyDamage: 10_000_000, personalInjury: 'none', vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null, riders: [] },
    }));
    assert.equal(q.annualPremium, 56_550);
    assert.deepEqual(q.breakdown.slice(4, 7).map((l) => [l.label, l.value]), [['使用目的（日常・レジャー）', 1], ['対物賠償（1,000万円）', 0.97], ['人身傷害（なし）', 0.8]]);
  });

  it('7. the dearest corner: 軽四輪 1等級, 全年齢, 家族限定, 業務, 対物5,000万円, 人身1億円, 一般型800万円 15-15, ファミリーバイク, monthly', () => {
    // 80,000 × 1.64 (1等級 +64%) = 131,200 × 1 (全年齢) × 0.95 = 124,640 × 1.18 = 147,075.2
    //   × 0.99 (対物5,000万円) = 145,604.448 × 1.06 (人身1億円) = 154,340.71488
    // 車両: 0.60 + 0.02 × 75 = 2.10; 1 + 0.70 × 2.10 × 0.80 (15-15) = 2.176 → 335,845.39557888
    // + 9,000 = 344,845.39557888 → 344,845 → 344,840; monthly 344,840 × 1.05 = 362,082 / 12 = 30,173.5 → 30,170; × 12 = 362,040
    const q = quote(rates, input({
      vehicleClass: 'kei_car', next: { grade: 1, accidentCoefficientYears: 6 }, paymentFrequency: 'monthly',
      coverage: { ageCondition: 'all', usePurpose: 'business', propertyDamage: 50_000_000, personalInjury: 100_000_000, vehicleAmount: 8_000_000, vehicleDeductible: '15-15', riders: ['family_bike'] },
    }));
    assert.deepEqual(premiums(q), { annualPremium: 344_840, monthlyPremium: 30_170, totalPayable: 362_040 });
    assert.equal(q.breakdown[1]?.note, '64%割増');
  });

  it('8. every rider: 小型乗用車 4等級, 26歳以上, 本人限定, 通勤, 対物2,000万円, 人身2億円, エコノミー型50万円 0-10', () => {
    // 118,000 × 0.98 (4等級 −2%) = 115,640 × 0.56 = 64,758.4 × 0.89 = 57,634.976 × 1.08 = 62,245.77408
    //   × 0.98 (対物2,000万円) = 61,000.8585984 × 1.09 (人身2億円) = 66,490.935872256
    // 車両: amount at the minimum → 0.60; 1 + 0.32 × 0.60 × 1.15 = 1.2208 → 81,172.13451285…
    // + 2,000 + 500 + 1,500 + 9,000 = 94,172.13451… → 94,172 → 94,170 (rounding −2)
    const q = quote(rates, input({
      vehicleClass: 'small_private_car', next: { grade: 4, accidentCoefficientYears: 0 },
      coverage: { ageCondition: '26', driverScope: 'self', usePurpose: 'commute', propertyDamage: 20_000_000, personalInjury: 200_000_000, vehicleCoverage: 'limited', vehicleAmount: 500_000, vehicleDeductible: '0-10', riders: ['lawyer', 'road_assistance', 'personal_liability', 'family_bike'] },
    }));
    assert.equal(q.annualPremium, 94_170);
    assert.deepEqual(q.breakdown.filter((l) => l.kind === 'addition').map((l) => [l.label, l.value]), [
      ['弁護士費用特約', 2_000], ['ロードアシスタンス特約', 500], ['個人賠償責任特約', 1_500], ['ファミリーバイク特約', 9_000],
    ]);
  });

  it('9. 6等級 has one rate with or without a coefficient period; an exact premium needs no rounding', () => {
    // 128,000 × 0.81 (6等級 −19%) × 1 (全年齢) × 1 × 1 × 1 × 1 = 103,680 exactly, rounding 0
    // monthly: 103,680 × 1.05 = 108,864 / 12 = 9,072 → 9,070; × 12 = 108,840
    const coverage = { ageCondition: 'all', driverScope: 'any', vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null, riders: [] } as const;
    const clean = quote(rates, input({ next: { grade: 6, accidentCoefficientYears: 0 }, coverage: { ...coverage, riders: [] } }));
    const after = quote(rates, input({ next: { grade: 6, accidentCoefficientYears: 4 }, paymentFrequency: 'monthly', coverage: { ...coverage, riders: [] } }));
    assert.equal(clean.annualPremium, 103_680);
    assert.deepEqual(clean.breakdown.at(-1), { label: '端数処理', kind: 'rounding', value: 0, note: '10円未満切捨て' });
    assert.deepEqual(premiums(after), { annualPremium: 103_680, monthlyPremium: 9_070, totalPayable: 108_840 });
  });

  it('10. 軽四輪 10等級, 21歳以上, 本人・配偶者, 対物3,000万円, 一般型150万円 5-10', () => {
    // 80,000 × 0.55 (10等級 −45%) = 44,000 × 0.78 = 34,320 × 0.91 = 31,231.2 × 1 × 0.985 (対物3,000万円) = 30,762.732 × 1
    // 車両: 0.60 + 0.02 × 10 = 0.80; 1 + 0.70 × 0.80 × 1.00 = 1.56 → 47,989.86192 → 47,989 → 47,980 (rounding −9)
    const q = quote(rates, input({
      vehicleClass: 'kei_car', next: { grade: 10, accidentCoefficientYears: 0 },
      coverage: { ageCondition: '21', driverScope: 'self_spouse', propertyDamage: 30_000_000, vehicleAmount: 1_500_000, riders: [] },
    }));
    assert.equal(q.annualPremium, 47_980);
    assert.equal(q.breakdown.at(-1)?.value, -9);
  });

  it('11. the same rider twice is charged once', () => {
    // case 1 with lawyer listed twice: still 54,850
    assert.equal(quote(rates, input({ coverage: { riders: ['lawyer', 'lawyer', 'road_assistance'] } })).annualPremium, 54_850);
  });

  it('12. an amount between steps is rated at the step below (validateCoverage refuses it first)', () => {
    // 2,250,000 → floor(17.5) = 17 steps → same as case 1: 54,850
    assert.equal(quote(rates, input({ coverage: { vehicleAmount: 2_250_000 } })).annualPremium, 54_850);
  });
});

describe('quote: values the table does not have', () => {
  it('throws a RangeError naming the value', () => {
    assert.throws(() => quote(rates, input({ coverage: { propertyDamage: 7_000_000 } })), /propertyDamage 7000000/);
    assert.throws(() => quote(rates, input({ coverage: { personalInjury: 1 } })), /personalInjury 1 /);
    assert.throws(() => quote(rates, input({ coverage: { vehicleAmount: 100_000 } })), /vehicleAmount 100000/);
    assert.throws(() => quote(rates, input({ coverage: { vehicleAmount: null } })), /vehicleAmount null/);
    assert.throws(() => quote(rates, input({ coverage: { vehicleDeductible: '3-3' } })), /vehicleDeductible 3-3/);
    assert.throws(() => quote(rates, input({ next: { grade: 21, accidentCoefficientYears: 0 } })), RangeError);
    assert.throws(() => quote(rates, input({ coverage: { ageCondition: 'toString' as never } })), /ageCondition toString/);
    assert.throws(() => quote(rates, input({ coverage: { riders: ['__proto__' as never] } })), /rider __proto__/);
  });
});
