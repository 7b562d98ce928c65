// The renewal's forms: what each step accepts, with a message per field in the page's language.
// Whatever a client sends (missing fields, arrays, overlong or odd text) becomes a message, never a 500.
import { z } from 'zod';
import type { FieldErrors } from '../../platform/ui/form.js';
import { field, parseForm, type FormResult } from '../../platform/ui/form-parse.js';
import { type Locale, perLocale } from '../../platform/ui/i18n/locale.js';
import { sortRiders } from './coverage.js';
import type { ConfirmationKey, PaymentMethod } from './flow.js';
import { contractMessages, mattersMessages, paymentMessages, planMessages } from './messages.js';
import { LABELS, ratingMessagesOf, validateCoverage } from './rating/index.js';
import { planOptions } from './rating/labels.js';
import type { Coverage, PaymentFrequency, RateTable, Rider } from './rating/index.js';

const choice = <T extends string>(values: readonly T[], message: string) =>
  field<T>((raw) => ((values as readonly string[]).includes(raw) ? { value: raw as T } : { error: message }));

// Step 1: both questions must be answered; there is no default.
const buildContractForm = (locale: Locale) => {
  const m = contractMessages.of(locale);
  return z.object({ vehicle_changed: choice(['yes', 'no'], m.vehicleMissing), insured_changed: choice(['yes', 'no'], m.insuredMissing) });
};
const contractForms = perLocale(buildContractForm);
/** Step 1's form in a language. */
export const contractFormIn = (locale: Locale) => contractForms[locale];
export const contractForm = contractForms.ja;
export type ContractAnswers = z.infer<typeof contractForm>;

/** The form's words for the question 「…はありませんか」: はい = no change, いいえ = changed. */
export const answerChanged = (answer: 'yes' | 'no'): boolean => answer === 'no';

// Step 2, 条件を変更して見積もる: the names of the form fields.
export const CUSTOM_FIELDS = ['age_condition', 'driver_scope', 'use_purpose', 'property_damage', 'personal_injury', 'vehicle_coverage', 'vehicle_amount', 'vehicle_deductible'] as const;
export type CustomField = (typeof CUSTOM_FIELDS)[number];
export type CustomValues = Partial<Record<CustomField, string>> & { riders?: string[] };

const FIELD_OF: Record<keyof Coverage, CustomField | 'riders'> = {
  ageCondition: 'age_condition',
  driverScope: 'driver_scope',
  usePurpose: 'use_purpose',
  bodilyInjury: 'property_damage',
  propertyDamage: 'property_damage',
  personalInjury: 'personal_injury',
  vehicleCoverage: 'vehicle_coverage',
  vehicleAmount: 'vehicle_amount',
  vehicleDeductible: 'vehicle_deductible',
  riders: 'riders',
};

/** Form values for a coverage (to fill the form with the current choice). */
export function coverageValues(c: Coverage): CustomValues {
  return {
    age_condition: c.ageCondition,
    driver_scope: c.driverScope,
    use_purpose: c.usePurpose,
    property_damage: String(c.propertyDamage),
    personal_injury: String(c.personalInjury),
    vehicle_coverage: c.vehicleCoverage,
    vehicle_amount: c.vehicleAmount === null ? '' : String(c.vehicleAmount / 10_000),
    vehicle_deductible: c.vehicleDeductible ?? '',
    riders: [...c.riders],
  };
}

/** What was typed, strings only (riders as a list of strings), for showing the form again. */
export function typedCustomValues(body: unknown): CustomValues {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: CustomValues = {};
  for (const name of CUSTOM_FIELDS) {
    const raw = source[name];
    values[name] = typeof raw === 'string' ? raw.slice(0, 100) : '';
  }
  const riders = source.riders;
  values.riders = (Array.isArray(riders) ? riders : [riders]).filter((r): r is string => typeof r === 'string').slice(0, 10);
  return values;
}

const MAN_YEN = /^\d{1,5}$/;

/** 車両保険金額 typed in 万円 (half- or full-width digits), as yen; null when not a whole number. */
export function parseManYen(text: string): number | null {
  const digits = text.normalize('NFKC').replace(/[\s,]/g, '').replace(/万円?$/, '');
  return MAN_YEN.test(digits) ? Number(digits) * 10_000 : null;
}

function optionValue<T extends string | number>(options: readonly T[], raw: string): T | undefined {
  return options.find((o) => String(o) === raw);
}

/**
 * The custom coverage from the form, checked against the rate table's options and the
 * holder (validateCoverage): either the coverage or a message per form field.
 */
