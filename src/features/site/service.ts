import { describeWindows, type MaintenanceWindow } from '../../platform/maintenance.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { siteMessages } from './messages.js';

/** The service-hours sentence of the 推奨環境 page, from MAINTENANCE_WINDOWS, in the page's language. */
export function serviceHours(windows: MaintenanceWindow[], locale: Locale): string {
  const m = siteMessages.of(locale);
  if (windows.length === 0) return m.hoursAlways;
  return m.hoursExcept({ windows: describeWindows(windows, locale) });
}
