// Impossible combinations of coverage, refused with a reason in the customer's words.
import { LABELS, formatDeductible, formatManYen, planOptions } from './labels.js';
import type { AgeCondition, Coverage, CoverageProblem, RateTable } from './types.js';

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

function vehicleProblems(rates: RateTable, coverage: Coverage): CoverageProblem[] {
  const options = planOptions(rates);
  const { vehicleCoverage, vehicleAmount, vehicleDeductible } = coverage;
  if (!Object.hasOwn(LABELS.vehicleCoverage, vehicleCoverage)) {
    return [{ field: 'vehicleCoverage', message: '車両保険の種類をお選びください。' }];
  }
  if (vehicleCoverage === 'none') {
    const problems: CoverageProblem[] = [];
    if (vehicleAmount !== null) problems.push({ field: 'vehicleAmount', message: '車両保険をつけない場合、車両保険金額は指定できません。' });
    if (vehicleDeductible !== null) problems.push({ field: 'vehicleDeductible', message: '車両保険をつけない場合、免責金額は指定できません。' });
    return problems;
  }
  const problems: CoverageProblem[] = [];
  const { min, max, step } = options.vehicleAmountRange;
  const inRange = typeof vehicleAmount === 'number' && Number.isInteger(vehicleAmount) && vehicleAmount >= min && vehicleAmount <= max && (vehicleAmount - min) % step === 0;
  if (!inRange) {
    problems.push({ field: 'vehicleAmount', message: `車両保険金額は${formatManYen(min)}から${formatManYen(max)}までの間で、${formatManYen(step)}単位で指定してください。` });
  }
  if (vehicleDeductible === null || !has(options.vehicleDeductibles, vehicleDeductible)) {
    const list = options.vehicleDeductibles.map(formatDeductible).join('、');
    problems.push({ field: 'vehicleDeductible', message: `免責金額は次の中からお選びください：${list}。` });
  }
  return problems;
}

function choiceProblems(rates: RateTable, coverage: Coverage): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  const options = planOptions(rates);
  if (!Object.hasOwn(LABELS.ageCondition, coverage.ageCondition)) problems.push({ field: 'ageCondition', message: '運転者年齢条件をお選びください。' });
  if (!Object.hasOwn(LABELS.driverScope, coverage.driverScope)) problems.push({ field: 'driverScope', message: '運転者限定をお選びください。' });
  if (!Object.hasOwn(LABELS.usePurpose, coverage.usePurpose)) problems.push({ field: 'usePurpose', message: '使用目的をお選びください。' });
  if (coverage.bodilyInjury !== 'unlimited') problems.push({ field: 'bodilyInjury', message: '対人賠償はインターネットでは無制限のみお選びいただけます。' });
  if (!has(options.propertyDamage, coverage.propertyDamage)) problems.push({ field: 'propertyDamage', message: '対物賠償の保険金額をお選びください。' });
  if (!has(options.personalInjury, coverage.personalInjury)) problems.push({ field: 'personalInjury', message: '人身傷害の保険金額をお選びください。' });
  const riders: unknown = coverage.riders;
  const riderList = Array.isArray(riders) ? riders : [];
  if (!Array.isArray(riders) || riderList.some((r) => typeof r !== 'string' || !Object.hasOwn(LABELS.rider, r)) || new Set(riderList).size !== riderList.length) {
    problems.push({ field: 'riders', message: '特約の選択が正しくありません。もう一度お選びください。' });
  }
  return problems;
}

/**
 * Problems with a choice of coverage for the holder, in Japanese, one per field at most
 * (empty when the choice can be quoted). The age condition must fit the holder's age at the
 * term start: the holder is among the drivers the condition covers.
 */
export function validateCoverage(rates: RateTable, coverage: Coverage, holder: { birthDate: string; termStart: string }): CoverageProblem[] {
  const problems = [...choiceProblems(rates, coverage), ...vehicleProblems(rates, coverage)];
  if (Object.hasOwn(MIN_AGE, coverage.ageCondition)) {
    const age = ageAt(holder.birthDate, holder.termStart);
    const minimum = MIN_AGE[coverage.ageCondition];
    if (age < minimum) {
      problems.push({
        field: 'ageCondition',
        message: `ご契約者さまは保険始期日に${age}歳のため、運転者年齢条件「${LABELS.ageCondition[coverage.ageCondition]}」はお選びいただけません。`,
      });
    }
  }
  return problems;
}
