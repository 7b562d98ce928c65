// The rate data an insurer replaces (RATES_FILE): read and checked once at start, then pure.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { hasFourDecimals } from './fixed-point.js';
import { MAX_GRADE } from './grade.js';
import type { RateTable } from './types.js';

const yen = z.number().int().nonnegative();
const positiveYen = z.number().int().positive();
const factor = z.number().positive().max(100).refine(hasFourDecimals, 'at most 4 decimal places');
const percent = z.number().int().min(-99).max(999);
const gradeColumn = z.array(percent).length(MAX_GRADE);
const deductible = z.string().regex(/^\d{1,3}-\d{1,3}$/, "like '5-10' (万円, first-second accident)");

const schema = z.strictObject({
  revision: z.string().min(1),
  basePremium: z.strictObject({ private_car: positiveYen, small_private_car: positiveYen, kei_car: positiveYen }),
  grades: z.strictObject({ source: z.string().min(1), noAccident: gradeColumn, withAccident: gradeColumn }),
  ageCondition: z.strictObject({ all: factor, 21: factor, 26: factor, 35: factor }),
  driverScope: z.strictObject({ any: factor, family: factor, self_spouse: factor, self: factor }),
  usePurpose: z.strictObject({ leisure: factor, commute: factor, business: factor }),
  propertyDamage: z.array(z.strictObject({ limit: z.union([z.literal('unlimited'), positiveYen]), factor })).min(1),
  personalInjury: z.array(z.strictObject({ amount: z.union([z.literal('none'), positiveYen]), factor })).min(1),
  vehicle: z.strictObject({
    loading: z.strictObject({ general: factor, limited: factor }),
    amount: z.strictObject({ min: positiveYen, max: positiveYen, step: positiveYen, factorAtMin: factor, factorPerStep: factor }),
    deductibles: z.array(z.strictObject({ deductible, factor })).min(1),
  }),
  riders: z.strictObject({ lawyer: yen, road_assistance: yen, personal_liability: yen, family_bike: yen }),
  monthlySurcharge: z.number().min(0).max(0.5).refine(hasFourDecimals, 'at most 4 decimal places'),
});

type Problem = { path: string; message: string };

/** Rules across fields that the schema cannot say. */
function crossFieldProblems(table: RateTable): Problem[] {
  const problems: Problem[] = [];
  const { noAccident, withAccident } = table.grades;
  for (let i = 0; i < MAX_GRADE; i += 1) {
    const grade = i + 1;
    if (grade <= 6 && noAccident[i] !== withAccident[i]) {
      problems.push({ path: `grades.withAccident[${i}]`, message: `grade ${grade} must equal noAccident (grades 1–6 have one rate)` });
    }
    if (i > 0 && (noAccident[i] as number) > (noAccident[i - 1] as number)) {
      problems.push({ path: `grades.noAccident[${i}]`, message: `grade ${grade} must not cost more than grade ${grade - 1}` });
    }
    if (i > 0 && (withAccident[i] as number) > (withAccident[i - 1] as number)) {
      problems.push({ path: `grades.withAccident[${i}]`, message: `grade ${grade} must not cost more than grade ${grade - 1}` });
    }
  }
  const limits = table.propertyDamage.map((p) => p.limit);
  if (!limits.includes('unlimited')) problems.push({ path: 'propertyDamage', message: "must offer 'unlimited'" });
  if (new Set(limits).size !== limits.length) problems.push({ path: 'propertyDamage', message: 'limits must be unique' });
  const amounts = table.personalInjury.map((p) => p.amount);
  if (new Set(amounts).size !== amounts.length) problems.push({ path: 'personalInjury', message: 'amounts must be unique' });
  const deductibles = table.vehicle.deductibles.map((d) => d.deductible);
  if (new Set(deductibles).size !== deductibles.length) problems.push({ path: 'vehicle.deductibles', message: 'deductibles must be unique' });
  const { min, max, step } = table.vehicle.amount;
  if (min >= max) problems.push({ path: 'vehicle.amount.max', message: 'must be above min' });
  else if ((max - min) % step !== 0) problems.push({ path: 'vehicle.amount.step', message: 'must divide max − min' });
  return problems;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/** Checks parsed JSON against the rate table's shape and rules; `source` names it in the error. */
export function parseRateTable(json: unknown, source: string): RateTable {
  const parsed = schema.safeParse(json);
  const problems: Problem[] = parsed.success
    ? crossFieldProblems(parsed.data)
    : parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  if (problems.length) {
    const lines = problems.slice(0, 10).map((p) => `${p.path || '(root)'}: ${p.message}`);
    throw new Error(`Invalid rate table ${source}:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data as RateTable;
}

/** Reads and checks a rate table file (RATES_FILE). Throws a message naming the path and the bad field. */
export function loadRateTable(path: string): RateTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read rate table ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid rate table ${path}: not JSON (${(error as Error).message})`);
  }
  return parseRateTable(json, path);
}
