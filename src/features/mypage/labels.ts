// Display words for policy codes (DESIGN.md, Policies CSV).

const PRODUCTS: Record<string, string> = { auto: '自動車保険' };
const PAYMENT_METHODS: Record<string, string> = { bank: '口座振替', card: 'クレジットカード払', convenience: 'コンビニエンスストア払' };

export const NONE = '-';

export const productLabel = (code: string): string => PRODUCTS[code] ?? code;

export const paymentLabel = (code: string | null): string => (code ? (PAYMENT_METHODS[code] ?? code) : NONE);

/** 58,200円 */
export const yen = (amount: number | null): string => (amount === null ? NONE : `${amount.toLocaleString('ja-JP')}円`);

export const gradeLabel = (grade: number | null): string => (grade === null ? NONE : `${grade}等級`);
