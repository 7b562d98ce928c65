// 保険料の計算: the rating module's public API. Pure except loadRateTable (reads the rates file).
export type {
  AgeCondition, BreakdownLine, Coverage, CoverageProblem, DriverScope, GradeState, PaymentFrequency, Quote,
  RateTable, RatingInput, Rider, UsePurpose, VehicleClass, VehicleCoverage,
} from './types.js';
export { REFERENCE_GRADE_RATES, nextGradeState } from './grade.js';
export { quote } from './quote.js';
export { loadRateTable, parseRateTable } from './rate-table.js';
export { validateCoverage, ageAt } from './validate.js';
export { LABELS, PLAN_OPTIONS, formatDeductible, formatManYen, planOptions, type PlanOptions } from './labels.js';
