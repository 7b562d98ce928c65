// The coverage of a policy as rating reads it, the three offered plans, and their words in each language.
import type { PolicyTable } from '../../platform/db/schema.js';
import { ONLINE_RENEWAL_PRODUCTS } from '../policies/products.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { planMessages } from './messages.js';
import { LABELS } from './rating/index.js';
import { amountIn, deductibleIn, limitIn, planOptions, valueWords } from './rating/labels.js';
import type { AgeCondition, Coverage, DriverScope, RateTable, Rider, UsePurpose, VehicleClass, VehicleCoverage } from './rating/index.js';

type AutoColumns = Pick<
  PolicyTable,
  | 'vehicle_class'
  | 'age_condition'
  | 'driver_scope'
  | 'use_purpose'
  | 'bodily_injury'
  | 'property_damage'
  | 'personal_injury'
  | 'vehicle_coverage'
  | 'vehicle_amount'
  | 'vehicle_deductible'
  | 'riders'
  | 'grade'
  | 'accident_coefficient_years'
  | 'claims_this_term'
>;

const RIDER_ORDER = Object.keys(LABELS.rider) as Rider[];

const isKey = <K extends string>(labels: Record<K, string>, value: string | null): value is K => value !== null && Object.hasOwn(labels, value);

function yenOrWord<W extends string>(text: string | null, word: W): number | W | null {
  if (text === null) return null;
  if (text === word) return word;
  return /^\d{1,12}$/.test(text) ? Number(text) : null;
}

/** Riders in one order, each once. */
export const sortRiders = (riders: Iterable<Rider>): Rider[] => {
  const set = new Set(riders);
  return RIDER_ORDER.filter((r) => set.has(r));
};

/** The policy's current coverage, or null when its auto columns are missing or not understood. */
export function currentCoverage(policy: AutoColumns): Coverage | null {
  const { age_condition: age, driver_scope: scope, use_purpose: use, vehicle_coverage: vehicle } = policy;
  if (!isKey(LABELS.ageCondition, age) || !isKey(LABELS.driverScope, scope) || !isKey(LABELS.usePurpose, use) || !isKey(LABELS.vehicleCoverage, vehicle)) return null;
  if (policy.bodily_injury !== 'unlimited') return null;
  const propertyDamage = yenOrWord(policy.property_damage, 'unlimited');
  const personalInjury = yenOrWord(policy.personal_injury, 'none');
  if (propertyDamage === null || personalInjury === null) return null;
  const riders = (policy.riders ?? '').split(';').map((r) => r.trim()).filter(Boolean);
  if (!riders.every((r) => isKey(LABELS.rider, r))) return null;
  const withVehicle = vehicle !== 'none';
  if (withVehicle && (policy.vehicle_amount === null || policy.vehicle_deductible === null)) return null;
  return {
    ageCondition: age as AgeCondition,
    driverScope: scope as DriverScope,
    usePurpose: use as UsePurpose,
    bodilyInjury: 'unlimited',
    propertyDamage,
    personalInjury,
    vehicleCoverage: vehicle as VehicleCoverage,
    vehicleAmount: withVehicle ? policy.vehicle_amount : null,
    vehicleDeductible: withVehicle ? policy.vehicle_deductible : null,
    riders: sortRiders(riders as Rider[]),
  };
}

export interface RatingFacts {
  vehicleClass: VehicleClass;
  grade: number;
  accidentCoefficientYears: number;
  claimsThisTerm: number;
}

/** What rating needs of the policy besides the coverage, or null when it is missing. */
export function ratingFacts(policy: AutoColumns): RatingFacts | null {
  const { vehicle_class: vehicleClass, grade, accident_coefficient_years: years } = policy;
  if (!isKey(LABELS.vehicleClass, vehicleClass) || grade === null || years === null) return null;
  return { vehicleClass: vehicleClass as VehicleClass, grade, accidentCoefficientYears: years, claimsThisTerm: policy.claims_this_term ?? 0 };
}

/**
 * Whether this policy can be renewed online at all (before the window is looked at): an
 * online-renewal product whose current coverage and rating facts the renewal can read. The
 * 満期案内 reminders are given this rule by the job list, so they never point to a renewal
 * that would answer 受付対象外.
 */
export function renewableOnline(policy: AutoColumns & { product: string }): boolean {
  return ONLINE_RENEWAL_PRODUCTS.has(policy.product) && currentCoverage(policy) !== null && ratingFacts(policy) !== null;
}

