import { describeWindows, type MaintenanceWindow } from '../../platform/maintenance.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';

/** The login page's maintenance windows: 毎週月曜日 2:00～4:00 / Mondays 2:00–4:00 (Japan time); '' when there are none. */
export function maintenanceText(windows: MaintenanceWindow[], locale: Locale): string {
  return windows.length === 0 ? '' : describeWindows(windows, locale);
}
