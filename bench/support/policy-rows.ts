// The generated policies the benchmarks share: the same rows as CSV and as the API's JSON.
import { POLICY_COLUMNS } from '../../src/features/policy-import/columns.js';

const FAMILY: ReadonlyArray<readonly [string, string]> = [['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ']];
const GIVEN: ReadonlyArray<readonly [string, string]> = [['太郎', 'タロウ'], ['花子', 'ハナコ'], ['健', 'ケン'], ['由美', 'ユミ'], ['翔太', 'ショウタ'], ['陽子', 'ヨウコ']];
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid policy of every column as CSV cells, varied by `i`. */
export function policyValues(i: number): Record<string, string> {
  const [family, familyKana] = pick(FAMILY, i);
  const [given, givenKana] = pick(GIVEN, Math.floor(i / 7));
  const agency = 1 + (i % 50);
  const month = 1 + (i % 12);
  const covered = i % 4 !== 0;
  const values: Record<string, string> = {
    policy_number: `B${pad(i, 9)}`,
    product: 'auto',
    holder_family_name: family,
    holder_given_name: given,
    holder_family_kana: familyKana,
    holder_given_kana: givenKana,
    birth_date: `${1950 + (i % 50)}-${pad(month, 2)}-${pad(1 + (i % 28), 2)}`,
    email: i % 3 ? `user${i}@example.com` : '',
    phone: `03-${pad(i % 10000, 4)}-${pad((i * 7) % 10000, 4)}`,
    postal_code: `${pad(100 + (i % 900), 3)}-${pad(i % 10000, 4)}`,
    address: `東京都千代田区丸の内${1 + (i % 3)}-${1 + (i % 9)}-${1 + (i % 20)}`,
    agency_code: `D${pad(agency, 4)}`,
    agency_name: `代理店${agency}`,
    start_date: `2026-${pad(month, 2)}-15`,
    end_date: `2027-${pad(month, 2)}-15`,
    vehicle_model: 'プリウス',
    vehicle_registration: `品川 300 さ ${pad(i % 100, 2)}-${pad(i % 97, 2)}`,
    vehicle_class: pick(['private_car', 'small_private_car', 'kei_car'], i),
    grade: String(1 + (i % 20)),
    accident_coefficient_years: String(i % 7),
    claims_this_term: String(i % 2),
    age_condition: pick(['all', '21', '26', '35'], i),
    driver_scope: pick(['any', 'family', 'self_spouse', 'self'], i),
    use_purpose: pick(['leisure', 'commute', 'business'], i),
    bodily_injury: 'unlimited',
    property_damage: 'unlimited',
    personal_injury: i % 5 ? '30000000' : 'none',
    vehicle_coverage: covered ? pick(['general', 'limited'], i) : 'none',
    vehicle_amount: covered ? String(1_000_000 + (i % 30) * 100_000) : '',
    vehicle_deductible: covered ? '5-10' : '',
    riders: pick(['lawyer;road_assistance', '', 'lawyer', 'personal_liability;family_bike'], i),
    annual_premium: String(40_000 + (i % 500) * 100),
    payment_method: pick(['bank', 'card', 'convenience'], i),
  };
  return values;
}

/** The row as a CSV line in the columns' order. */
export const policyCsvLine = (i: number): string => {
  const values = policyValues(i);
  return POLICY_COLUMNS.map((c) => values[c] ?? '').join(',');
};

const INTEGERS = new Set(['grade', 'accident_coefficient_years', 'claims_this_term', 'vehicle_amount', 'annual_premium']);

/** The same row as the API takes it: numbers for integers and yen, riders an array, empty cells left out. */
export function policyJson(i: number): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(policyValues(i))) {
    if (cell === '') continue;
    if (column === 'riders') json[column] = cell.split(';');
    else if (INTEGERS.has(column) || (column === 'personal_injury' && /^\d+$/.test(cell))) json[column] = Number(cell);
    else json[column] = cell;
  }
  return json;
}
