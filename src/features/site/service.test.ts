import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseMaintenanceWindows } from '../../platform/maintenance.js';
import { serviceHours } from './service.js';

it('states the service hours from the maintenance windows, or that there are none', () => {
  assert.equal(serviceHours(parseMaintenanceWindows('Mon 02:00-04:00'), 'ja'), 'お客さまWebサービスのご利用可能時間は、毎週月曜日 2:00～4:00（システムメンテナンス）を除く全日です。');
  assert.equal(serviceHours(parseMaintenanceWindows('none'), 'ja'), 'お客さまWebサービスは、24時間ご利用いただけます。');
});