export function parseCustomCoverage(
  rates: RateTable,
  body: unknown,
  holder: { birthDate: string; termStart: string },
  locale: Locale = 'ja',
): { ok: true; coverage: Coverage } | { ok: false; errors: FieldErrors } {
  const rm = ratingMessagesOf(locale);
  const pm = planMessages.of(locale);
  const v = typedCustomValues(body);
  const options = planOptions(rates);
  const errors: FieldErrors = {};
  const pick = <K extends string>(labels: Record<K, string>, name: CustomField, message: string): K | undefined => {
    const raw = v[name] ?? '';
    if (Object.hasOwn(labels, raw)) return raw as K;
    errors[name] = message;
    return undefined;
  };
  const ageCondition = pick(LABELS.ageCondition, 'age_condition', rm.missingAgeCondition);
  const driverScope = pick(LABELS.driverScope, 'driver_scope', rm.missingDriverScope);
  const usePurpose = pick(LABELS.usePurpose, 'use_purpose', rm.missingUsePurpose);
  const vehicleCoverage = pick(LABELS.vehicleCoverage, 'vehicle_coverage', rm.missingVehicleCoverage);
  const propertyDamage = optionValue(options.propertyDamage, v.property_damage ?? '');
  if (propertyDamage === undefined) errors.property_damage = rm.missingPropertyDamage;
  const personalInjury = optionValue(options.personalInjury, v.personal_injury ?? '');
  if (personalInjury === undefined) errors.personal_injury = rm.missingPersonalInjury;
  const withVehicle = vehicleCoverage !== undefined && vehicleCoverage !== 'none';
  let vehicleAmount: number | null = null;
  let vehicleDeductible: string | null = null;
  if (withVehicle) {
    vehicleAmount = parseManYen(v.vehicle_amount ?? '');
    if (vehicleAmount === null) errors.vehicle_amount = pm.amountInvalid;
    vehicleDeductible = optionValue(options.vehicleDeductibles, v.vehicle_deductible ?? '') ?? null;
    if (vehicleDeductible === null) errors.vehicle_deductible = pm.deductibleMissing;
  }
  const riders = v.riders ?? [];
  if (!riders.every((r) => Object.hasOwn(LABELS.rider, r)) || new Set(riders).size !== riders.length) {
    errors.riders = rm.ridersInvalid;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const coverage: Coverage = {
    ageCondition: ageCondition!,
    driverScope: driverScope!,
    usePurpose: usePurpose!,
    bodilyInjury: 'unlimited',
    propertyDamage: propertyDamage!,
    personalInjury: personalInjury!,
    vehicleCoverage: vehicleCoverage!,
    vehicleAmount,
    vehicleDeductible,
    riders: sortRiders(riders as Rider[]),
  };
  const problems = validateCoverage(rates, coverage, holder, locale);
  if (problems.length === 0) return { ok: true, coverage };
  for (const problem of problems) errors[FIELD_OF[problem.field]] ??= problem.message;
  return { ok: false, errors };
}

// Step 4: every confirmation is its own checkbox, none pre-checked, each with its message.
type Confirmation = { key: ConfirmationKey; name: string; label: string; missing: string };
const confirmationsOf = (locale: Locale): ReadonlyArray<Confirmation> => {
  const m = mattersMessages.of(locale);
  return [
    { key: 'coverage', name: 'confirm_coverage', label: m.coverageLabel, missing: m.coverageMissing },
    { key: 'drivers', name: 'confirm_drivers', label: m.driversLabel, missing: m.driversMissing },
    { key: 'use', name: 'confirm_use', label: m.useLabel, missing: m.useMissing },
    { key: 'matters', name: 'confirm_matters', label: m.mattersLabel, missing: m.mattersMissing },
  ];
};
const confirmationLists = perLocale(confirmationsOf);
/** The confirmations in a language (the stored application keeps the Japanese sentences). */
export const confirmationsIn = (locale: Locale): ReadonlyArray<Confirmation> => confirmationLists[locale];
export const CONFIRMATIONS = confirmationLists.ja;

const buildConfirmationsForm = (locale: Locale) =>
  z.object(Object.fromEntries(confirmationsIn(locale).map((c) => [c.name, field<true>((raw) => (raw === '1' ? { value: true as const } : { error: c.missing }))])));
const confirmationsForms = perLocale(buildConfirmationsForm);
/** Step 4's form in a language. */
export const confirmationsFormIn = (locale: Locale) => confirmationsForms[locale];
export const confirmationsForm = confirmationsForms.ja;

// Step 5.
export type PaymentChoice = 'keep' | PaymentMethod;
const PAYMENT_CHOICES: readonly PaymentChoice[] = ['keep', 'bank', 'card', 'convenience'];
const FREQUENCIES: readonly PaymentFrequency[] = ['annual', 'monthly'];

/** 年払 only for コンビニ払い: there is no monthly convenience-store payment. */
export const monthlyAllowed = (method: PaymentMethod): boolean => method !== 'convenience';

const buildPaymentForm = (locale: Locale) => {
  const m = paymentMessages.of(locale);
  return z.object({ payment_method: choice(PAYMENT_CHOICES, m.methodMissing), payment_frequency: choice(FREQUENCIES, m.frequencyMissing) });
};
const paymentForms = perLocale(buildPaymentForm);

export function parsePaymentForm(body: unknown, current: PaymentMethod, locale: Locale = 'ja'): FormResult<{ method: PaymentMethod; changed: boolean; frequency: PaymentFrequency }> {
  const parsed = parseForm(paymentForms[locale], body);
  if (!parsed.ok) return parsed;
  const method = parsed.value.payment_method === 'keep' ? current : parsed.value.payment_method;
  const frequency = parsed.value.payment_frequency;
  if (frequency === 'monthly' && !monthlyAllowed(method)) {
    return { ok: false, errors: { payment_frequency: paymentMessages.of(locale).convenienceAnnualOnly } };
  }
  return { ok: true, value: { method, changed: method !== current, frequency } };
}

/** The revision a form was rendered for; -1 when missing or not a number (never equal to a real one). */
export function postedRevision(body: unknown): number {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).revision : undefined;
  return typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
}
