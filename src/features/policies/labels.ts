// Display words for policy codes (DESIGN.md, Policies CSV).

const PRODUCTS: Record<string, string> = { auto: '自動車保険' };
const PAYMENT_METHODS: Record<string, string> = { bank: '口座振替', card: 'クレジットカード払', convenience: 'コンビニエンスストア払' };

export const NONE = '-';

export const productLabel = (code: string): string => PRODUCTS[code] ?? code;

export const paymentLabel = (code: string | null): string => (code ? (PAYMENT_METHODS[code] ?? code) : NONE);

/** 58,200円 */
export const yen = (amount: number | null): string => (amount === null ? NONE : `${amount.toLocaleString('ja-JP')}円`);

export const gradeLabel = (grade: number | null): string => (grade === null ? NONE : `${grade}等級`);

const VEHICLE_CLASSES: Record<string, string> = { private_car: '自家用普通乗用車', small_private_car: '自家用小型乗用車', kei_car: '自家用軽四輪乗用車' };
const VEHICLE_COVERAGES: Record<string, string> = { general: '一般型', limited: 'エコノミー型', none: 'なし' };
const RIDERS: Record<string, string> = {
  lawyer: '弁護士費用特約',
  road_assistance: 'ロードアシスタンス特約',
  personal_liability: '個人賠償責任特約',
  family_bike: 'ファミリーバイク特約',
};
const AGE_CONDITIONS: Record<string, string> = { all: '全年齢', '21': '21歳以上', '26': '26歳以上', '35': '35歳以上' };
const DRIVER_SCOPES: Record<string, string> = { any: '限定なし', family: '家族限定', self_spouse: '本人・配偶者限定', self: '本人限定' };
const USE_PURPOSES: Record<string, string> = { leisure: '日常・レジャー', commute: '通勤・通学', business: '業務' };

const labelOf = (table: Record<string, string>) => (code: string | null): string => (code ? (table[code] ?? code) : NONE);

/** 用途車種 */
export const vehicleClassLabel = labelOf(VEHICLE_CLASSES);
/** 車両保険の種類: 一般型, エコノミー型, なし */
export const vehicleCoverageLabel = labelOf(VEHICLE_COVERAGES);
/** 運転者年齢条件 */
export const ageConditionLabel = labelOf(AGE_CONDITIONS);
/** 運転者限定 */
export const driverScopeLabel = labelOf(DRIVER_SCOPES);
/** 使用目的 */
export const usePurposeLabel = labelOf(USE_PURPOSES);

/** An amount as insurers print it: 3,000万円 for whole 万円, else 1,234,567円. */
export const manYen = (amount: number): string => (amount % 10_000 === 0 ? `${(amount / 10_000).toLocaleString('ja-JP')}万円` : yen(amount));

/** 対人・対物・人身傷害の保険金額: `unlimited` 無制限, `none` なし, or yen. */
export function coverageAmountLabel(value: string | null): string {
  if (value === null || value === '') return NONE;
  if (value === 'unlimited') return '無制限';
  if (value === 'none') return 'なし';
  return /^\d+$/.test(value) ? manYen(Number(value)) : value;
}

/**
 * 免責金額 `5-10` (万円, first claim - later claims) as 1回目 5万円・2回目以降 10万円: the one way every
 * screen, mail, PDF and message writes a deductible (also when both are the same, `15-15`).
 */
export function deductibleLabel(value: string | null): string {
  if (!value) return NONE;
  const parts = value.split('-');
  if (parts.length !== 2 || !parts.every((p) => /^\d+$/.test(p))) return value;
  const [first, later] = parts.map(Number) as [number, number];
  return `1回目 ${first.toLocaleString('ja-JP')}万円・2回目以降 ${later.toLocaleString('ja-JP')}万円`;
}

/** 特約 (`;`-separated codes) in words, or なし. */
export function ridersLabel(value: string | null): string {
  const codes = (value ?? '').split(';').map((c) => c.trim()).filter(Boolean);
  return codes.length === 0 ? 'なし' : codes.map((c) => RIDERS[c] ?? c).join('、');
}

/** 事故有係数適用期間 in years. */
export const accidentYearsLabel = (years: number | null): string => (years === null ? NONE : `${years}年`);
