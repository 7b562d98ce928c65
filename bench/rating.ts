// Measures quote() on the shipped rates: node --import tsx bench/rating.ts [quotes]
// A bounded loop over varied inputs (every class, grade, condition and coverage in turn).
import { DEFAULT_RATES_FILE } from '../src/config.js';
import { PLAN_OPTIONS, loadRateTable, quote, type RatingInput, type Rider } from '../src/features/renewal/rating/index.js';

const count = Number(process.argv[2] ?? 200_000);
const rates = loadRateTable(DEFAULT_RATES_FILE);
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const RIDER_SETS: Rider[][] = [[], ['lawyer'], ['lawyer', 'road_assistance'], ['personal_liability', 'family_bike'], ['lawyer', 'road_assistance', 'personal_liability', 'family_bike']];

/** 997 distinct inputs, cycled: varied enough that no branch is always taken. */
const inputs: RatingInput[] = Array.from({ length: 997 }, (_, i) => {
  const vehicleCoverage = pick(['general', 'limited', 'none'] as const, i);
  const { min, step } = PLAN_OPTIONS.vehicleAmountRange;
  return {
    vehicleClass: pick(['private_car', 'small_private_car', 'kei_car'] as const, i),
    next: { grade: 1 + (i % 20), accidentCoefficientYears: i % 7 },
    paymentFrequency: pick(['annual', 'monthly'] as const, i >> 1),
    coverage: {
      ageCondition: pick(['all', '21', '26', '35'] as const, i),
      driverScope: pick(['any', 'family', 'self_spouse', 'self'] as const, i >> 2),
      usePurpose: pick(['leisure', 'commute', 'business'] as const, i >> 3),
      bodilyInjury: 'unlimited',
      propertyDamage: pick(PLAN_OPTIONS.propertyDamage, i),
      personalInjury: pick(PLAN_OPTIONS.personalInjury, i >> 1),
      vehicleCoverage,
      vehicleAmount: vehicleCoverage === 'none' ? null : min + (i % 60) * step,
      vehicleDeductible: vehicleCoverage === 'none' ? null : pick(PLAN_OPTIONS.vehicleDeductibles, i),
      riders: pick(RIDER_SETS, i),
    },
  };
});

let checksum = 0;
for (let i = 0; i < 20_000; i += 1) checksum += quote(rates, inputs[i % inputs.length] as RatingInput).annualPremium; // warm-up
const started = performance.now();
for (let i = 0; i < count; i += 1) checksum += quote(rates, inputs[i % inputs.length] as RatingInput).totalPayable;
const ms = performance.now() - started;
if (!Number.isFinite(checksum) || checksum <= 0) throw new Error(`bad checksum ${checksum}`);
console.log(`rating: ${count} quotes in ${ms.toFixed(0)} ms: ${((ms * 1000) / count).toFixed(2)} µs/quote, ${Math.round(count / (ms / 1000))} quotes/s (node ${process.version})`);
