import type { MaintenanceWindow } from '../../platform/maintenance.js';
import { describeWindowsJa } from '../../platform/maintenance.js';

/** The service-hours sentence of the 推奨環境 page, from MAINTENANCE_WINDOWS. */
export function serviceHoursJa(windows: MaintenanceWindow[]): string {
  if (windows.length === 0) return 'お客さまWebサービスは、24時間ご利用いただけます。';
  return `お客さまWebサービスのご利用可能時間は、${describeWindowsJa(windows)}（システムメンテナンス）を除く全日です。`;
}
