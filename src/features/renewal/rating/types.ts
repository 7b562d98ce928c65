// The rating contract shared with the renewal flow. Values match the policies CSV (DESIGN.md).
export type VehicleClass = 'private_car' | 'small_private_car' | 'kei_car';
export type AgeCondition = 'all' | '21' | '26' | '35';
export type DriverScope = 'any' | 'family' | 'self_spouse' | 'self';
export type UsePurpose = 'leisure' | 'commute' | 'business';
export type VehicleCoverage = 'general' | 'limited' | 'none';
export type Rider = 'lawyer' | 'road_assistance' | 'personal_liability' | 'family_bike';
export type PaymentFrequency = 'annual' | 'monthly';

/** What the customer chooses for the next term. */
export interface Coverage {
  ageCondition: AgeCondition;
  driverScope: DriverScope;
  usePurpose: UsePurpose;
  /** 対人賠償: always unlimited online. */
  bodilyInjury: 'unlimited';
  /** 対物賠償 limit in yen. */
  propertyDamage: 'unlimited' | number;
  /** 人身傷害 amount in yen. */
  personalInjury: number | 'none';
  vehicleCoverage: VehicleCoverage;
  /** 車両保険金額 in yen; null without 車両保険. */
  vehicleAmount: number | null;
  /** 免責金額 in 万円, first-second accident: '5-10'; null without 車両保険. */
  vehicleDeductible: string | null;
  riders: Rider[];
}

/** ノンフリート等級 (1–20) and 事故有係数適用期間 (0–6 years). */
export interface GradeState {
  grade: number;
  accidentCoefficientYears: number;
}

export interface RatingInput {
  vehicleClass: VehicleClass;
  /** The grade state of the term being rated (see nextGradeState). */
  next: GradeState;
  coverage: Coverage;
  paymentFrequency: PaymentFrequency;
}

export interface BreakdownLine {
  label: string;
  kind: 'base' | 'factor' | 'addition' | 'rounding';
  /** A factor (e.g. 0.55) for kind 'factor', otherwise yen. */
  value: number;
  note?: string;
}

/** What a breakdown line is, as a code and its parameters (labels.ts words it in each language). */
export type BreakdownItem =
  | { code: 'base'; vehicleClass: VehicleClass }
  /** `accidentYears` null: the 無事故 column; `percent` the 割増引率 (−51 = 51% discount). */
  | { code: 'grade'; grade: number; accidentYears: number | null; percent: number }
  | { code: 'ageCondition'; value: AgeCondition }
  | { code: 'driverScope'; value: DriverScope }
  | { code: 'usePurpose'; value: UsePurpose }
  | { code: 'propertyDamage'; limit: 'unlimited' | number }
  | { code: 'personalInjury'; amount: number | 'none' }
  /** `formula` is the factor's arithmetic (1 + loading × amount × deductible), the same in every language. */
  | { code: 'vehicle'; vehicleCoverage: Exclude<VehicleCoverage, 'none'>; amount: number; deductible: string; formula: string }
  | { code: 'rider'; rider: Rider }
  | { code: 'rounding' };

/** A breakdown line as the engine gives it: a code with parameters, not words. */
export interface RatedLine {
  item: BreakdownItem;
  kind: BreakdownLine['kind'];
  value: number;
}

export interface Quote {
  annualPremium: number;
  /** Per instalment when paid monthly (12 equal instalments), else null. */
  monthlyPremium: number | null;
  /** What the customer pays over the term: the annual premium, or 12 × the instalment. */
  totalPayable: number;
  breakdown: BreakdownLine[];
  /** The same lines as codes and parameters, for a view to word in its language (absent in quotes stored before). */
  lines?: RatedLine[];
}

/**
 * Factors are decimals with at most 4 places (0.5300); yen are integers. The loader checks both.
 * Grade rates are the published percentages (−63 = 63% discount, +64 = 64% surcharge).
 */
export interface RateTable {
  revision: string;
  /** 基本保険料 per vehicle class: 対人・対物無制限, 人身傷害 30,000,000円, no 車両保険, 全年齢, 限定なし, 日常・レジャー, before the grade rate. */
  basePremium: Record<VehicleClass, number>;
  grades: {
    source: string;
    /** 無事故係数 percentages for grades 1..20 (index 0 is grade 1). */
    noAccident: number[];
    /** 事故有係数 percentages for grades 1..20, applied while the coefficient period is above 0. */
    withAccident: number[];
  };
  ageCondition: Record<AgeCondition, number>;
  driverScope: Record<DriverScope, number>;
  usePurpose: Record<UsePurpose, number>;
  propertyDamage: Array<{ limit: 'unlimited' | number; factor: number }>;
  personalInjury: Array<{ amount: number | 'none'; factor: number }>;
  /** 車両保険 multiplies by 1 + loading[type] × (amountFactorAtMin + amountFactorPerStep × steps) × deductible factor. */
  vehicle: {
    loading: Record<Exclude<VehicleCoverage, 'none'>, number>;
    amount: { min: number; max: number; step: number; factorAtMin: number; factorPerStep: number };
    deductibles: Array<{ deductible: string; factor: number }>;
  };
  /** Yen per year, added after the factors. */
  riders: Record<Rider, number>;
  /** 月払 surcharge on the annual premium, e.g. 0.05. */
  monthlySurcharge: number;
}

export interface CoverageProblem {
  field: keyof Coverage;
  message: string;
}

/** Why a choice of coverage cannot be quoted, as a code with its parameters (labels.ts words it). */
export type CoverageIssue =
  | { field: 'ageCondition' | 'driverScope' | 'usePurpose' | 'propertyDamage' | 'personalInjury' | 'vehicleCoverage'; code: 'missing' }
  | { field: 'vehicleAmount' | 'vehicleDeductible'; code: 'withoutVehicle' }
  | { field: 'vehicleAmount'; code: 'amountRange'; min: number; max: number; step: number }
  | { field: 'vehicleDeductible'; code: 'deductibleChoice'; options: string[] }
  | { field: 'bodilyInjury'; code: 'unlimitedOnly' }
  | { field: 'riders'; code: 'invalid' }
  | { field: 'ageCondition'; code: 'tooYoung'; age: number; condition: AgeCondition };
