import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.databaseUrl, './data/keizoku.db');
    assert.equal(config.smtpUrl, null);
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.equal(config.verificationTtlMs, 48 * 3_600_000);
    assert.equal(config.reregistrationHoldMs, 72 * 3_600_000);
    assert.deepEqual(config.maintenanceWindows, [{ day: 1, startMinute: 120, endMinute: 240 }]);
    assert.equal(config.trustProxy, false);
    assert.match(config.ratesFile, /[/\\]rates[/\\]default\.json$/);
  });

  it('derives BASE_URL from PORT and reads the contract variables', () => {
    const config = loadConfig({ PORT: '8080', VERIFICATION_TTL: '90m', MAINTENANCE_WINDOWS: 'none', SMTP_URL: 'smtp://127.0.0.1:2525', TRUST_PROXY: '127.0.0.1,10.0.0.0/8' });
    assert.equal(config.baseUrl, 'http://localhost:8080');
    assert.equal(config.verificationTtlMs, 90 * 60_000);
    assert.equal(loadConfig({ REREGISTRATION_HOLD: '24h' }).reregistrationHoldMs, 24 * 3_600_000);
    assert.deepEqual(config.maintenanceWindows, []);
    assert.equal(config.smtpUrl, 'smtp://127.0.0.1:2525');
    assert.equal(config.trustProxy, '127.0.0.1,10.0.0.0/8');
  });

  it('refuses bad values, naming each variable', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadConfig({ VERIFICATION_TTL: '2 days' }), /VERIFICATION_TTL/);
    assert.throws(() => loadConfig({ REREGISTRATION_HOLD: '3 days' }), /REREGISTRATION_HOLD/);
    assert.throws(() => loadConfig({ REREGISTRATION_HOLD: '0h' }), /REREGISTRATION_HOLD/);
    assert.throws(() => loadConfig({ MAINTENANCE_WINDOWS: 'Monday' }), /MAINTENANCE_WINDOWS/);
    assert.throws(() => loadConfig({ SMTP_URL: 'not a url' }), /SMTP_URL/);
    assert.throws(() => loadConfig({ KEIZOKU_ENV: 'production' }), /SMTP_URL is required/);
  });

  it('keeps the dev mailbox on this machine: a reachable HOST needs SMTP_URL', () => {
    assert.throws(() => loadConfig({ HOST: '0.0.0.0' }), /SMTP_URL is required when HOST/);
    assert.equal(loadConfig({ HOST: '0.0.0.0', SMTP_URL: 'smtp://127.0.0.1:25' }).host, '0.0.0.0');
    assert.equal(loadConfig({ HOST: '::1' }).smtpUrl, null);
  });
});
