import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { REFERENCE_GRADE_RATES, gradeRatePercent, nextGradeState } from './grade.js';
import { rates } from './test-fixtures.js';

describe('nextGradeState', () => {
  const cases: Array<[grade: number, years: number, claims: number, nextGrade: number, nextYears: number, why: string]> = [
    [14, 0, 0, 15, 0, 'claim-free: +1, period stays 0'],
    [19, 0, 0, 20, 0, 'claim-free into the top grade'],
    [20, 0, 0, 20, 0, 'claim-free at 20 stays 20'],
    [8, 3, 0, 9, 2, 'claim-free: the period loses a year'],
    [9, 1, 0, 10, 0, 'claim-free: the period ends, 無事故 again next term'],
    [11, 0, 1, 8, 3, 'one 3等級ダウン事故: −3 and 3 years'],
    [8, 3, 1, 5, 5, 'a second accident: 3 − 1 + 3 = 5 years'],
    [10, 5, 1, 7, 6, 'capped: 5 − 1 + 3 = 7 → 6 years'],
    [6, 0, 2, 1, 6, 'two accidents: 6 − 6 = 0 → grade 1; 0 + 6 = 6 years'],
    [2, 0, 1, 1, 3, 'never below grade 1'],
    [20, 0, 3, 11, 6, 'three accidents: −9; 9 years capped at 6'],
    [6, 6, 1, 3, 6, 'a full period: 6 − 1 + 3 = 8 → 6'],
  ];
  for (const [grade, years, claims, nextGrade, nextYears, why] of cases) {
    it(`${grade}等級/${years}年 with ${claims} claim(s) → ${nextGrade}等級/${nextYears}年 (${why})`, () => {
      assert.deepEqual(nextGradeState({ grade, accidentCoefficientYears: years }, claims), { grade: nextGrade, accidentCoefficientYears: nextYears });
    });
  }

  it('refuses states and claim counts that cannot exist', () => {
    assert.throws(() => nextGradeState({ grade: 0, accidentCoefficientYears: 0 }, 0), RangeError);
    assert.throws(() => nextGradeState({ grade: 21, accidentCoefficientYears: 0 }, 0), RangeError);
    assert.throws(() => nextGradeState({ grade: 7.5, accidentCoefficientYears: 0 }, 0), RangeError);
    assert.throws(() => nextGradeState({ grade: 7, accidentCoefficientYears: 7 }, 0), RangeError);
    assert.throws(() => nextGradeState({ grade: 7, accidentCoefficientYears: -1 }, 0), RangeError);
    assert.throws(() => nextGradeState({ grade: 7, accidentCoefficientYears: 0 }, -1), RangeError);
    assert.throws(() => nextGradeState({ grade: 7, accidentCoefficientYears: 0 }, Number.NaN), RangeError);
  });

  it('always lands on a real state, and claims never help', () => {
    const state = fc.record({ grade: fc.integer({ min: 1, max: 20 }), accidentCoefficientYears: fc.integer({ min: 0, max: 6 }) });
    fc.assert(fc.property(state, fc.integer({ min: 0, max: 10 }), (current, claims) => {
      const next = nextGradeState(current, claims);
      const clean = nextGradeState(current, 0);
      return next.grade >= 1 && next.grade <= 20 && next.accidentCoefficientYears >= 0 && next.accidentCoefficientYears <= 6
        && next.grade <= clean.grade && next.accidentCoefficientYears >= clean.accidentCoefficientYears
        && (claims === 0 || next.accidentCoefficientYears >= 3);
    }));
  });
});

describe('grade rates', () => {
  it('ships the reference table of 損害保険料率算出機構 (2013-10) in rates/default.json', () => {
    assert.deepEqual(rates.grades.noAccident, [...REFERENCE_GRADE_RATES.noAccident]);
    assert.deepEqual(rates.grades.withAccident, [...REFERENCE_GRADE_RATES.withAccident]);
  });

  it('reads the published figures: 20等級 −63%/−44%, 7等級 −30%/−20%, 1等級 +64%', () => {
    assert.equal(gradeRatePercent(rates, { grade: 20, accidentCoefficientYears: 0 }), -63);
    assert.equal(gradeRatePercent(rates, { grade: 20, accidentCoefficientYears: 1 }), -44);
    assert.equal(gradeRatePercent(rates, { grade: 7, accidentCoefficientYears: 0 }), -30);
    assert.equal(gradeRatePercent(rates, { grade: 7, accidentCoefficientYears: 3 }), -20);
    assert.equal(gradeRatePercent(rates, { grade: 1, accidentCoefficientYears: 6 }), 64);
  });

  it('uses one rate for grades 1–6 whatever the coefficient period', () => {
    for (let grade = 1; grade <= 6; grade += 1) {
      assert.equal(gradeRatePercent(rates, { grade, accidentCoefficientYears: 0 }), gradeRatePercent(rates, { grade, accidentCoefficientYears: 3 }));
    }
  });
});
