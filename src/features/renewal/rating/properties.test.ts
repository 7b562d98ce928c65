// Properties of quote over the whole shipped table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PLAN_OPTIONS } from './labels.js';
import { quote } from './quote.js';
import { validateCoverage } from './validate.js';
import { rates } from './test-fixtures.js';
import type { Coverage, GradeState, RatingInput, Rider } from './types.js';

const RIDERS: Rider[] = ['lawyer', 'road_assistance', 'personal_liability', 'family_bike'];
const { min, max, step } = PLAN_OPTIONS.vehicleAmountRange;
const amountArb = fc.integer({ min: 0, max: (max - min) / step }).map((n) => min + n * step);

const gradeArb: fc.Arbitrary<GradeState> = fc.record({ grade: fc.integer({ min: 1, max: 20 }), accidentCoefficientYears: fc.integer({ min: 0, max: 6 }) });
const coverageArb: fc.Arbitrary<Coverage> = fc.record({
  ageCondition: fc.constantFrom('all', '21', '26', '35'),
  driverScope: fc.constantFrom('any', 'family', 'self_spouse', 'self'),
  usePurpose: fc.constantFrom('leisure', 'commute', 'business'),
  bodilyInjury: fc.constant('unlimited'),
  propertyDamage: fc.constantFrom(...PLAN_OPTIONS.propertyDamage),
  personalInjury: fc.constantFrom(...PLAN_OPTIONS.personalInjury),
  vehicleCoverage: fc.constantFrom('general', 'limited', 'none'),
  vehicleAmount: amountArb,
  vehicleDeductible: fc.constantFrom(...PLAN_OPTIONS.vehicleDeductibles),
  riders: fc.subarray(RIDERS),
}).map((c) => (c.vehicleCoverage === 'none' ? { ...c, vehicleAmount: null, vehicleDeductible: null } : c));
const inputArb: fc.Arbitrary<RatingInput> = fc.record({
  vehicleClass: fc.constantFrom('private_car', 'small_private_car', 'kei_car'),
  next: gradeArb,
  coverage: coverageArb,
  paymentFrequency: fc.constantFrom('annual', 'monthly'),
});

describe('quote: properties', () => {
  it('is a whole, positive number of 10 yen, never NaN; monthly costs more in total than annual', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const q = quote(rates, input);
      const whole = (n: number) => Number.isSafeInteger(n) && n > 0 && n % 10 === 0;
      if (!whole(q.annualPremium) || !whole(q.totalPayable)) return false;
      if (input.paymentFrequency === 'annual') return q.monthlyPremium === null && q.totalPayable === q.annualPremium;
      return q.monthlyPremium !== null && whole(q.monthlyPremium) && q.totalPayable === q.monthlyPremium * 12 && q.totalPayable > q.annualPremium;
    }), { numRuns: 2000 });
  });

  it('is deterministic', () => {
    fc.assert(fc.property(inputArb, (input) => {
      assert.deepEqual(quote(rates, structuredClone(input)), quote(rates, input));
    }));
  });

  it('never falls as the vehicle amount rises', () => {
    fc.assert(fc.property(inputArb, amountArb, amountArb, fc.constantFrom('general', 'limited'), (input, a, b, type) => {
      const at = (vehicleAmount: number) => quote(rates, { ...input, coverage: { ...input.coverage, vehicleCoverage: type, vehicleAmount, vehicleDeductible: '5-10' } }).annualPremium;
      return at(Math.min(a, b)) <= at(Math.max(a, b));
    }), { numRuns: 1000 });
  });

  it('never falls when a rider is added, nor when 車両保険 is added', () => {
    fc.assert(fc.property(inputArb, fc.constantFrom(...RIDERS), (input, rider) => {
      const without = { ...input, coverage: { ...input.coverage, riders: input.coverage.riders.filter((r) => r !== rider) } };
      const withRider = { ...input, coverage: { ...input.coverage, riders: [...without.coverage.riders, rider] } };
      const noVehicle = { ...input, coverage: { ...input.coverage, vehicleCoverage: 'none' as const, vehicleAmount: null, vehicleDeductible: null } };
      return quote(rates, without).annualPremium <= quote(rates, withRider).annualPremium
        && quote(rates, noVehicle).annualPremium <= quote(rates, input).annualPremium;
    }), { numRuns: 1000 });
  });

  it('never rises with a higher grade for the same coverage and coefficient period', () => {
    fc.assert(fc.property(inputArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (input, a, b) => {
      const at = (grade: number) => quote(rates, { ...input, next: { grade, accidentCoefficientYears: input.next.accidentCoefficientYears } }).annualPremium;
      return at(Math.max(a, b)) <= at(Math.min(a, b));
    }), { numRuns: 1000 });
  });

  it('costs at least as much with a coefficient period as without', () => {
    fc.assert(fc.property(inputArb, fc.integer({ min: 1, max: 6 }), (input, years) => {
      const at = (accidentCoefficientYears: number) => quote(rates, { ...input, next: { grade: input.next.grade, accidentCoefficientYears } }).annualPremium;
      return at(0) <= at(years);
    }));
  });

  it('quotes every coverage validateCoverage accepts, however odd the input', () => {
    const junk = fc.constantFrom<unknown>(null, 0, -1, 1.5, '', 'x', '__proto__', 'toString', 5_000_001, 40_000_000);
    const odd = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: junk, weight: 1 });
    let accepted = 0;
    const anyCoverage = fc.record({
      ageCondition: odd(fc.constantFrom('all', '21', '26', '35')),
      driverScope: odd(fc.constantFrom('any', 'family', 'self_spouse', 'self')),
      usePurpose: odd(fc.constantFrom('leisure', 'commute', 'business')),
      bodilyInjury: odd(fc.constant('unlimited')),
      propertyDamage: odd(fc.constantFrom(...PLAN_OPTIONS.propertyDamage)),
      personalInjury: odd(fc.constantFrom(...PLAN_OPTIONS.personalInjury)),
      vehicleCoverage: odd(fc.constantFrom('general', 'limited', 'none')),
      vehicleAmount: odd(fc.oneof({ arbitrary: amountArb, weight: 9 }, { arbitrary: fc.integer(), weight: 1 })),
      vehicleDeductible: odd(fc.constantFrom(...PLAN_OPTIONS.vehicleDeductibles)),
      riders: fc.oneof({ arbitrary: fc.subarray(RIDERS), weight: 12 }, { arbitrary: fc.array(fc.constantFrom<unknown>('lawyer', 'x', 1, null)), weight: 1 }),
    }) as fc.Arbitrary<Coverage>;
    const holder = { birthDate: '1980-05-05', termStart: '2026-12-01' };
    fc.assert(fc.property(inputArb, anyCoverage, (input, coverage) => {
      if (validateCoverage(rates, coverage, holder).length) return true;
      accepted += 1;
      return quote(rates, { ...input, coverage }).annualPremium > 0;
    }), { numRuns: 3000 });
    assert.ok(accepted > 300, `only ${accepted} of 3000 coverages were valid`);
  });
});
