// 保険料の計算. Order (docs/rating.md): base premium by vehicle class → grade rate → age →
// driver scope → use → property damage → personal injury → vehicle coverage → riders (yen) →
// rounding. Every step is exact (BigInt numerator over powers of 10000); the only rounding is
// the last one: the annual premium is cut down to 10 yen (and the instalment likewise).
import { UNIT, UNIT_BIG, toUnits } from './fixed-point.js';
import { gradeRatePercent, usesAccidentRate } from './grade.js';
import { breakdownLine } from './labels.js';
import type { BreakdownItem, Coverage, Quote, RateTable, RatedLine, RatingInput } from './types.js';

const MONTHS = 12n;
const ROUND_TO = 10n;

/** An exact amount of yen: numerator / denominator. */
interface Exact { num: bigint; den: bigint }

function times(amount: Exact, units: bigint, unitDen: bigint): Exact {
  return { num: amount.num * units, den: amount.den * unitDen };
}

function lookup<K extends string>(table: Record<K, number>, key: K, what: string): number {
  if (!Object.hasOwn(table, key)) throw new RangeError(`${what} ${String(key)} is not in the rate table`);
  return table[key];
}

function propertyDamageFactor(rates: RateTable, limit: Coverage['propertyDamage']): number {
  const row = rates.propertyDamage.find((p) => p.limit === limit);
  if (!row) throw new RangeError(`propertyDamage ${String(limit)} is not in the rate table`);
  return row.factor;
}

function personalInjuryFactor(rates: RateTable, amount: Coverage['personalInjury']): number {
  const row = rates.personalInjury.find((p) => p.amount === amount);
  if (!row) throw new RangeError(`personalInjury ${String(amount)} is not in the rate table`);
  return row.factor;
}

/** 車両保険's three parts in 1/10000 units: loading by type, amount relativity, deductible relativity. */
export function vehicleParts(rates: RateTable, coverage: Coverage): { loading: number; amount: number; deductible: number } | null {
  if (coverage.vehicleCoverage === 'none') return null;
  const { vehicle } = rates;
  const loading = toUnits(lookup(vehicle.loading, coverage.vehicleCoverage, 'vehicleCoverage'));
  const value = coverage.vehicleAmount;
  const { min, max, step } = vehicle.amount;
  if (value === null || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`vehicleAmount ${String(value)} is outside ${min}–${max}`);
  }
  const steps = Math.floor((value - min) / step);
  const amount = toUnits(vehicle.amount.factorAtMin) + steps * toUnits(vehicle.amount.factorPerStep);
  const row = vehicle.deductibles.find((d) => d.deductible === coverage.vehicleDeductible);
  if (!row) throw new RangeError(`vehicleDeductible ${String(coverage.vehicleDeductible)} is not in the rate table`);
  return { loading, amount, deductible: toUnits(row.factor) };
}

/** The premium of one choice of coverage, with its breakdown. Throws RangeError for values the table does not have. */
export function quote(rates: RateTable, input: RatingInput): Quote {
  const { coverage, next } = input;
  if (coverage.bodilyInjury !== 'unlimited') throw new RangeError('bodilyInjury must be unlimited');
  const base = lookup(rates.basePremium, input.vehicleClass, 'vehicleClass');
  const lines: RatedLine[] = [{ item: { code: 'base', vehicleClass: input.vehicleClass }, kind: 'base', value: base }];
  let amount: Exact = { num: BigInt(base), den: 1n };
  const apply = (item: BreakdownItem, factor: number) => {
    const units = toUnits(factor);
    amount = times(amount, BigInt(units), UNIT_BIG);
    lines.push({ item, kind: 'factor', value: units / UNIT });
  };

  const percent = gradeRatePercent(rates, next);
  const gradeUnits = UNIT + percent * 100;
  amount = times(amount, BigInt(gradeUnits), UNIT_BIG);
  const accidentYears = usesAccidentRate(next) ? next.accidentCoefficientYears : null;
  lines.push({ item: { code: 'grade', grade: next.grade, accidentYears, percent }, kind: 'factor', value: gradeUnits / UNIT });

  apply({ code: 'ageCondition', value: coverage.ageCondition }, lookup(rates.ageCondition, coverage.ageCondition, 'ageCondition'));
  apply({ code: 'driverScope', value: coverage.driverScope }, lookup(rates.driverScope, coverage.driverScope, 'driverScope'));
  apply({ code: 'usePurpose', value: coverage.usePurpose }, lookup(rates.usePurpose, coverage.usePurpose, 'usePurpose'));
  apply({ code: 'propertyDamage', limit: coverage.propertyDamage }, propertyDamageFactor(rates, coverage.propertyDamage));
  apply({ code: 'personalInjury', amount: coverage.personalInjury }, personalInjuryFactor(rates, coverage.personalInjury));

  const vehicle = vehicleParts(rates, coverage);
  if (vehicle && coverage.vehicleCoverage !== 'none') {
    // 1 + loading × amount × deductible, exact in 1/10000³ units.
    const cube = UNIT_BIG * UNIT_BIG * UNIT_BIG;
    const units = cube + BigInt(vehicle.loading) * BigInt(vehicle.amount) * BigInt(vehicle.deductible);
    amount = times(amount, units, cube);
    const formula = `1 + ${(vehicle.loading / UNIT).toFixed(4)} × ${(vehicle.amount / UNIT).toFixed(4)} × ${(vehicle.deductible / UNIT).toFixed(4)}`;
    const item: BreakdownItem = { code: 'vehicle', vehicleCoverage: coverage.vehicleCoverage, amount: coverage.vehicleAmount as number, deductible: coverage.vehicleDeductible as string, formula };
    lines.push({ item, kind: 'factor', value: Number(units) / Number(cube) });
  }

  for (const rider of new Set(coverage.riders)) {
    const yen = lookup(rates.riders, rider, 'rider');
    amount = { num: amount.num + BigInt(yen) * amount.den, den: amount.den };
    lines.push({ item: { code: 'rider', rider }, kind: 'addition', value: yen });
  }

  const wholeYen = amount.num / amount.den;
  const annual = wholeYen - (wholeYen % ROUND_TO);
  lines.push({ item: { code: 'rounding' }, kind: 'rounding', value: Number(annual - wholeYen) });
  // The stored breakdown (application, console, API) keeps the Japanese words; `lines` are for views in any language.
  const breakdown = lines.map((line) => breakdownLine(line, 'ja'));

  const annualPremium = Number(annual);
  if (input.paymentFrequency === 'annual') return { annualPremium, monthlyPremium: null, totalPayable: annualPremium, breakdown, lines };
  const surcharge = UNIT_BIG + BigInt(toUnits(rates.monthlySurcharge));
  const instalment = (annual * surcharge) / (UNIT_BIG * MONTHS * ROUND_TO) * ROUND_TO;
  return { annualPremium, monthlyPremium: Number(instalment), totalPayable: Number(instalment * MONTHS), breakdown, lines };
}
