// 保険料の計算. Order (docs/rating.md): base premium by vehicle class → grade rate → age →
// driver scope → use → property damage → personal injury → vehicle coverage → riders (yen) →
// rounding. Every step is exact (BigInt numerator over powers of 10000); the only rounding is
// the last one: the annual premium is cut down to 10 yen (and the instalment likewise).
import { UNIT, UNIT_BIG, toUnits } from './fixed-point.js';
import { gradeRatePercent, usesAccidentRate } from './grade.js';
import { LABELS, formatDeductible, formatManYen } from './labels.js';
import type { BreakdownLine, Coverage, Quote, RateTable, RatingInput } from './types.js';

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

function factorLine(label: string, units: number, note?: string): BreakdownLine {
  return note === undefined ? { label, kind: 'factor', value: units / UNIT } : { label, kind: 'factor', value: units / UNIT, note };
}

function gradeNote(percent: number): string {
  if (percent === 0) return '割増引なし';
  return percent < 0 ? `${-percent}%割引` : `${percent}%割増`;
}

function limitText(value: 'unlimited' | 'none' | number): string {
  if (value === 'unlimited') return '無制限';
  if (value === 'none') return 'なし';
  return formatManYen(value);
}

/** The premium of one choice of coverage, with its breakdown. Throws RangeError for values the table does not have. */
export function quote(rates: RateTable, input: RatingInput): Quote {
  const { coverage, next } = input;
  if (coverage.bodilyInjury !== 'unlimited') throw new RangeError('bodilyInjury must be unlimited');
  const base = lookup(rates.basePremium, input.vehicleClass, 'vehicleClass');
  const breakdown: BreakdownLine[] = [
    { label: `基本保険料（${LABELS.vehicleClass[input.vehicleClass]}）`, kind: 'base', value: base },
  ];
  let amount: Exact = { num: BigInt(base), den: 1n };
  const apply = (label: string, factor: number, note?: string) => {
    const units = toUnits(factor);
    amount = times(amount, BigInt(units), UNIT_BIG);
    breakdown.push(factorLine(label, units, note));
  };

  const percent = gradeRatePercent(rates, next);
  const gradeUnits = UNIT + percent * 100;
  amount = times(amount, BigInt(gradeUnits), UNIT_BIG);
  const column = usesAccidentRate(next) ? `事故有・事故有係数適用期間${next.accidentCoefficientYears}年` : '無事故';
  breakdown.push(factorLine(`ノンフリート等級 ${next.grade}等級（${column}）`, gradeUnits, gradeNote(percent)));

  apply(`運転者年齢条件（${LABELS.ageCondition[coverage.ageCondition]}）`, lookup(rates.ageCondition, coverage.ageCondition, 'ageCondition'));
  apply(`運転者限定（${LABELS.driverScope[coverage.driverScope]}）`, lookup(rates.driverScope, coverage.driverScope, 'driverScope'));
  apply(`使用目的（${LABELS.usePurpose[coverage.usePurpose]}）`, lookup(rates.usePurpose, coverage.usePurpose, 'usePurpose'));
  apply(`対物賠償（${limitText(coverage.propertyDamage)}）`, propertyDamageFactor(rates, coverage.propertyDamage));
  apply(`人身傷害（${limitText(coverage.personalInjury)}）`, personalInjuryFactor(rates, coverage.personalInjury));

  const vehicle = vehicleParts(rates, coverage);
  if (vehicle) {
    // 1 + loading × amount × deductible, exact in 1/10000³ units.
    const cube = UNIT_BIG * UNIT_BIG * UNIT_BIG;
    const units = cube + BigInt(vehicle.loading) * BigInt(vehicle.amount) * BigInt(vehicle.deductible);
    amount = times(amount, units, cube);
    const label = `車両保険（${LABELS.vehicleCoverage[coverage.vehicleCoverage]}・${formatManYen(coverage.vehicleAmount as number)}、免責金額 ${formatDeductible(coverage.vehicleDeductible as string)}）`;
    const note = `1 + ${(vehicle.loading / UNIT).toFixed(4)} × ${(vehicle.amount / UNIT).toFixed(4)} × ${(vehicle.deductible / UNIT).toFixed(4)}`;
    breakdown.push({ label, kind: 'factor', value: Number(units) / Number(cube), note });
  }

  for (const rider of new Set(coverage.riders)) {
    const yen = lookup(rates.riders, rider, 'rider');
    amount = { num: amount.num + BigInt(yen) * amount.den, den: amount.den };
    breakdown.push({ label: LABELS.rider[rider], kind: 'addition', value: yen });
  }

  const wholeYen = amount.num / amount.den;
  const annual = wholeYen - (wholeYen % ROUND_TO);
  breakdown.push({ label: '端数処理', kind: 'rounding', value: Number(annual - wholeYen), note: '10円未満切捨て' });

  const annualPremium = Number(annual);
  if (input.paymentFrequency === 'annual') return { annualPremium, monthlyPremium: null, totalPayable: annualPremium, breakdown };
  const surcharge = UNIT_BIG + BigInt(toUnits(rates.monthlySurcharge));
  const instalment = (annual * surcharge) / (UNIT_BIG * MONTHS * ROUND_TO) * ROUND_TO;
  return { annualPremium, monthlyPremium: Number(instalment), totalPayable: Number(instalment * MONTHS), breakdown };
}
