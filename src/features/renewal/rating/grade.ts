// ノンフリート等級 and 事故有係数適用期間 of the next term, and the grade rate that applies.
import type { GradeState, RateTable } from './types.js';

export const MIN_GRADE = 1;
export const MAX_GRADE = 20;
/** 事故有係数適用期間 is capped at 6 years. */
export const MAX_COEFFICIENT_YEARS = 6;

/**
 * Reference ノンフリート等級別料率 (割増引率, %) of 損害保険料率算出機構 (GIROJ): the 参考純率
 * revision notified in September 2011 (適合 2011-10-21) that split each grade into 無事故係数
 * and 事故有係数, in force for policies starting from October 2013 (the 2012-10 start was a
 * one-year transition). Index 0 is grade 1. Grades 1–6 have one rate whatever the accident
 * record. Cross-checked against insweb.co.jp「20等級の割引率は?」(the same 40 figures) and the
 * rule texts of ifinance.ne.jp and sbisonpo.co.jp (see docs/rating.md, "Sources").
 * rates/default.json carries the same figures; a test keeps the two equal.
 */
export const REFERENCE_GRADE_RATES = {
  source: '損害保険料率算出機構 ノンフリート等級別料率（参考純率、2013年10月以降始期の契約に適用）',
  noAccident: [64, 28, 12, -2, -13, -19, -30, -40, -43, -45, -47, -48, -49, -50, -51, -52, -53, -54, -55, -63],
  withAccident: [64, 28, 12, -2, -13, -19, -20, -21, -22, -23, -25, -27, -29, -31, -33, -36, -38, -40, -42, -44],
} as const;

/** Throws a RangeError unless the state is a real grade (1–20) and coefficient period (0–6). */
export function assertGradeState(state: GradeState): void {
  const { grade, accidentCoefficientYears: years } = state;
  if (!Number.isInteger(grade) || grade < MIN_GRADE || grade > MAX_GRADE) {
    throw new RangeError(`grade must be an integer from 1 to 20, got ${String(grade)}`);
  }
  if (!Number.isInteger(years) || years < 0 || years > MAX_COEFFICIENT_YEARS) {
    throw new RangeError(`accidentCoefficientYears must be an integer from 0 to 6, got ${String(years)}`);
  }
}

/**
 * The grade state of the next term. Claim-free: grade +1 (max 20), coefficient period −1 (min 0).
 * With 3等級ダウン事故: grade −3 per accident (min 1); the period loses the year that passed
 * and gains 3 years per accident, capped at 6 (the published rule since the 2013 revision).
 */
export function nextGradeState(current: GradeState, claimsThisTerm: number): GradeState {
  assertGradeState(current);
  if (!Number.isInteger(claimsThisTerm) || claimsThisTerm < 0) {
    throw new RangeError(`claimsThisTerm must be a non-negative integer, got ${String(claimsThisTerm)}`);
  }
  const elapsed = Math.max(0, current.accidentCoefficientYears - 1);
  if (claimsThisTerm === 0) {
    return { grade: Math.min(MAX_GRADE, current.grade + 1), accidentCoefficientYears: elapsed };
  }
  return {
    grade: Math.max(MIN_GRADE, current.grade - 3 * claimsThisTerm),
    accidentCoefficientYears: Math.min(MAX_COEFFICIENT_YEARS, elapsed + 3 * claimsThisTerm),
  };
}

/** Whether the 事故有 column applies: while the coefficient period is above 0 (grades 1–6 are equal anyway). */
export function usesAccidentRate(state: GradeState): boolean {
  return state.accidentCoefficientYears > 0;
}

/** The grade's 割増引率 in percent (−63 is a 63% discount) from the rate table. */
export function gradeRatePercent(rates: RateTable, state: GradeState): number {
  assertGradeState(state);
  const column = usesAccidentRate(state) ? rates.grades.withAccident : rates.grades.noAccident;
  return column[state.grade - 1] as number;
}
