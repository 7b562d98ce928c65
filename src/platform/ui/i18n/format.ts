import { formatDateJa, formatDateTimeJa, japanParts } from '../../clock.js';
import type { Locale } from './locale.js';

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date (`2026-11-25`): 2026年11月25日 / 25 November 2026. */
export function formatDate(locale: Locale, isoDate: string): string {
  if (locale === 'ja') return formatDateJa(isoDate);
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${EN_MONTHS[m - 1] ?? ''} ${y}`;
}

/** An instant in Japan time: 2026年11月25日 18時30分 / 25 November 2026, 18:30 (JST). */
export function formatDateTime(locale: Locale, at: Date): string {
  if (locale === 'ja') return formatDateTimeJa(at);
  const p = japanParts(at);
  return `${p.day} ${EN_MONTHS[p.month - 1] ?? ''} ${p.year}, ${pad(p.hour)}:${pad(p.minute)} (JST)`;
}

/** Yen: 128,000円 / ¥128,000. */
export function formatYen(locale: Locale, amount: number): string {
  const digits = Math.abs(amount).toLocaleString('en-US', { maximumFractionDigits: 0 });
  const sign = amount < 0 ? '−' : '';
  return locale === 'ja' ? `${sign}${digits}円` : `${sign}¥${digits}`;
}
