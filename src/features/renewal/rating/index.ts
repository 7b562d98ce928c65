// 保険料の計算: the rating module's public API. Pure except loadRateTable (reads the rates file).
export type {
  AgeCondition, BreakdownItem, BreakdownLine, Coverage, CoverageIssue, CoverageProblem, DriverScope, GradeState, PaymentFrequency, Quote,
  RateTable, RatedLine, RatingInput, Rider, UsePurpose, VehicleClass, VehicleCoverage,
} from './types.js';
export { REFERENCE_GRADE_RATES, nextGradeState } from './grade.js';
export { quote } from './quote.js';
export { loadRateTable, parseRateTable } from './rate-table.js';
export { coverageIssues, validateCoverage, ageAt } from './validate.js';
export {
  LABELS, PLAN_OPTIONS, amountIn, breakdownLine, breakdownWords, deductibleIn, formatDeductible, formatManYen, issueMessage, limitIn, planOptions, ratingMessagesOf, valueWords, type PlanOptions,
} from './labels.js';