/** The deductibles from the highest first deductible (then second) down. */
function highestDeductible(options: string[]): string | null {
  const parts = (d: string) => d.split('-').map(Number) as [number, number];
  const sorted = [...options].sort((a, b) => parts(b)[0] - parts(a)[0] || parts(b)[1] - parts(a)[1]);
  return sorted[0] ?? null;
}

const RECOMMENDED_PERSONAL_INJURY = 50_000_000;

/** おすすめ: the same, with 弁護士費用特約 and ロードアシスタンス特約, 対物 無制限 and 人身傷害 at least 5,000万円. */
export function recommendedCoverage(rates: RateTable, current: Coverage): Coverage {
  const options = planOptions(rates);
  const amounts = options.personalInjury.filter((a): a is number => typeof a === 'number').sort((a, b) => a - b);
  const enough = typeof current.personalInjury === 'number' && current.personalInjury >= RECOMMENDED_PERSONAL_INJURY;
  const personalInjury = enough ? current.personalInjury : (amounts.find((a) => a >= RECOMMENDED_PERSONAL_INJURY) ?? current.personalInjury);
  const propertyDamage = options.propertyDamage.includes('unlimited') ? 'unlimited' : current.propertyDamage;
  return { ...current, propertyDamage, personalInjury, riders: sortRiders([...current.riders, 'lawyer', 'road_assistance']) };
}

/** 保険料を抑えた: 一般型 becomes エコノミー型 with the highest 免責金額; エコノミー型 becomes なし; without 車両保険, only 弁護士費用特約 stays. */
export function economyCoverage(rates: RateTable, current: Coverage): Coverage {
  if (current.vehicleCoverage === 'general') {
    return { ...current, vehicleCoverage: 'limited', vehicleDeductible: highestDeductible(planOptions(rates).vehicleDeductibles) ?? current.vehicleDeductible };
  }
  if (current.vehicleCoverage === 'limited') return { ...current, vehicleCoverage: 'none', vehicleAmount: null, vehicleDeductible: null };
  return { ...current, riders: current.riders.filter((r) => r === 'lawyer') };
}

export const sameCoverage = (a: Coverage, b: Coverage): boolean => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

function normalise(c: Coverage): Coverage {
  return {
    ageCondition: c.ageCondition,
    driverScope: c.driverScope,
    usePurpose: c.usePurpose,
    bodilyInjury: c.bodilyInjury,
    propertyDamage: c.propertyDamage,
    personalInjury: c.personalInjury,
    vehicleCoverage: c.vehicleCoverage,
    vehicleAmount: c.vehicleAmount,
    vehicleDeductible: c.vehicleDeductible,
    riders: sortRiders(c.riders),
  };
}

// Words, in Japanese unless told. 無制限 / 3,000万円 / なし — Unlimited / ¥30,000,000 / None.
export const limitText = (value: 'unlimited' | 'none' | number, locale: Locale = 'ja'): string => limitIn(value, locale);

export function vehicleText(c: Coverage, locale: Locale = 'ja'): string {
  if (c.vehicleCoverage === 'none' || c.vehicleAmount === null) return limitIn('none', locale);
  const deductible = c.vehicleDeductible ? planMessages.of(locale).vehicleDeductible({ deductible: deductibleIn(c.vehicleDeductible, locale) }) : '';
  return `${valueWords.vehicleCoverage(c.vehicleCoverage, locale)} ${amountIn(c.vehicleAmount, locale)}${deductible}`;
}

export const ridersText = (riders: Rider[], locale: Locale = 'ja'): string =>
  riders.length ? sortRiders(riders).map((r) => valueWords.rider(r, locale)).join(locale === 'ja' ? '、' : ', ') : limitIn('none', locale);

/** The coverage as label/value rows, in the order the screens and the PDF show it. */
export function coverageRows(c: Coverage, locale: Locale = 'ja'): Array<[string, string]> {
  const m = planMessages.of(locale);
  return [
    [m.rowAge, valueWords.ageCondition(c.ageCondition, locale)],
    [m.rowScope, valueWords.driverScope(c.driverScope, locale)],
    [m.rowUse, valueWords.usePurpose(c.usePurpose, locale)],
    [m.rowBodily, limitText(c.bodilyInjury, locale)],
    [m.rowProperty, limitText(c.propertyDamage, locale)],
    [m.rowPersonal, limitText(c.personalInjury, locale)],
    [m.rowVehicle, vehicleText(c, locale)],
    [m.rowRiders, ridersText(c.riders, locale)],
  ];
}

/** 免責金額 '5-10' in words for the form: 1回目 5万円・2回目以降 10万円 (the same words as everywhere). */
export const deductibleWords = (deductible: string, locale: Locale = 'ja'): string => deductibleIn(deductible, locale);
