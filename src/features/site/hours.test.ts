import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeWindowsEn, parseMaintenanceWindows } from '../../platform/maintenance.js';
import { serviceHours } from './service.js';

it('states the service hours in English, Japan time', () => {
  assert.equal(describeWindowsEn(parseMaintenanceWindows('Mon 02:00-04:00')), 'Mondays 2:00–4:00 (Japan time)');
  assert.equal(describeWindowsEn(parseMaintenanceWindows('Sun 23:00-24:00,Mon 00:00-04:00,* 12:00-12:15')), 'Sundays 23:00–24:00, Mondays 0:00–4:00 and daily 12:00–12:15 (Japan time)');
  assert.equal(serviceHours(parseMaintenanceWindows('none'), 'en'), 'The Customer Web Service is available 24 hours a day.');
  assert.equal(serviceHours(parseMaintenanceWindows('Mon 02:00-04:00'), 'ja'), 'お客さまWebサービスのご利用可能時間は、毎週月曜日 2:00～4:00（システムメンテナンス）を除く全日です。');
});
