/** The policies CSV columns, in the order of the sample (DESIGN.md, "Policies CSV"). */
export const POLICY_COLUMNS = [
  'policy_number',
  'product',
  'holder_family_name',
  'holder_given_name',
  'holder_family_kana',
  'holder_given_kana',
  'birth_date',
  'email',
  'phone',
  'postal_code',
  'address',
  'agency_code',
  'agency_name',
  'start_date',
  'end_date',
  'vehicle_model',
  'vehicle_registration',
  'vehicle_class',
  'grade',
  'accident_coefficient_years',
  'claims_this_term',
  'age_condition',
  'driver_scope',
  'use_purpose',
  'bodily_injury',
  'property_damage',
  'personal_injury',
  'vehicle_coverage',
  'vehicle_amount',
  'vehicle_deductible',
  'riders',
  'annual_premium',
  'payment_method',
  'status',
] as const;

export type PolicyColumn = (typeof POLICY_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly PolicyColumn[] = [
  'policy_number',
  'holder_family_name',
  'holder_given_name',
  'holder_family_kana',
  'holder_given_kana',
  'birth_date',
  'agency_code',
  'agency_name',
  'start_date',
  'end_date',
];

export const isPolicyColumn = (name: string): name is PolicyColumn => (POLICY_COLUMNS as readonly string[]).includes(name);

/** One CSV row by column name; a column missing from the header reads as ''. */
export type PolicyRecord = Record<PolicyColumn, string>;

// Allowed codes of the auto columns.
export const VEHICLE_CLASSES = ['private_car', 'small_private_car', 'kei_car'] as const;
export const AGE_CONDITIONS = ['all', '21', '26', '35'] as const;
export const DRIVER_SCOPES = ['any', 'family', 'self_spouse', 'self'] as const;
export const USE_PURPOSES = ['leisure', 'commute', 'business'] as const;
export const VEHICLE_COVERAGES = ['general', 'limited', 'none'] as const;
export const RIDERS = ['lawyer', 'road_assistance', 'personal_liability', 'family_bike'] as const;
export const PAYMENT_METHODS = ['bank', 'card', 'convenience'] as const;
export const PRODUCTS = ['auto'] as const;
/** The core system's policy status (API and CSV); an empty cell is in_force. */
export { POLICY_STATUSES } from '../policies/status.js';
