// Labels of the rating values (LABELS: the Japanese UI wording), the default plan options, and
// the words of breakdown lines and coverage issues in each language.
import { defineCatalogue, type Translation } from '../../../platform/ui/i18n/catalogue.js';
import { formatYen } from '../../../platform/ui/i18n/format.js';
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import { ageConditionLabel, deductibleLabel, driverScopeLabel, ridersLabel, usePurposeLabel, vehicleClassLabel, vehicleCoverageLabel } from '../../policies/labels.js';
import type { AgeCondition, BreakdownItem, BreakdownLine, CoverageIssue, DriverScope, RateTable, RatedLine, Rider, UsePurpose, VehicleClass, VehicleCoverage } from './types.js';

export const LABELS: {
  ageCondition: Record<AgeCondition, string>;
  driverScope: Record<DriverScope, string>;
  usePurpose: Record<UsePurpose, string>;
  vehicleCoverage: Record<VehicleCoverage, string>;
  rider: Record<Rider, string>;
  vehicleClass: Record<VehicleClass, string>;
} = {
  ageCondition: { all: '全年齢', 21: '21歳以上', 26: '26歳以上', 35: '35歳以上' },
  driverScope: { any: '限定なし', family: '家族限定', self_spouse: '本人・配偶者限定', self: '本人限定' },
  usePurpose: { leisure: '日常・レジャー', commute: '通勤・通学', business: '業務' },
  vehicleCoverage: { general: '一般型', limited: 'エコノミー型', none: 'なし' },
  rider: {
    lawyer: '弁護士費用特約',
    road_assistance: 'ロードアシスタンス特約',
    personal_liability: '個人賠償責任特約',
    family_bike: 'ファミリーバイク特約',
  },
  vehicleClass: { private_car: '自家用普通乗用車', small_private_car: '自家用小型乗用車', kei_car: '自家用軽四輪乗用車' },
};

export interface PlanOptions {
  propertyDamage: Array<'unlimited' | number>;
  personalInjury: Array<number | 'none'>;
  vehicleDeductibles: string[];
  vehicleAmountRange: { min: number; max: number; step: number };
}

/** The choices a rate table offers, in the table's order. Prefer this over PLAN_OPTIONS when a table is at hand. */
export function planOptions(rates: RateTable): PlanOptions {
  const { min, max, step } = rates.vehicle.amount;
  return {
    propertyDamage: rates.propertyDamage.map((p) => p.limit),
    personalInjury: rates.personalInjury.map((p) => p.amount),
    vehicleDeductibles: rates.vehicle.deductibles.map((d) => d.deductible),
    vehicleAmountRange: { min, max, step },
  };
}

/** The choices of the shipped rates/default.json (a test keeps them equal). */
export const PLAN_OPTIONS: PlanOptions = {
  propertyDamage: ['unlimited', 50_000_000, 30_000_000, 20_000_000, 10_000_000],
  personalInjury: [30_000_000, 50_000_000, 100_000_000, 200_000_000, 'none'],
  vehicleDeductibles: ['0-10', '5-10', '10-10', '15-15'],
  vehicleAmountRange: { min: 500_000, max: 8_000_000, step: 100_000 },
};

/** 3,000万円 / 220万円 / 1億円 / 1億5,000万円: yen as the insurers print amounts. */
export function formatManYen(yen: number): string {
  const oku = Math.floor(yen / 100_000_000);
  const man = (yen % 100_000_000) / 10_000;
  const manText = man ? `${man.toLocaleString('ja-JP')}万` : '';
  return `${oku ? `${oku}億` : ''}${manText}円`;
}

/** 免責金額 '5-10' (万円) → '1回目 5万円・2回目以降 10万円', as every screen writes it. */
export const formatDeductible = (deductible: string): string => deductibleLabel(deductible);

// ── Words per language. The engine gives codes and parameters (BreakdownItem, CoverageIssue);
// these functions word them. The Japanese words are the ones the screens always had.

/** 3,000万円 / ¥30,000,000 */
export const amountIn = (amount: number, locale: Locale): string => (locale === 'ja' ? formatManYen(amount) : formatYen('en', amount));

/** 無制限 / なし / 3,000万円 — Unlimited / None / ¥30,000,000 */
export const limitIn = (value: 'unlimited' | 'none' | number, locale: Locale): string =>
  value === 'unlimited' ? ratingMessages.of(locale).unlimited : value === 'none' ? ratingMessages.of(locale).none : amountIn(value, locale);

/** 免責金額 '5-10' in each language. */
export const deductibleIn = (deductible: string, locale: Locale): string => deductibleLabel(deductible, locale);

