import type { MaintenanceWindow } from '../../platform/maintenance.js';
import { describeWindowsJa } from '../../platform/maintenance.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { siteMessages } from './messages.js';

const EN_DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const clockText = (minute: number): string => `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`;

/** 「Mondays 2:00–4:00 and daily 23:30–23:45 (Japan time)」: describeWindowsJa's English twin (features/login/hours.ts has the same; both belong in platform/maintenance.ts). */
export function describeWindowsEn(windows: MaintenanceWindow[]): string {
  const parts = windows.map((w) => `${w.day === null ? 'daily' : EN_DAYS[w.day]} ${clockText(w.startMinute)}–${clockText(w.endMinute)}`);
  const listed = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${listed} (Japan time)`;
}

/** The maintenance windows in the page's language (毎週月曜日 2:00～4:00 / Mondays 2:00–4:00 (Japan time)). */
export const describeWindows = (windows: MaintenanceWindow[], locale: Locale): string => (locale === 'ja' ? describeWindowsJa(windows) : describeWindowsEn(windows));

/** The service-hours sentence of the 推奨環境 page, from MAINTENANCE_WINDOWS, in the page's language. */
export function serviceHours(windows: MaintenanceWindow[], locale: Locale): string {
  const m = siteMessages.of(locale);
  if (windows.length === 0) return m.hoursAlways;
  return m.hoursExcept({ windows: describeWindows(windows, locale) });
}

/** The service-hours sentence of the 推奨環境 page, from MAINTENANCE_WINDOWS. */
export const serviceHoursJa = (windows: MaintenanceWindow[]): string => serviceHours(windows, 'ja');
