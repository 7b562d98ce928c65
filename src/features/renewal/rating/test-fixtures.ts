// Shared by the rating tests: the shipped rate table and a coverage to vary.
import { DEFAULT_RATES_FILE } from '../../../config.js';
import { loadRateTable } from './rate-table.js';
import type { Coverage, RatingInput } from './types.js';

export const rates = loadRateTable(DEFAULT_RATES_FILE);

/** 35歳以上・家族限定・日常レジャー・対物無制限・人身傷害3,000万円・一般型220万円 免責5-10・弁護士＋ロードアシスタンス. */
export const sampleCoverage: Coverage = {
  ageCondition: '35',
  driverScope: 'family',
  usePurpose: 'leisure',
  bodilyInjury: 'unlimited',
  propertyDamage: 'unlimited',
  personalInjury: 30_000_000,
  vehicleCoverage: 'general',
  vehicleAmount: 2_200_000,
  vehicleDeductible: '5-10',
  riders: ['lawyer', 'road_assistance'],
};

export function input(overrides: Partial<Omit<RatingInput, 'coverage'>> & { coverage?: Partial<Coverage> } = {}): RatingInput {
  return {
    vehicleClass: overrides.vehicleClass ?? 'private_car',
    next: overrides.next ?? { grade: 15, accidentCoefficientYears: 0 },
    paymentFrequency: overrides.paymentFrequency ?? 'annual',
    coverage: { ...sampleCoverage, ...overrides.coverage },
  };
}
