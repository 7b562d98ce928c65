import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakdownLine, breakdownWords, issueMessage } from './labels.js';
import { quote } from './quote.js';
import { input, rates } from './test-fixtures.js';
import { coverageIssues, validateCoverage } from './validate.js';

describe('the engine gives codes; labels word them per language', () => {
  it('the stored (Japanese) breakdown is the coded lines worded in Japanese', () => {
    for (const q of [quote(rates, input()), quote(rates, input({ next: { grade: 3, accidentCoefficientYears: 3 }, paymentFrequency: 'monthly', coverage: { vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null } }))]) {
      assert.deepEqual(q.lines?.map((line) => breakdownLine(line, 'ja')), q.breakdown);
    }
  });

  it('English breakdown lines keep the Japanese terms in brackets and write yen as ¥', () => {
    const lines = quote(rates, input()).lines ?? [];
    const words = lines.map((line) => breakdownWords(line.item, 'en'));
    assert.deepEqual(words[0], { label: 'Base premium: Private passenger car (自家用普通乗用車)' });
    assert.deepEqual(words[1], { label: 'Non-fleet grade (ノンフリート等級) 15, no accidents (無事故)', note: '51% discount' });
    assert.equal(words[7]?.label, 'Vehicle damage (車両保険): General (一般型), ¥2,200,000, deductible 1st claim ¥50,000, later claims ¥100,000');
    assert.deepEqual(words.at(-1), { label: 'Rounding', note: 'rounded down to the nearest ¥10' });
    const accident = quote(rates, input({ next: { grade: 3, accidentCoefficientYears: 1 } })).lines?.[1];
    assert.ok(accident);
    assert.equal(breakdownWords(accident.item, 'en').label, 'Non-fleet grade (ノンフリート等級) 3, with accidents (事故有), accident coefficient period 1 year');
  });

  it('coverage issues are codes with parameters; the Japanese messages stay as they were', () => {
    const young = { birthDate: '1992-01-01', termStart: '2026-12-27' };
    const issues = coverageIssues(rates, { ...input().coverage, ageCondition: '35', vehicleAmount: 225_000 }, young);
    assert.deepEqual(issues, [
      { field: 'vehicleAmount', code: 'amountRange', min: 500_000, max: 8_000_000, step: 100_000 },
      { field: 'ageCondition', code: 'tooYoung', age: 34, condition: '35' },
    ]);
    assert.deepEqual(validateCoverage(rates, { ...input().coverage, ageCondition: '35', vehicleAmount: 225_000 }, young).map((p) => p.message), [
      '車両保険金額は50万円から800万円までの間で、10万円単位で指定してください。',
      'ご契約者さまは保険始期日に34歳のため、運転者年齢条件「35歳以上」はお選びいただけません。',
    ]);
    assert.equal(issueMessage(issues[0]!, 'en'), 'Please enter a vehicle damage amount from ¥500,000 to ¥8,000,000, in steps of ¥100,000.');
    assert.equal(issueMessage(issues[1]!, 'en'), 'The policyholder will be 34 on the start date, so the driver age condition "35 and over (35歳以上)" cannot be chosen.');
    assert.equal(
      issueMessage({ field: 'vehicleDeductible', code: 'deductibleChoice', options: ['0-10', '15-15'] }, 'en'),
      'Please choose one of these deductibles: 1st claim ¥0, later claims ¥100,000; 1st claim ¥150,000, later claims ¥150,000.',
    );
  });
});