/** A rating value in words: LABELS in Japanese, the policies' English words (Japanese in brackets) in English. */
export const valueWords = {
  ageCondition: (v: AgeCondition, locale: Locale): string => (locale === 'ja' ? LABELS.ageCondition[v] : ageConditionLabel(v, locale)),
  driverScope: (v: DriverScope, locale: Locale): string => (locale === 'ja' ? LABELS.driverScope[v] : driverScopeLabel(v, locale)),
  usePurpose: (v: UsePurpose, locale: Locale): string => (locale === 'ja' ? LABELS.usePurpose[v] : usePurposeLabel(v, locale)),
  vehicleCoverage: (v: VehicleCoverage, locale: Locale): string => (locale === 'ja' ? LABELS.vehicleCoverage[v] : vehicleCoverageLabel(v, locale)),
  rider: (v: Rider, locale: Locale): string => (locale === 'ja' ? LABELS.rider[v] : ridersLabel(v, locale)),
  vehicleClass: (v: VehicleClass, locale: Locale): string => (locale === 'ja' ? LABELS.vehicleClass[v] : vehicleClassLabel(v, locale)),
};

export const ratingMessages = defineCatalogue(
  'renewal/rating',
  {
    unlimited: '無制限',
    none: 'なし',
    listSeparator: '、',
    base: (p: { vehicleClass: string }) => `基本保険料（${p.vehicleClass}）`,
    grade: (p: { grade: number; column: string }) => `ノンフリート等級 ${p.grade}等級（${p.column}）`,
    gradeNoAccident: '無事故',
    gradeWithAccident: (p: { years: number }) => `事故有・事故有係数適用期間${p.years}年`,
    gradeFlat: '割増引なし',
    gradeDiscount: (p: { percent: number }) => `${p.percent}%割引`,
    gradeSurcharge: (p: { percent: number }) => `${p.percent}%割増`,
    ageCondition: (p: { value: string }) => `運転者年齢条件（${p.value}）`,
    driverScope: (p: { value: string }) => `運転者限定（${p.value}）`,
    usePurpose: (p: { value: string }) => `使用目的（${p.value}）`,
    propertyDamage: (p: { value: string }) => `対物賠償（${p.value}）`,
    personalInjury: (p: { value: string }) => `人身傷害（${p.value}）`,
    vehicle: (p: { type: string; amount: string; deductible: string }) => `車両保険（${p.type}・${p.amount}、免責金額 ${p.deductible}）`,
    rounding: '端数処理',
    roundingNote: '10円未満切捨て',
    missingAgeCondition: '運転者年齢条件をお選びください。',
    missingDriverScope: '運転者限定をお選びください。',
    missingUsePurpose: '使用目的をお選びください。',
    missingPropertyDamage: '対物賠償の保険金額をお選びください。',
    missingPersonalInjury: '人身傷害の保険金額をお選びください。',
    missingVehicleCoverage: '車両保険の種類をお選びください。',
    amountWithoutVehicle: '車両保険をつけない場合、車両保険金額は指定できません。',
    deductibleWithoutVehicle: '車両保険をつけない場合、免責金額は指定できません。',
    amountRange: (p: { min: string; max: string; step: string }) => `車両保険金額は${p.min}から${p.max}までの間で、${p.step}単位で指定してください。`,
    deductibleChoice: (p: { list: string }) => `免責金額は次の中からお選びください：${p.list}。`,
    unlimitedOnly: '対人賠償はインターネットでは無制限のみお選びいただけます。',
    ridersInvalid: '特約の選択が正しくありません。もう一度お選びください。',
    tooYoung: (p: { age: number; condition: string }) => `ご契約者さまは保険始期日に${p.age}歳のため、運転者年齢条件「${p.condition}」はお選びいただけません。`,
  },
  {
    unlimited: 'Unlimited',
    none: 'None',
    listSeparator: '; ',
    base: (p: { vehicleClass: string }) => `Base premium: ${p.vehicleClass}`,
    grade: (p: { grade: number; column: string }) => `Non-fleet grade (ノンフリート等級) ${p.grade}, ${p.column}`,
    gradeNoAccident: 'no accidents (無事故)',
    gradeWithAccident: (p: { years: number }) => `with accidents (事故有), accident coefficient period ${p.years} ${p.years === 1 ? 'year' : 'years'}`,
    gradeFlat: 'no discount or surcharge',
    gradeDiscount: (p: { percent: number }) => `${p.percent}% discount`,
    gradeSurcharge: (p: { percent: number }) => `${p.percent}% surcharge`,
    ageCondition: (p: { value: string }) => `Driver age condition: ${p.value}`,
    driverScope: (p: { value: string }) => `Who may drive: ${p.value}`,
    usePurpose: (p: { value: string }) => `Use of the car: ${p.value}`,
    propertyDamage: (p: { value: string }) => `Property damage liability (対物賠償): ${p.value}`,
    personalInjury: (p: { value: string }) => `Personal injury (人身傷害): ${p.value}`,
    vehicle: (p: { type: string; amount: string; deductible: string }) => `Vehicle damage (車両保険): ${p.type}, ${p.amount}, deductible ${p.deductible}`,
    rounding: 'Rounding',
    roundingNote: 'rounded down to the nearest ¥10',
    missingAgeCondition: 'Please choose a driver age condition.',
    missingDriverScope: 'Please choose who may drive the car.',
    missingUsePurpose: 'Please choose the use of the car.',
    missingPropertyDamage: 'Please choose the amount for property damage liability.',
    missingPersonalInjury: 'Please choose the amount for personal injury.',
    missingVehicleCoverage: 'Please choose the type of vehicle damage cover.',
    amountWithoutVehicle: 'Without vehicle damage cover there is no amount to enter.',
    deductibleWithoutVehicle: 'Without vehicle damage cover there is no deductible to choose.',
    amountRange: (p: { min: string; max: string; step: string }) => `Please enter a vehicle damage amount from ${p.min} to ${p.max}, in steps of ${p.step}.`,
    deductibleChoice: (p: { list: string }) => `Please choose one of these deductibles: ${p.list}.`,
    unlimitedOnly: 'Online, bodily injury liability can only be unlimited.',
    ridersInvalid: 'The riders chosen are not valid. Please choose them again.',
    tooYoung: (p: { age: number; condition: string }) => `The policyholder will be ${p.age} on the start date, so the driver age condition "${p.condition}" cannot be chosen.`,
  },
);

