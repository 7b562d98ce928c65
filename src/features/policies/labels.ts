// Display words for policy codes (DESIGN.md, Policies CSV), in each language of the site. English
// keeps the Japanese in brackets where a customer matches the words to the paper policy (保険証券).
import type { Locale } from '../../platform/ui/i18n/locale.js';

type Table = Readonly<Record<Locale, Readonly<Record<string, string>>>>;

const PRODUCTS: Table = { ja: { auto: '自動車保険' }, en: { auto: 'Auto insurance (自動車保険)' } };
const PAYMENT_METHODS: Table = {
  ja: { bank: '口座振替', card: 'クレジットカード払', convenience: 'コンビニエンスストア払' },
  en: { bank: 'Bank account transfer (口座振替)', card: 'Credit card', convenience: 'Convenience store' },
};
const VEHICLE_CLASSES: Table = {
  ja: { private_car: '自家用普通乗用車', small_private_car: '自家用小型乗用車', kei_car: '自家用軽四輪乗用車' },
  en: { private_car: 'Private passenger car (自家用普通乗用車)', small_private_car: 'Small private passenger car (自家用小型乗用車)', kei_car: 'Kei car (自家用軽四輪乗用車)' },
};
const VEHICLE_COVERAGES: Table = {
  ja: { general: '一般型', limited: 'エコノミー型', none: 'なし' },
  en: { general: 'General (一般型)', limited: 'Economy (エコノミー型)', none: 'None' },
};
const RIDERS: Table = {
  ja: { lawyer: '弁護士費用特約', road_assistance: 'ロードアシスタンス特約', personal_liability: '個人賠償責任特約', family_bike: 'ファミリーバイク特約' },
  en: {
    lawyer: 'Legal expenses (弁護士費用特約)',
    road_assistance: 'Road assistance (ロードアシスタンス特約)',
    personal_liability: 'Personal liability (個人賠償責任特約)',
    family_bike: 'Family motorbike (ファミリーバイク特約)',
  },
};
const AGE_CONDITIONS: Table = {
  ja: { all: '全年齢', '21': '21歳以上', '26': '26歳以上', '35': '35歳以上' },
  en: { all: 'Any age (全年齢)', '21': '21 and over (21歳以上)', '26': '26 and over (26歳以上)', '35': '35 and over (35歳以上)' },
};
const DRIVER_SCOPES: Table = {
  ja: { any: '限定なし', family: '家族限定', self_spouse: '本人・配偶者限定', self: '本人限定' },
  en: { any: 'Any driver (限定なし)', family: 'Family only (家族限定)', self_spouse: 'Policyholder and spouse (本人・配偶者限定)', self: 'Policyholder only (本人限定)' },
};
const USE_PURPOSES: Table = {
  ja: { leisure: '日常・レジャー', commute: '通勤・通学', business: '業務' },
  en: { leisure: 'Daily life and leisure', commute: 'Commuting (work or school)', business: 'Business' },
};
const WORDS: Table = {
  ja: { unlimited: '無制限', none: 'なし', riderSeparator: '、' },
  en: { unlimited: 'Unlimited', none: 'None', riderSeparator: ', ' },
};

export const NONE = '-';

const lookup = (table: Table, code: string, locale: Locale): string => table[locale][code] ?? code;
const labelOf = (table: Table) => (code: string | null, locale: Locale = 'ja'): string => (code ? lookup(table, code, locale) : NONE);

export const productLabel = (code: string, locale: Locale = 'ja'): string => lookup(PRODUCTS, code, locale);

export const paymentLabel = labelOf(PAYMENT_METHODS);

const digits = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** 58,200円 / ¥58,200 */
export const yen = (amount: number | null, locale: Locale = 'ja'): string => (amount === null ? NONE : locale === 'ja' ? `${digits(amount)}円` : `¥${digits(amount)}`);

/** 15等級 / Grade 15 (the ノンフリート等級). */
export const gradeLabel = (grade: number | null, locale: Locale = 'ja'): string => (grade === null ? NONE : locale === 'ja' ? `${grade}等級` : `Grade ${grade}`);

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

/** An amount as insurers print it: 3,000万円 for whole 万円, else 1,234,567円 (English: ¥30,000,000). */
export const manYen = (amount: number, locale: Locale = 'ja'): string =>
  locale === 'ja' && amount % 10_000 === 0 ? `${digits(amount / 10_000)}万円` : yen(amount, locale);

/** 対人・対物・人身傷害の保険金額: `unlimited` 無制限, `none` なし, or yen. */
export function coverageAmountLabel(value: string | null, locale: Locale = 'ja'): string {
  if (value === null || value === '') return NONE;
  if (value === 'unlimited' || value === 'none') return lookup(WORDS, value, locale);
  return /^\d+$/.test(value) ? manYen(Number(value), locale) : value;
}

/**
 * 免責金額 `5-10` (万円, first claim - later claims) as 1回目 5万円・2回目以降 10万円: the one way every
 * screen, mail, PDF and message writes a deductible (also when both are the same, `15-15`).
 */
export function deductibleLabel(value: string | null, locale: Locale = 'ja'): string {
  if (!value) return NONE;
  const parts = value.split('-');
  if (parts.length !== 2 || !parts.every((p) => /^\d+$/.test(p))) return value;
  const [first, later] = parts.map(Number) as [number, number];
  if (locale === 'en') return `1st claim ${yen(first * 10_000, 'en')}, later claims ${yen(later * 10_000, 'en')}`;
  return `1回目 ${digits(first)}万円・2回目以降 ${digits(later)}万円`;
}

/** 特約 (`;`-separated codes) in words, or なし. */
export function ridersLabel(value: string | null, locale: Locale = 'ja'): string {
  const codes = (value ?? '').split(';').map((c) => c.trim()).filter(Boolean);
  return codes.length === 0 ? lookup(WORDS, 'none', locale) : codes.map((c) => lookup(RIDERS, c, locale)).join(lookup(WORDS, 'riderSeparator', locale));
}

/** 事故有係数適用期間 in years. */
export const accidentYearsLabel = (years: number | null, locale: Locale = 'ja'): string =>
  years === null ? NONE : locale === 'ja' ? `${years}年` : years === 1 ? '1 year' : `${years} years`;
