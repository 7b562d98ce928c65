// Factors are decimals with at most 4 places; the arithmetic runs on integers in 1/10000 units.
export const UNIT = 10_000;
export const UNIT_BIG = 10_000n;

/** 0.53 → 5300. The rate table loader has checked that at most 4 decimal places are present. */
export function toUnits(factor: number): number {
  return Math.round(factor * UNIT);
}

/** Whether a number is finite and has at most 4 decimal places (0.0525 yes, 0.12345 no). */
export function hasFourDecimals(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const scaled = value * UNIT;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}
