// Impossible combinations of coverage, refused with a reason: a code and its parameters
// (coverageIssues), worded in the customer's language by labels.ts (issueMessage).
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import { LABELS, issueMessage, planOptions } from './labels.js';
import type { AgeCondition, Coverage, CoverageIssue, CoverageProblem, RateTable } from './types.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_AGE: Record<AgeCondition, number> = { all: 0, 21: 21, 26: 26, 35: 35 };

function dateParts(text: string, what: string): [number, number, number] {
  const match = DATE.exec(text);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!match || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new RangeError(`${what} must be a YYYY-MM-DD date, got ${JSON.stringify(text)}`);
  }
  return [y, m, d];
}

/**
 * Completed years of age on a date (満年齢). One turns a year older on the birthday; someone born
 * on 29 February does so on 1 March in other years, as the 年齢計算ニ関スル法律 counts it.
 */
export function ageAt(birthDate: string, on: string): number {
  const [by, bm, bd] = dateParts(birthDate, 'birthDate');
  const [y, m, d] = dateParts(on, 'date');
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

const has = (list: ReadonlyArray<unknown>, value: unknown) => list.includes(value);

function vehicleProblems(rates: RateTable, coverage: Coverage): CoverageIssue[] {
  const options = planOptions(rates);
  const { vehicleCoverage, vehicleAmount, vehicleDeductible } = coverage;
  if (!Object.hasOwn(LABELS.vehicleCoverage, vehicleCoverage)) {
    return [{ field: 'vehicleCoverage', code: 'missing' }];
  }
  if (vehicleCoverage === 'none') {
    const problems: CoverageIssue[] = [];
    if (vehicleAmount !== null) problems.push({ field: 'vehicleAmount', code: 'withoutVehicle' });
    if (vehicleDeductible !== null) problems.push({ field: 'vehicleDeductible', code: 'withoutVehicle' });
    return problems;
  }
  const problems: CoverageIssue[] = [];
  const { min, max, step } = options.vehicleAmountRange;
  const inRange = typeof vehicleAmount === 'number' && Number.isInteger(vehicleAmount) && vehicleAmount >= min && vehicleAmount <= max && (vehicleAmount - min) % step === 0;
  if (!inRange) {
    problems.push({ field: 'vehicleAmount', code: 'amountRange', min, max, step });
  }
  if (vehicleDeductible === null || !has(options.vehicleDeductibles, vehicleDeductible)) {
    problems.push({ field: 'vehicleDeductible', code: 'deductibleChoice', options: [...options.vehicleDeductibles] });
  }
  return problems;
}

function choiceProblems(rates: RateTable, coverage: Coverage): CoverageIssue[] {
  const problems: CoverageIssue[] = [];
  const options = planOptions(rates);
  if (!Object.hasOwn(LABELS.ageCondition, coverage.ageCondition)) problems.push({ field: 'ageCondition', code: 'missing' });
  if (!Object.hasOwn(LABELS.driverScope, coverage.driverScope)) problems.push({ field: 'driverScope', code: 'missing' });
  if (!Object.hasOwn(LABELS.usePurpose, coverage.usePurpose)) problems.push({ field: 'usePurpose', code: 'missing' });
  if (coverage.bodilyInjury !== 'unlimited') problems.push({ field: 'bodilyInjury', code: 'unlimitedOnly' });
  if (!has(options.propertyDamage, coverage.propertyDamage)) problems.push({ field: 'propertyDamage', code: 'missing' });
  if (!has(options.personalInjury, coverage.personalInjury)) problems.push({ field: 'personalInjury', code: 'missing' });
  const riders: unknown = coverage.riders;
  const riderList = Array.isArray(riders) ? riders : [];
  if (!Array.isArray(riders) || riderList.some((r) => typeof r !== 'string' || !Object.hasOwn(LABELS.rider, r)) || new Set(riderList).size !== riderList.length) {
    problems.push({ field: 'riders', code: 'invalid' });
  }
  return problems;
}

/**
 * Problems with a choice of coverage for the holder, as codes, one per field at most (empty when
 * the choice can be quoted). The age condition must fit the holder's age at the term start: the
 * holder is among the drivers the condition covers.
 */
export function coverageIssues(rates: RateTable, coverage: Coverage, holder: { birthDate: string; termStart: string }): CoverageIssue[] {
  const problems = [...choiceProblems(rates, coverage), ...vehicleProblems(rates, coverage)];
  if (Object.hasOwn(MIN_AGE, coverage.ageCondition)) {
    const age = ageAt(holder.birthDate, holder.termStart);
    const minimum = MIN_AGE[coverage.ageCondition];
    if (age < minimum) problems.push({ field: 'ageCondition', code: 'tooYoung', age, condition: coverage.ageCondition });
  }
  return problems;
}

/** The same problems worded in a language (Japanese unless told). */
export function validateCoverage(rates: RateTable, coverage: Coverage, holder: { birthDate: string; termStart: string }, locale: Locale = 'ja'): CoverageProblem[] {
  return coverageIssues(rates, coverage, holder).map((issue) => ({ field: issue.field, message: issueMessage(issue, locale) }));
}
