import { describeWindowsJa, type MaintenanceWindow } from '../../platform/maintenance.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';

// The same English words as features/site/service.ts's (a feature imports no other feature):
// both belong beside describeWindowsJa in platform/maintenance.ts, as describeWindows(windows, locale).
const EN_DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const clockText = (minute: number): string => `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`;

function describeWindowsEn(windows: MaintenanceWindow[]): string {
  const parts = windows.map((w) => `${w.day === null ? 'daily' : EN_DAYS[w.day]} ${clockText(w.startMinute)}–${clockText(w.endMinute)}`);
  const listed = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${listed} (Japan time)`;
}

/** The login page's maintenance windows: 毎週月曜日 2:00～4:00 / Mondays 2:00–4:00 (Japan time); '' when there are none. */
export function maintenanceText(windows: MaintenanceWindow[], locale: Locale): string {
  if (windows.length === 0) return '';
  return locale === 'ja' ? describeWindowsJa(windows) : describeWindowsEn(windows);
}