/** A breakdown line's label and note in a language. */
export function breakdownWords(item: BreakdownItem, locale: Locale): { label: string; note?: string } {
  const m = ratingMessages.of(locale);
  switch (item.code) {
    case 'base':
      return { label: m.base({ vehicleClass: valueWords.vehicleClass(item.vehicleClass, locale) }) };
    case 'grade': {
      const column = item.accidentYears === null ? m.gradeNoAccident : m.gradeWithAccident({ years: item.accidentYears });
      const note = item.percent === 0 ? m.gradeFlat : item.percent < 0 ? m.gradeDiscount({ percent: -item.percent }) : m.gradeSurcharge({ percent: item.percent });
      return { label: m.grade({ grade: item.grade, column }), note };
    }
    case 'ageCondition':
      return { label: m.ageCondition({ value: valueWords.ageCondition(item.value, locale) }) };
    case 'driverScope':
      return { label: m.driverScope({ value: valueWords.driverScope(item.value, locale) }) };
    case 'usePurpose':
      return { label: m.usePurpose({ value: valueWords.usePurpose(item.value, locale) }) };
    case 'propertyDamage':
      return { label: m.propertyDamage({ value: limitIn(item.limit, locale) }) };
    case 'personalInjury':
      return { label: m.personalInjury({ value: limitIn(item.amount, locale) }) };
    case 'vehicle':
      return {
        label: m.vehicle({ type: valueWords.vehicleCoverage(item.vehicleCoverage, locale), amount: amountIn(item.amount, locale), deductible: deductibleIn(item.deductible, locale) }),
        note: item.formula,
      };
    case 'rider':
      return { label: valueWords.rider(item.rider, locale) };
    case 'rounding':
      return { label: m.rounding, note: m.roundingNote };
  }
}

/** A rated line as the stored breakdown has it (label, kind, value, note when there is one). */
export function breakdownLine(line: RatedLine, locale: Locale): BreakdownLine {
  const { label, note } = breakdownWords(line.item, locale);
  return note === undefined ? { label, kind: line.kind, value: line.value } : { label, kind: line.kind, value: line.value, note };
}

const MISSING: Record<Extract<CoverageIssue, { code: 'missing' }>['field'], keyof Translation<typeof ratingMessages.messages.ja>> = {
  ageCondition: 'missingAgeCondition',
  driverScope: 'missingDriverScope',
  usePurpose: 'missingUsePurpose',
  propertyDamage: 'missingPropertyDamage',
  personalInjury: 'missingPersonalInjury',
  vehicleCoverage: 'missingVehicleCoverage',
};

/** A coverage issue in the customer's words. */
export function issueMessage(issue: CoverageIssue, locale: Locale): string {
  const m = ratingMessages.of(locale);
  switch (issue.code) {
    case 'missing':
      return m[MISSING[issue.field]] as string;
    case 'withoutVehicle':
      return issue.field === 'vehicleAmount' ? m.amountWithoutVehicle : m.deductibleWithoutVehicle;
    case 'amountRange':
      return m.amountRange({ min: amountIn(issue.min, locale), max: amountIn(issue.max, locale), step: amountIn(issue.step, locale) });
    case 'deductibleChoice':
      return m.deductibleChoice({ list: issue.options.map((d) => deductibleIn(d, locale)).join(m.listSeparator) });
    case 'unlimitedOnly':
      return m.unlimitedOnly;
    case 'invalid':
      return m.ridersInvalid;
    case 'tooYoung':
      return m.tooYoung({ age: issue.age, condition: valueWords.ageCondition(issue.condition, locale) });
  }
}

/** The rating's messages in a language (the form's own messages reuse them). */
export const ratingMessagesOf = (locale: Locale) => ratingMessages.of(locale);
